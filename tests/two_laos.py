"""Two LAOs on one instance, with words planted where the public must not see them.

Site A and site B each have their own Wagtail site, ITA section, fiscal year,
O42, O43, item pages, offices and settings. Site A also holds drafts newer
than its live pages and pages behind a login or a password; every planted
word is a marker of letters only (Thai digits and escaping leave it whole).
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from ita_wagtail.models import (
    ItaItemPage,
    ItaSiteSettings,
    MeasureIndexPage,
    MeasureResultPage,
)
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import ItaTree, make_lao_site, measure_raw, result_raw


#: Words of site B: none may appear anywhere on site A.
SITE_B = {
    "organisation": "SITEBORGANISATION",
    "office": "SITEBOFFICE",
    "measure": "SITEBMEASURE",
    "result": "SITEBRESULT",
    "item": "SITEBITEM",
    "document": "SITEBDOCUMENT",
    "image": "SITEBIMAGE",
}
#: Words of site A's drafts (newer than what is live, or never published).
DRAFTS = {
    "o42": "DRAFTAMEASURE",
    "o43": "DRAFTARESULT",
    "item": "DRAFTAITEM",
    "unpublished": "DRAFTAUNPUBLISHEDPAGE",
}
#: Words of site A's pages that only some may see.
PRIVATE = {"login": "PRIVATEALOGIN", "password": "PRIVATEAPASSWORD"}


def text_body(text):
    return [{"type": "text", "value": f"<p>{text}</p>"}]


class TwoLaos:
    def __init__(self):
        self.a = ItaTree(
            site=make_lao_site("a.example.go.th", "อบต.ก"),
            organisation_name="องค์การบริหารส่วนตำบลก",
        )
        self.b = ItaTree(
            site=make_lao_site("b.example.go.th", "อบต.ข"),
            organisation_name=f"องค์การบริหารส่วนตำบลข {SITE_B['organisation']}",
        )
        for tree in (self.a, self.b):
            tree.roles = setup_site_roles(tree.site)
        self.plant_site_b()
        self.plant_drafts_of_a()
        self.plant_private_pages_of_a()

    def plant_site_b(self):
        b = self.b
        b.office.name = SITE_B["office"]
        b.office.save()
        plan = MeasureIndexPage.objects.get(pk=b.plan.pk)
        plan.measures = [measure_raw(SITE_B["measure"], offices=[b.office])]
        plan.save_revision().publish()
        report = MeasureResultPage.objects.get(pk=b.report.pk)
        report.results = [result_raw(plan.measures[0].id, actions=(SITE_B["result"],))]
        report.save_revision().publish()
        b.item = b.add_item_page("O1", body=text_body(SITE_B["item"]))
        document = get_document_model().objects.create(
            title=SITE_B["document"],
            file=ContentFile(b"evidence of B", name="site-b.txt"),
            collection=b.roles.collection,
        )
        b.item.body = [
            *text_body(SITE_B["item"]),
            {
                "type": "document",
                "value": {"document": document.pk, "description": SITE_B["item"]},
            },
        ]
        b.item.save_revision().publish()
        get_image_model().objects.create(
            title=SITE_B["image"],
            file=get_test_image_file(filename="site-b.png"),
            collection=b.roles.collection,
        )
        settings = ItaSiteSettings.for_site(b.site)
        settings.organisation_name = f"อบต.ข {SITE_B['organisation']}"
        settings.save()

    def plant_drafts_of_a(self):
        a = self.a
        # O42: live, with a newer draft that rewords the first measure.
        plan = MeasureIndexPage.objects.get(pk=a.plan.pk)
        plan.save_revision().publish()
        draft = plan.get_latest_revision_as_object()
        measures = [dict(m, value=dict(m["value"])) for m in a.measures]
        measures[0]["value"]["measure"] = DRAFTS["o42"]
        draft.measures = measures
        draft.save_revision()
        # O43: live, once saved by an editor who saw that draft's wording
        # (earlier versions copied it into each result), and with a newer
        # draft result of its own.
        report = MeasureResultPage.objects.get(pk=a.report.pk)
        results = [result_raw(measure_id) for measure_id in a.measure_ids]
        results[0]["value"]["measure_label"] = f"1. {DRAFTS['o42']}"
        report.results = results
        report.save_revision().publish()
        draft = report.get_latest_revision_as_object()
        draft.results = [
            result_raw(measure_id, actions=(DRAFTS["o43"],))
            for measure_id in a.measure_ids
        ]
        draft.save_revision()
        # An item page: live, with a newer draft.
        a.item = a.add_item_page("O1")
        a.item.save_revision().publish()
        draft = a.item.get_latest_revision_as_object()
        draft.body = text_body(DRAFTS["item"])
        draft.save_revision()
        # An item page never published.
        a.unpublished = a.year_page.add_child(
            instance=ItaItemPage(
                title=a.items["O2"].title_th,
                slug="o2",
                oit_item=a.items["O2"],
                body=text_body(DRAFTS["unpublished"]),
                live=False,
            )
        )
        a.unpublished.save_revision()

    def plant_private_pages_of_a(self):
        a = self.a
        a.login_page = a.add_item_page("O3", body=text_body(PRIVATE["login"]))
        PageViewRestriction.objects.create(
            page=a.login_page, restriction_type=PageViewRestriction.LOGIN
        )
        a.password_page = a.add_item_page("O4", body=text_body(PRIVATE["password"]))
        PageViewRestriction.objects.create(
            page=a.password_page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="secret-of-a",
        )

    @property
    def planted(self):
        """Every word site A's public must not see, with where it was planted."""
        return {
            **{word: f"site B's {name}" for name, word in SITE_B.items()},
            **{word: f"site A's {name} draft" for name, word in DRAFTS.items()},
            **{
                word: f"site A's {name}-restricted page"
                for name, word in PRIVATE.items()
            },
        }
