"""Many LAOs on one instance: each sees and changes only its own offices, settings."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from ita_wagtail.models import ItaSiteSettings, MeasureIndexPage, ResponsibleOffice
from ita_wagtail.models.site_access import ita_sites_for_user
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import lao, measure_form_value, member, speaks
from tests.test_o42_o43_rules import form_messages, o42_form_data


pytestmark = pytest.mark.django_db

OFFICES = "wagtailsnippets_ita_wagtail_responsibleoffice"
CHOOSER = "wagtailsnippetchoosers_ita_wagtail_responsibleoffice"


@pytest.fixture
def editor_a(client, django_user_model, lao_a, lao_b):
    user = member(django_user_model, "clerk_a", lao_a.roles.editors)
    client.force_login(user)
    return user


@pytest.fixture
def webmaster_a(client, django_user_model, lao_a, lao_b):
    user = member(django_user_model, "web_a", lao_a.roles.webmasters)
    client.force_login(user)
    return user


def content(response):
    assert response.status_code == 200
    return response.content.decode()


def modal_html(response):
    """The chooser's HTML: the modal comes as JSON, its results as HTML."""
    assert response.status_code == 200
    if response["Content-Type"] == "application/json":
        return response.json()["html"]
    return response.content.decode()


def refused(response):
    """Wagtail refuses by sending the user to the admin home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def settings_url(site):
    return reverse(
        "wagtailsettings:edit", args=["ita_wagtail", "itasitesettings", site.pk]
    )


# Which sites a user has ------------------------------------------------------


def test_a_user_has_the_sites_whose_ita_section_they_edit(
    django_user_model, lao_a, lao_b
):
    editor = member(django_user_model, "clerk", lao_a.roles.editors)
    approver = member(django_user_model, "palad", lao_a.roles.approvers)
    both = member(
        django_user_model, "web", lao_a.roles.webmasters, lao_b.roles.webmasters
    )
    nobody = member(django_user_model, "nobody")
    root = django_user_model.objects.create_superuser("root", "r@example.com", "pw")
    assert list(ita_sites_for_user(editor)) == [lao_a.site]
    assert list(ita_sites_for_user(approver)) == [lao_a.site]
    assert set(ita_sites_for_user(both)) == {lao_a.site, lao_b.site}
    assert not ita_sites_for_user(nobody).exists()
    assert set(ita_sites_for_user(root)) == set(Site.objects.all())


def test_an_inactive_user_has_no_site(django_user_model, lao_a):
    editor = member(django_user_model, "clerk", lao_a.roles.editors)
    editor.is_active = False
    assert not ita_sites_for_user(editor).exists()


# Offices ---------------------------------------------------------------------


def test_the_office_listing_shows_only_the_editors_own_lao(client, editor_a, lao_b):
    html = content(client.get(reverse(f"{OFFICES}:list")))
    assert "กองช่างของ ก" in html
    assert "กองสาธารณสุขของ ข" not in html
    assert "อบต.ข" not in html  # nor in the site filter


def test_searching_offices_finds_only_the_editors_own_lao(client, editor_a):
    for name in ("list", "list_results"):
        html = content(client.get(reverse(f"{OFFICES}:{name}"), {"q": "กอง"}))
        assert "กองช่างของ ก" in html
        assert "กองสาธารณสุขของ ข" not in html


def test_filtering_by_another_laos_site_shows_none_of_its_offices(
    client, editor_a, lao_b
):
    response = client.get(reverse(f"{OFFICES}:list"), {"site": lao_b.site.pk})
    assert "กองสาธารณสุขของ ข" not in content(response)


def test_the_office_chooser_offers_only_the_editors_own_lao(
    client, editor_a, lao_a, lao_b
):
    for name, params in [
        ("choose", {}),
        ("choose_results", {}),
        ("choose_results", {"q": "กอง"}),
    ]:
        html = modal_html(client.get(reverse(f"{CHOOSER}:{name}"), params))
        assert "กองช่างของ ก" in html
        assert "กองสาธารณสุขของ ข" not in html
    chosen = reverse(f"{CHOOSER}:chosen", args=[lao_b.own_office.pk])
    assert client.get(chosen).status_code == 404
    assert (
        client.get(reverse(f"{CHOOSER}:chosen", args=[lao_a.own_office.pk])).status_code
        == 200
    )
    multiple = client.get(
        reverse(f"{CHOOSER}:chosen_multiple"),
        {"id": [lao_a.own_office.pk, lao_b.own_office.pk]},
    )
    chosen_names = [item["string"] for item in multiple.json()["result"]]
    assert chosen_names == ["กองช่างของ ก"]


@pytest.mark.parametrize("view", ["edit", "delete", "copy", "usage", "history"])
def test_another_laos_office_is_not_found_and_stays_unchanged(
    client, webmaster_a, lao_b, view
):
    office = lao_b.own_office
    url = reverse(f"{OFFICES}:{view}", args=[office.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"site": lao_b.site.pk, "name": "เปลี่ยนชื่อ", "sort_order": 0}
    )
    assert response.status_code == 404
    office.refresh_from_db()
    assert office.name == "กองสาธารณสุขของ ข"
    assert ResponsibleOffice.objects.filter(site=lao_b.site).count() == 2


def test_the_editor_edits_their_own_laos_office(client, editor_a, lao_a):
    office = lao_a.own_office
    url = reverse(f"{OFFICES}:edit", args=[office.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"site": lao_a.site.pk, "name": "กองช่าง", "sort_order": 1}
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.name == "กองช่าง"


def test_a_new_office_offers_only_the_editors_own_site_already_chosen(
    client, editor_a, lao_a
):
    response = client.get(reverse(f"{OFFICES}:add"))
    field = response.context["form"]["site"]
    assert list(field.field.queryset) == [lao_a.site]
    assert field.value() == lao_a.site.pk
    assert "อบต.ข" not in content(response)


REFUSED_SITE = {
    "en": "You can add offices only for the sites whose ITA section you edit. "
    "Choose one of those sites.",
    "th": "คุณเพิ่มหน่วยงานได้เฉพาะสำหรับเว็บไซต์ที่คุณแก้ไขส่วน ITA ได้เท่านั้น "
    "โปรดเลือกหนึ่งในเว็บไซต์เหล่านั้น",
}


@pytest.mark.parametrize("language", ["en", "th"])
def test_an_office_for_another_lao_is_refused_and_nothing_is_created(
    client, editor_a, lao_b, language
):
    speaks(editor_a, language)
    before = ResponsibleOffice.objects.count()
    response = client.post(
        reverse(f"{OFFICES}:add"),
        {"site": lao_b.site.pk, "name": "กองใหม่", "sort_order": 0},
    )
    assert REFUSED_SITE[language] in content(response)
    assert ResponsibleOffice.objects.count() == before
    assert response.context["form"]["name"].value() == "กองใหม่"  # nothing lost


def test_bulk_delete_leaves_another_laos_offices_alone(
    client, webmaster_a, lao_a, lao_b
):
    url = reverse(
        "wagtail_bulk_action",
        args=["ita_wagtail", "responsibleoffice", "delete"],
    )
    only_b = f"{url}?id={lao_b.own_office.pk}"
    assert client.get(only_b).status_code == 404
    assert client.post(only_b).status_code == 404
    both = f"{url}?id={lao_a.own_office.pk}&id={lao_b.own_office.pk}"
    html = content(client.get(both))
    assert "กองสาธารณสุขของ ข" not in html
    client.post(both)
    assert not ResponsibleOffice.objects.filter(pk=lao_a.own_office.pk).exists()
    assert ResponsibleOffice.objects.filter(pk=lao_b.own_office.pk).exists()
    client.post(f"{url}?id=all")
    assert ResponsibleOffice.objects.filter(site=lao_b.site).count() == 2


def test_a_superuser_sees_the_offices_of_every_lao(admin_client, lao_a, lao_b):
    html = content(admin_client.get(reverse(f"{OFFICES}:list")))
    assert "กองช่างของ ก" in html and "กองสาธารณสุขของ ข" in html
    html = modal_html(admin_client.get(reverse(f"{CHOOSER}:choose")))
    assert "กองช่างของ ก" in html and "กองสาธารณสุขของ ข" in html
    url = reverse(f"{OFFICES}:edit", args=[lao_b.own_office.pk])
    assert admin_client.get(url).status_code == 200


def test_listing_offices_costs_the_same_queries_for_2_or_12_laos(
    client, django_user_model, lao_a, lao_b
):
    # The listing's results (what search, filters and pages reload) and the
    # chooser's; the whole admin page adds the menu, which is not the offices'.
    editor = member(django_user_model, "clerk_a", lao_a.roles.editors)
    client.force_login(editor)
    urls = [reverse(f"{OFFICES}:list_results"), reverse(f"{CHOOSER}:choose_results")]

    def queries():
        counts = []
        for url in urls:
            client.get(url)  # warm the caches (site root paths, content types)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    with_two = queries()
    for number in range(10):
        lao(f"lao{number}.example.go.th", f"อบต.{number}", f"กองคลัง {number}")
    assert Site.objects.filter(hostname__endswith=".example.go.th").count() == 12
    assert queries() == with_two


# The O42 editor ----------------------------------------------------------------


ANOTHER_SITES_OFFICE = {
    "en": "an office of another site",
    "th": "ซึ่งเป็นหน่วยงานของเว็บไซต์อื่น",
}


@pytest.mark.parametrize("language", ["en", "th"])
def test_an_o42_naming_another_laos_office_is_not_published(
    client, editor_a, lao_a, lao_b, language
):
    speaks(editor_a, language)
    plan = lao_a.plan
    data = o42_form_data(
        lao_a,
        [("measure", "m1", measure_form_value("มาตรการเดียว", lao_b.own_office))],
        publish=False,
    )
    data["action-submit"] = "action-submit"  # checked as publishing is
    response = client.post(reverse("wagtailadmin_pages:edit", args=[plan.pk]), data)
    assert response.status_code == 200
    message = ANOTHER_SITES_OFFICE[language]
    messages = form_messages(response)
    assert any(message in m and "กองสาธารณสุขของ ข" in m for m in messages)
    plan = MeasureIndexPage.objects.get(pk=plan.pk)
    assert not plan.has_unpublished_changes
    assert [o.pk for o in plan.measures[0].value["offices"]] == [lao_a.office.pk]


def test_an_o42_naming_another_laos_office_has_a_finding(lao_a, lao_b):
    plan = lao_a.plan
    plan.measures[0].value["offices"] = [lao_b.own_office]
    codes = [finding.code for finding in plan.get_findings()]
    assert "o42.office_of_another_site" in codes
    assert "o42.office_of_another_site" not in [
        finding.code for finding in lao_b.plan.get_findings()
    ]


# ITA settings ----------------------------------------------------------------


def test_a_webmaster_changes_only_their_own_laos_settings(
    client, webmaster_a, lao_a, lao_b
):
    assert content(client.get(settings_url(lao_a.site)))
    assert refused(client.get(settings_url(lao_b.site)))
    response = client.post(
        settings_url(lao_b.site),
        {"organisation_name": "ถูกแก้", "organisation_type": "sao", "digits": "thai"},
    )
    assert refused(response)
    assert ItaSiteSettings.for_site(lao_b.site).organisation_name == "อบต.ข"
    response = client.get(
        reverse("wagtailsettings:edit", args=["ita_wagtail", "itasitesettings"])
    )
    assert response.url == settings_url(lao_a.site)


def test_the_site_switcher_lists_only_the_webmasters_sites(
    client, django_user_model, lao_a, lao_b
):
    lao_c = lao("c.example.go.th", "อบต.ค", "กองคลังของ ค")
    user = member(
        django_user_model, "web_ac", lao_a.roles.webmasters, lao_c.roles.webmasters
    )
    client.force_login(user)
    response = client.get(settings_url(lao_c.site))
    switcher = response.context["site_switcher"]
    offered = {label for _url, label in switcher.fields["site"].choices}
    assert offered == {str(lao_a.site), str(lao_c.site)}
    assert "b.example.go.th" not in content(response)


def test_an_editor_does_not_change_the_ita_settings(client, editor_a, lao_a):
    assert refused(client.get(settings_url(lao_a.site)))


def test_a_superuser_changes_every_laos_settings(admin_client, lao_a, lao_b):
    assert content(admin_client.get(settings_url(lao_a.site)))
    assert content(admin_client.get(settings_url(lao_b.site)))


def test_a_settings_permission_granted_for_every_site_still_keeps_to_own_lao(
    client, webmaster_a, lao_a, lao_b
):
    # Groups set up by earlier versions had the permission for every site.
    permission = Permission.objects.get(codename="change_itasitesettings")
    lao_a.roles.webmasters.permissions.add(permission)
    assert refused(client.get(settings_url(lao_b.site)))
    assert content(client.get(settings_url(lao_a.site)))
    setup_site_roles(lao_a.site)
    assert not lao_a.roles.webmasters.permissions.filter(pk=permission.pk).exists()


# The history of offices ----------------------------------------------------


def edit_office(client, office, name):
    response = client.post(
        reverse(f"{OFFICES}:edit", args=[office.pk]),
        {"site": office.site_id, "name": name, "sort_order": 0},
    )
    assert response.status_code == 302, response.content.decode()[:500]


def edit_as_webmaster_of_b(django_user_model, lao_b):
    """Another LAO's webmaster, in a browser of their own (their own messages)."""
    from django.test import Client

    other = Client()
    other.force_login(member(django_user_model, "web_b", lao_b.roles.webmasters))
    edit_office(other, lao_b.own_office, "กองลับของ ข")


