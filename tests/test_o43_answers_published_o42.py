"""One rule: O43 answers the published O42 (issues 13.1 and 15).

The O43 editor, its checks, its public page, history, exports and API, its
import, last year's results and next year's carry-forward all read the
published O42; a newer O42 draft is shown to the O43 editor as such, with
what differs, and nothing of it reaches the public.
"""

import json

import pytest
from django.urls import reverse

from ita_wagtail.domain.measure_table import measure_label
from ita_wagtail.models import ItaYearPage, MeasureIndexPage, MeasureResultPage
from ita_wagtail.models.history import published_versions
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.plans import build_plan
from tests.factories import ItaTree, measure_raw, result_form_value, result_raw
from tests.importing import csv_bytes
from tests.test_o42_o43_rules import o43_form_data


pytestmark = pytest.mark.django_db

DRAFT_ADDED = "มาตรการในฉบับร่างเท่านั้น DRAFTADDED"
DRAFT_REWORDED = "ถ้อยคำใหม่ในฉบับร่าง DRAFTREWORD"


def save_o42_draft(tree, *, add=True, reword=True, remove_last=False):
    """An O42 draft that adds, rewords and removes measures; O42 stays published."""
    plan = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    plan.save_revision().publish()  # the published O42, with a revision
    draft = plan.get_latest_revision_as_object()
    measures = [dict(m) for m in tree.measures]
    if reword:
        measures[0] = {**measures[0], "value": {**measures[0]["value"]}}
        measures[0]["value"]["measure"] = DRAFT_REWORDED
    if remove_last:
        measures = measures[:-1]
    if add:
        measures.append(measure_raw(DRAFT_ADDED, offices=[tree.office]))
    draft.measures = measures
    draft.save_revision()
    plan = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    assert plan.has_unpublished_changes and DRAFT_ADDED not in str(
        plan.measures.raw_data
    )
    return plan


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def public_texts(client, tree):
    """Everything the public gets of O43: page, history, exports, API."""
    report = MeasureResultPage.objects.get(pk=tree.report.pk)
    texts = []
    for url in [
        report.url,
        report.url + "history/",
        *(f"/ita-data/{report.pk}.{fmt}" for fmt in ("csv", "json")),
        f"/api/v2/pages/{report.pk}/",
        "/api/v2/pages/?type=ita_wagtail.MeasureResultPage&fields=*",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        texts.append(body)
        if url.startswith("/api/") or url.endswith(".json"):
            texts.append(json.dumps(json.loads(body), ensure_ascii=False))
    return "\n".join(texts)


def test_the_o43_editor_lists_the_published_measures_and_shows_the_draft_as_such(
    admin_client, ita_tree
):
    save_o42_draft(ita_tree)
    response = admin_client.get(edit_url(ita_tree.report))
    results = list(response.context["form"].initial["results"])
    published = [m["value"]["measure"] for m in ita_tree.measures]
    assert [r.value["measure_label"] for r in results] == [
        measure_label(n, {"measure": text}) for n, text in enumerate(published, 1)
    ]
    # The newer draft is shown to the editor, as a draft, with what differs.
    html = response.content.decode()
    assert "newer draft" in html or "ฉบับร่างที่ใหม่กว่า" in html
    assert DRAFT_ADDED in html and DRAFT_REWORDED in html


def test_saving_o43_checks_it_against_the_measures_it_shows(admin_client, ita_tree):
    save_o42_draft(ita_tree, reword=False)
    # The editor fills in the rows the form shows and publishes.
    response = admin_client.get(edit_url(ita_tree.report))
    rows = list(response.context["form"].initial["results"])
    results = [
        (
            "result",
            f"r{n}",
            {
                **result_form_value(r.value["measure_id"]),
                "measure_label": r.value["measure_label"],
            },
        )
        for n, r in enumerate(rows)
    ]
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 302  # published, no false "removed" finding
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    assert not report.has_unpublished_changes
    assert not [f for f in report.get_findings() if f.is_error]


def test_nothing_of_an_o42_draft_reaches_o43s_public_page_history_exports_or_api(
    client, admin_client, ita_tree
):
    save_o42_draft(ita_tree)
    # O43 as an editor saved it on a version that copied the draft's labels
    # into each result (as earlier versions did): published through the admin.
    response = admin_client.get(edit_url(ita_tree.report))
    rows = list(response.context["form"].initial["results"])
    draft_labels = [DRAFT_REWORDED] + [r.value["measure_label"] for r in rows[1:]]
    results = [
        (
            "result",
            f"r{n}",
            {**result_form_value(r.value["measure_id"]), "measure_label": label},
        )
        for n, (r, label) in enumerate(zip(rows, draft_labels, strict=True))
    ]
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 302
    seen = public_texts(client, ita_tree)
    assert DRAFT_REWORDED not in seen and DRAFT_ADDED not in seen
    assert "มาตรการที่ 1" in seen  # the published wording, derived at render time


def test_under_an_o42_never_published_o43_edits_as_a_draft_and_shows_nothing_of_it(
    client, admin_client
):
    tree = ItaTree()
    unpublished = "มาตรการที่ไม่เคยเผยแพร่ NEVERPUBLISHED"
    plan = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    plan.unpublish()
    plan = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    plan.measures = [measure_raw(unpublished, offices=[tree.office])]
    plan.save()  # Wagtail keeps a page that is not live in its row
    # The public O43 (still live) shows nothing of the unpublished O42.
    seen = public_texts(client, tree)
    assert unpublished not in seen
    # The editor opens O43: its results stay as they were, none is added.
    response = admin_client.get(edit_url(tree.report))
    assert response.status_code == 200
    rows = list(response.context["form"].initial["results"])
    assert [r.value["measure_id"] for r in rows] == tree.measure_ids
    # A draft saves; publishing is refused once, saying why.
    results = [
        ("result", f"r{n}", result_form_value(measure_id))
        for n, measure_id in enumerate(tree.measure_ids)
    ]
    response = admin_client.post(
        edit_url(tree.report), o43_form_data(tree, results, publish=False)
    )
    assert response.status_code == 302
    response = admin_client.post(edit_url(tree.report), o43_form_data(tree, results))
    assert response.status_code == 200
    codes = [f.code for f in response.context["form"].ita_findings if f.is_error]
    assert codes == ["o43.plan_not_live"]


def test_next_year_starts_from_the_published_measures(admin_client, ita_tree):
    save_o42_draft(ita_tree, add=False, reword=False, remove_last=True)
    response = admin_client.post(
        reverse("ita_wagtail_admin:next_year", args=[ita_tree.plan.pk])
    )
    assert response.status_code == 302
    new_plan = MeasureIndexPage.objects.exclude(pk=ita_tree.plan.pk).get()
    carried = [
        m.value["measure"] for m in new_plan.get_latest_revision_as_object().measures
    ]
    assert carried == [m["value"]["measure"] for m in ita_tree.measures]


def test_last_years_results_are_beside_the_published_measures(admin_client, ita_tree):
    save_o42_draft(ita_tree)
    year = ita_tree.index.add_child(
        instance=ItaYearPage(title="ปีงบประมาณ 2565", slug="2565", year=2565)
    )
    plan = year.add_child(
        instance=MeasureIndexPage(title="มาตรการ", slug="o42", measures=[])
    )
    html = admin_client.get(
        reverse("ita_wagtail_admin:previous_year", args=[plan.pk])
    ).content.decode()
    assert "มาตรการที่ 1" in html
    assert DRAFT_ADDED not in html and DRAFT_REWORDED not in html


def test_the_o43_import_matches_the_published_measures(ita_tree):
    save_o42_draft(ita_tree)
    table = read_table(
        csv_bytes(
            [
                ["มาตรการ", "ผลการดำเนินงาน"],
                ["1. มาตรการที่ 1", "ทำแล้ว"],
                [f"4. {DRAFT_ADDED}", "ทำแล้ว"],
            ]
        ),
        "report.csv",
    )
    plan = build_plan(ita_tree.report, table, table.mapping)
    assert plan.rows[0].match.measure_id == ita_tree.measure_ids[0]
    assert plan.rows[1].match is None  # only in the O42 draft: not published yet


def test_the_o43_history_names_results_by_the_published_measures_only(client, ita_tree):
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.save_revision().publish()
    # A later version differs only in the editor's copy of an O42 draft's wording.
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    results = [result_raw(m) for m in ita_tree.measure_ids]
    for raw, old in zip(results, report.results.raw_data, strict=True):
        raw["id"] = old["id"]
        raw["value"]["actions"] = old["value"]["actions"]
    results[0]["value"]["measure_label"] = f"1. {DRAFT_REWORDED}"
    report.results = results
    report.save_revision().publish()
    html = client.get(report.url + "history/").content.decode()
    assert DRAFT_REWORDED not in html
    assert (
        "มาตรการที่ ๑" in html
    )  # the first version added it, by its measure (site digits)
    versions = published_versions(report)
    assert len(versions) == 2 and versions[0].changes == []
