"""O43 is consistent with O42 by construction, and both stay inside the fiscal year.

A draft always saves; publishing is refused with a message on what to fix.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from ita_wagtail.domain.compliance import plan_findings, report_findings
from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.models import MeasureIndexPage, MeasureResultPage
from tests.factories import (
    ItaTree,
    measure_form_value,
    measure_raw,
    page_form_data,
    result_form_value,
    result_raw,
    speaks,
    stream_form_data,
)


pytestmark = pytest.mark.django_db

FY2564 = FiscalYear(2564)


def codes(findings):
    return sorted(f.code for f in findings)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(page_class, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[page_class._meta.app_label, page_class._meta.model_name, parent.pk],
    )


def o42_form_data(tree, measures, publish=True):
    data = page_form_data(
        title="มาตรการ",
        slug="o42",
        oit_item=str(tree.items["O42"].pk),
        answer_note="",
        analysis_intro=rich_text("<p>วิเคราะห์ผล ITA ปี 2563</p>"),
        **stream_form_data("analysis", []),
        **stream_form_data("measures", measures),
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def o43_form_data(tree, results, report_date="2021-03-31", publish=True):
    data = page_form_data(
        title="การดำเนินการตามมาตรการ",
        slug="o43",
        oit_item=str(tree.items["O43"].pk),
        answer_note="",
        reporting_round="six_month",
        report_date=report_date,
        intro=rich_text(""),
        **stream_form_data("results", results),
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def form_messages(response):
    """Every error message of the page form, through StreamField block errors."""
    messages = []

    def collect(error):
        if not hasattr(error, "block_errors"):
            messages.extend(error.messages)
            return
        for child in (error.block_errors or {}).values():
            collect(child)
        for child in error.non_block_errors.as_data():
            collect(child)

    form = response.context["form"]
    for errors in form.errors.values():
        for error in errors.as_data():
            collect(error)
    return messages


def results_for(tree, measure_ids):
    return [
        ("result", f"r-{measure_id}", result_form_value(measure_id))
        for measure_id in measure_ids
    ]


# The rules as plain functions ------------------------------------------------


def test_o42_flags_a_period_outside_the_fiscal_year(ita_tree):
    ita_tree.plan.measures = [
        measure_raw(
            "ก",
            offices=[ita_tree.office],
            start=datetime.date(2021, 9, 1),
            end=datetime.date(2021, 10, 31),
        ),
    ]
    assert codes(plan_findings(FY2564, ita_tree.plan.measures)) == [
        "o42.period_outside_fiscal_year"
    ]


def test_o42_with_periods_inside_the_fiscal_year_has_no_findings(ita_tree):
    assert plan_findings(FY2564, ita_tree.plan.measures) == []


def test_o42_without_measures_is_flagged(ita_tree):
    ita_tree.plan.measures = []
    assert codes(plan_findings(FY2564, ita_tree.plan.measures)) == ["o42.no_measures"]


def test_consistent_o43_has_no_findings(ita_tree):
    assert ita_tree.report.get_findings() == []


def test_o43_flags_a_measure_without_result(ita_tree):
    ita_tree.report.results = [result_raw(mid) for mid in ita_tree.measure_ids[:-1]]
    assert codes(ita_tree.report.get_findings()) == ["o43.measure_without_result"]


def test_o43_flags_a_result_whose_measure_no_longer_exists(ita_tree):
    ita_tree.report.results = [
        *(result_raw(mid) for mid in ita_tree.measure_ids),
        result_raw("removed-measure"),
    ]
    findings = ita_tree.report.get_findings()
    assert codes(findings) == ["o43.result_without_measure"]
    assert findings[0].block_index == 3


def test_o43_flags_a_second_result_for_the_same_measure(ita_tree):
    ita_tree.report.results = [
        *(result_raw(mid) for mid in ita_tree.measure_ids),
        result_raw(ita_tree.measure_ids[0]),
    ]
    assert codes(ita_tree.report.get_findings()) == ["o43.result_without_measure"]


def test_o43_flags_a_report_date_outside_the_fiscal_year(ita_tree):
    findings = report_findings(
        FY2564,
        datetime.date(2021, 10, 1),
        ita_tree.report.results,
        ita_tree.plan.measures,
    )
    assert codes(findings) == ["o43.report_date_outside_fiscal_year"]


def test_o43_under_an_unpublished_o42_is_flagged(ita_tree):
    ita_tree.plan.unpublish()
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    assert "o43.plan_not_live" in codes(report.get_findings())


# New pages start right --------------------------------------------------------


def test_new_pages_start_with_the_year_and_item_code_as_slug(admin_client, ita_tree):
    from ita_wagtail.models import ItaYearPage

    response = admin_client.get(add_url(ItaYearPage, ita_tree.index))
    form = response.context["form"]
    assert form.initial["slug"] == str(form.initial["year"])

    ita_tree.plan.delete()
    year_page = ita_tree.year_page
    response = admin_client.get(add_url(MeasureIndexPage, year_page))
    assert response.context["form"].initial["slug"] == "o42"
    assert response.context["form"].initial["oit_item"] == ita_tree.items["O42"].pk


def test_a_new_o43_starts_with_one_result_per_measure_in_o42_order(
    admin_client, ita_tree
):
    response = admin_client.get(add_url(MeasureResultPage, ita_tree.plan))
    form = response.context["form"]
    assert form.initial["slug"] == "o43-six-month"  # "o43" is taken by the first report
    results = form.initial["results"]
    assert [child.value["measure_id"] for child in results] == ita_tree.measure_ids
    assert results[0].value["measure_label"] == "1. มาตรการที่ 1"
    assert all(child.value["status"] == "not_started" for child in results)


def test_opening_o43_adds_a_row_for_a_measure_added_to_o42_later(
    admin_client, ita_tree
):
    new_measure = measure_raw("มาตรการใหม่", offices=[ita_tree.office])
    ita_tree.plan.measures = [*ita_tree.measures, new_measure]
    ita_tree.plan.save_revision().publish()

    response = admin_client.get(edit_url(ita_tree.report))
    results = response.context["form"].initial["results"]
    assert [child.value["measure_id"] for child in results] == [
        *ita_tree.measure_ids,
        new_measure["id"],
    ]
    assert list(results[-1].value["actions"]) == []


def test_opening_o43_keeps_a_result_whose_measure_was_removed(admin_client, ita_tree):
    ita_tree.plan.measures = ita_tree.measures[1:]
    ita_tree.plan.save_revision().publish()

    response = admin_client.get(edit_url(ita_tree.report))
    results = response.context["form"].initial["results"]
    assert [child.value["measure_id"] for child in results] == [
        *ita_tree.measure_ids[1:],
        ita_tree.measure_ids[0],
    ]


# Publishing is checked, drafts are not blocked --------------------------------


def test_publishing_o42_with_a_period_outside_the_year_is_refused(
    admin_client, ita_tree
):
    data = o42_form_data(
        ita_tree,
        [
            (
                "measure",
                "m1",
                measure_form_value("ก", ita_tree.office, "2021-09-01", "2021-10-31"),
            )
        ],
    )
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 200
    assert form_messages(response) == [
        "ระยะเวลา ก.ย.-ต.ค. ๖๔ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๔ (๑ ต.ค. ๒๕๖๓ – ๓๐ ก.ย. ๒๕๖๔)"
    ]
    ita_tree.plan.refresh_from_db()
    assert ita_tree.plan.measures[0].value["measure"] == "มาตรการที่ 1"


def test_publishing_a_consistent_o42_succeeds(admin_client, ita_tree):
    data = o42_form_data(
        ita_tree,
        [("measure", "m1", measure_form_value("มาตรการเดียว", ita_tree.office))],
    )
    data["confirm_measure_removal"] = "on"  # its three measures have results
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 302
    ita_tree.plan.refresh_from_db()
    assert ita_tree.plan.measures[0].value["measure"] == "มาตรการเดียว"
    assert ita_tree.plan.measures[0].id == "m1"


def test_a_draft_of_o42_with_a_period_outside_the_year_saves_with_a_warning(
    admin_client, ita_tree
):
    data = o42_form_data(
        ita_tree,
        [
            (
                "measure",
                "m1",
                measure_form_value("ก", ita_tree.office, "2021-09-01", "2021-10-31"),
            )
        ],
        publish=False,
    )
    data["confirm_measure_removal"] = "on"  # its three measures have results
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๔" in message for message in warnings)
    draft = MeasureIndexPage.objects.get(
        pk=ita_tree.plan.pk
    ).get_latest_revision_as_object()
    assert draft.measures[0].value["period"]["end"] == datetime.date(2021, 10, 31)


def test_publishing_o43_with_a_result_for_a_removed_measure_is_refused(
    admin_client, ita_tree
):
    results = [
        *results_for(ita_tree, ita_tree.measure_ids),
        *results_for(ita_tree, ["gone"]),
    ]
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 200
    assert len(form_messages(response)) == 1
    assert "ไม่ตรงกับมาตรการใดในหน้ามาตรการ" in form_messages(response)[0]


def test_publishing_o43_missing_a_result_is_refused(admin_client, ita_tree):
    results = results_for(ita_tree, ita_tree.measure_ids[:-1])
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 200
    assert form_messages(response) == ["ยังไม่มีผลการดำเนินการของมาตรการที่ 3 (“มาตรการที่ 3”)"]


def test_publishing_o43_dated_outside_the_fiscal_year_is_refused(
    admin_client, ita_tree
):
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="2021-10-01"),
    )
    assert response.status_code == 200
    assert form_messages(response) == [
        "วันที่รายงาน ๑ ต.ค. ๒๕๖๔ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๔ ข้อ O43 "
        "ต้องเป็นการดำเนินการในปีงบประมาณเดียวกับ O42"
    ]


def test_an_english_speaking_editor_reads_the_refusal_in_english(
    admin_client, ita_tree, django_user_model
):
    speaks(django_user_model.objects.get(username="webmaster"), "en")
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="2021-10-01"),
    )
    assert form_messages(response) == [
        "The report date ๑ ต.ค. ๒๕๖๔ is outside fiscal year ๒๕๖๔; O43 must report "
        "work of the same fiscal year as O42."
    ]


def test_a_draft_of_an_inconsistent_o43_still_saves(admin_client, ita_tree):
    results = results_for(ita_tree, ["gone"])
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="2022-01-01", publish=False),
    )
    assert response.status_code == 302
    draft = MeasureResultPage.objects.get(
        pk=ita_tree.report.pk
    ).get_latest_revision_as_object()
    assert draft.results[0].value["measure_id"] == "gone"
    assert len(list(get_messages(response.wsgi_request))) >= 3


def test_publishing_a_consistent_o43_succeeds(admin_client, ita_tree):
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 302
    ita_tree.report.refresh_from_db()
    assert [
        c.value["measure_id"] for c in ita_tree.report.results
    ] == ita_tree.measure_ids


def test_a_second_page_for_the_same_fiscal_year_is_refused(admin_client, ita_tree):
    from ita_wagtail.models import ItaYearPage

    data = page_form_data(
        title="ซ้ำ", slug="2564-again", year="2564", intro=rich_text("")
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url(ItaYearPage, ita_tree.index), data)
    assert response.status_code == 200
    assert form_messages(response) == ["ส่วน ITA มีหน้าของปีงบประมาณ 2564 อยู่แล้ว"]
    assert ItaYearPage.objects.count() == 1


def test_a_fresh_tree_with_more_measures_renders(client):
    ItaTree(measure_count=5)
    assert client.get("/ita/2564/o42/o43/").status_code == 200


def test_removing_a_measure_that_has_results_asks_first(admin_client, ita_tree):
    """Asked when publishing: O43 answers the published O42, which a draft
    (an autosave as the editor types) leaves as it is."""
    kept = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], ita_tree.office))
        for m in ita_tree.measures[1:]
    ]
    response = admin_client.post(
        edit_url(ita_tree.plan), o42_form_data(ita_tree, kept, publish=False)
    )
    assert response.status_code == 302  # the draft saves
    draft = MeasureIndexPage.objects.get(
        pk=ita_tree.plan.pk
    ).get_latest_revision_as_object()
    assert [m.id for m in draft.measures] == ita_tree.measure_ids[1:]

    # Publishing is asked, though the draft already lacks the measure.
    data = o42_form_data(ita_tree, kept)
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 200
    messages = form_messages(response)
    assert len(messages) == 1 and "“มาตรการที่ 1” (การดำเนินการตามมาตรการ)" in messages[0]
    assert "confirm_measure_removal" in response.content.decode()
    assert (
        MeasureIndexPage.objects.get(pk=ita_tree.plan.pk).measures[0].id
        == (ita_tree.measure_ids[0])
    )

    data["confirm_measure_removal"] = "on"
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 302
    live = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    assert [m.id for m in live.measures] == ita_tree.measure_ids[1:]


def test_removing_a_measure_without_results_needs_no_confirmation(
    admin_client, ita_tree
):
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.results = [result_raw(mid, actions=()) for mid in ita_tree.measure_ids]
    report.save()
    kept = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], ita_tree.office))
        for m in ita_tree.measures[1:]
    ]
    response = admin_client.post(
        edit_url(ita_tree.plan), o42_form_data(ita_tree, kept, publish=False)
    )
    assert response.status_code == 302


def test_the_confirmation_box_is_hidden_until_needed(admin_client, ita_tree):
    html = admin_client.get(edit_url(ita_tree.plan)).content.decode()
    assert 'name="confirm_measure_removal"' not in html