def test_site_history_shows_only_the_users_own_laos_office_changes(
    client, django_user_model, lao_a, lao_b
):
    edit_as_webmaster_of_b(django_user_model, lao_b)
    client.force_login(member(django_user_model, "web_a2", lao_a.roles.webmasters))
    edit_office(client, lao_a.own_office, "กองช่างของ ก (แก้)")

    history = content(client.get(reverse("wagtailadmin_reports:site_history")))
    assert "กองช่างของ ก (แก้)" in history
    assert "กองลับของ ข" not in history
    assert "web_b" not in history
    own = content(client.get(reverse(f"{OFFICES}:history", args=[lao_a.own_office.pk])))
    assert "กองช่างของ ก (แก้)" in own


def test_a_superuser_reads_the_office_history_of_every_lao(
    admin_client, django_user_model, lao_a, lao_b
):
    edit_as_webmaster_of_b(django_user_model, lao_b)
    history = content(admin_client.get(reverse("wagtailadmin_reports:site_history")))
    assert "กองลับของ ข" in history


def test_office_history_from_earlier_versions_moves_to_its_site(lao_a):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from ita_wagtail.models import ResponsibleOfficeLogEntry

    migration = import_module("ita_wagtail.migrations.0005_office_history_per_site")
    office = lao_a.own_office
    old = {
        "content_type": ContentType.objects.get_for_model(ResponsibleOffice),
        "label": office.name,
        "action": "wagtail.edit",
        "timestamp": "2026-01-01T00:00:00Z",
    }
    ModelLogEntry.objects.create(**old, object_id=str(office.pk))
    ModelLogEntry.objects.create(**old, object_id="999999")  # since deleted
    migration.move_office_history(apps, None)
    assert not ModelLogEntry.objects.filter(content_type=old["content_type"]).exists()
    moved = dict(ResponsibleOfficeLogEntry.objects.values_list("object_id", "site_id"))
    assert moved == {str(office.pk): lao_a.site.pk, "999999": None}


def test_the_offices_have_a_menu_item_and_no_count_of_every_laos_offices(
    client, editor_a, lao_a, lao_b
):
    for number in range(5):
        ResponsibleOffice.objects.create(site=lao_b.site, name=f"กองของ ข {number}")
    home = content(client.get(reverse("wagtailadmin_home")))
    assert reverse(f"{OFFICES}:list") in home
    # Wagtail's Snippets index counts a model's rows over all sites: the
    # offices are not listed there.
    response = client.get(reverse("wagtailsnippets:index"))
    assert response.status_code in (302, 403) or reverse(
        f"{OFFICES}:list"
    ) not in content(response)
