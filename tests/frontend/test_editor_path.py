"""An editor, in the Thai admin, creates a fiscal year, its O42 with two
measures and its O43, fills in the results and publishes; citizens then read
on the public O43 page exactly what the editor typed."""

import pytest
from django.contrib.auth.models import Group

from ita_wagtail.models import (
    ItaIndexPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
)
from tests.factories import speaks

from .wagtail_admin import WagtailAdmin


MEASURES = [
    {
        "measure": "เปิดเผยข้อมูลการจัดซื้อจัดจ้างทุกเดือน",
        "method": "ประกาศสรุปผลการจัดซื้อจัดจ้างบนเว็บไซต์ทุกวันที่ ๑๐",
        "office": "กองคลัง",
        "start": "2021-10-01",
        "end": "2022-03-31",
        "action": "ประกาศสรุปผลครบทั้ง ๖ เดือนบนเว็บไซต์ของ อบต.",
        "outcome": "ประชาชนตรวจสอบการจัดซื้อจัดจ้างได้ทุกเดือน",
        "status": "done",
    },
    {
        "measure": "จัดอบรมประมวลจริยธรรมให้พนักงานทุกคน",
        "method": "จัดอบรมปีละ ๒ ครั้ง",
        "office": "สำนักปลัด และทุกกอง",
        "start": "2022-01-01",
        "end": "2022-06-30",
        "action": "จัดอบรมครั้งที่ ๑ แล้วเมื่อเดือนกุมภาพันธ์",
        "outcome": "พนักงานเข้าอบรมร้อยละ ๘๐",
        "status": "in_progress",
    },
]


@pytest.fixture
def editor(django_user_model):
    """A clerk in Wagtail's Moderators group (who may publish), admin in Thai."""
    user = django_user_model.objects.create_user(
        "clerk", "clerk@example.com", "clerk-password"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    speaks(user, "th")
    return user


def test_an_editor_publishes_a_year_o42_and_o43_that_citizens_can_read(browser, editor):
    admin = WagtailAdmin(browser)
    admin.log_in("clerk", "clerk-password")

    # The year.
    admin.add_child_page(ItaIndexPage.objects.get())
    admin.type("#id_year", "2565")
    admin.type("#id_title", "ปีงบประมาณ พ.ศ. ๒๕๖๕")
    admin.set_slug("2565")
    admin.publish()
    year_page = ItaYearPage.objects.get(year=2565)
    assert year_page.live

    # O42: its title, code and slug are filled in already; add two measures.
    admin.add_child_page(year_page, MeasureIndexPage)
    # The measures must come from last year's analysis: one point of it.
    assert admin.add_block("analysis") == 0
    admin.type("#analysis-0-value-weakness", "ข้อมูลการจัดซื้อจัดจ้างไม่ครบทุกเดือน")
    admin.type("#analysis-0-value-improvement", "เผยแพร่สรุปผลการจัดซื้อจัดจ้างทุกเดือน")
    for number, measure in enumerate(MEASURES):
        assert admin.add_block("measures") == number
        prefix = f"#measures-{number}-value"
        admin.type(f"{prefix}-measure", measure["measure"])
        admin.type(f"{prefix}-methods-0-value", measure["method"])
        admin.choose_snippet(f"{prefix}-offices-0-value", measure["office"])
        admin.type_date(f"{prefix}-period-start", measure["start"])
        admin.type_date(f"{prefix}-period-end", measure["end"])
    admin.publish()
    plan = MeasureIndexPage.objects.child_of(year_page).get()
    assert plan.live and len(plan.measures) == 2

    # O43 opens with one result per measure; the editor reports on each.
    admin.add_child_page(plan)
    admin.type("#id_report_date", "2022-03-31")
    for number, measure in enumerate(MEASURES):
        prefix = f"#results-{number}-value"
        assert measure["measure"] in admin.find(
            f"{prefix}-measure_label"
        ).get_attribute("value")
        admin.add_list_item(f"results-{number}-value-actions")
        admin.type(f"{prefix}-actions-0-value", measure["action"])
        admin.type(f"{prefix}-outcome", measure["outcome"])
        admin.find(f"{prefix}-status option[value={measure['status']}]").click()
    admin.publish()
    report = MeasureResultPage.objects.child_of(plan).get()
    assert report.live

    browser.open(report.url)
    page = browser.run("return document.querySelector('main').innerText")
    for measure in MEASURES:
        for typed in ("measure", "method", "office", "action", "outcome"):
            assert measure[typed] in page, measure[typed]
    assert "ต.ค. ๖๔ - มี.ค. ๖๕" in page  # the periods, as LAOs write them
    assert "ม.ค.-มิ.ย. ๖๕" in page
    assert "ดำเนินการแล้ว ๑ จาก ๒ มาตรการ" in page


def test_a_result_whose_measure_was_removed_stands_apart_in_the_o43_editor(
    browser, editor
):
    """Its measure removed from O42, a result no longer reads "2." beside the
    result of the measure now numbered 2: it is last, marked, numbered on
    its own; its stored label is kept (the checks and the importer read it)."""
    report = MeasureResultPage.objects.get()
    plan = report.plan_page
    measures = list(plan.measures.raw_data)
    removed = measures.pop(1)
    plan.measures = measures
    plan.save_revision().publish()
    digits = ItaSiteSettings.for_site(report.get_site()).digits
    one = "1" if digits == "arabic" else "๑"

    admin = WagtailAdmin(browser)
    admin.log_in("clerk", "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    note = admin.find(".ita-unanswered .ita-unanswered__note")
    count = int(admin.find("[name=results-count]").get_attribute("value"))
    marked = browser.run(
        "return [...document.querySelectorAll('.ita-unanswered')]"
        ".map((child) => child.querySelector('[name$=\"-id\"]').name)"
    )
    assert marked == [f"results-{count - 1}-id"]  # the last result, alone
    assert note.is_displayed()
    assert "มาตรการนี้ถูกนำออกจาก O42 แล้ว" in note.text
    assert f"ผลการดำเนินการที่ไม่มีมาตรการ รายการที่ {one}" in note.text
    assert removed["value"]["measure"][:30] in note.text
    # Its stored label ("2. …") is in the form, not shown; the labels shown
    # are O42's measures numbered once each.
    label = admin.find(f"#results-{count - 1}-value-measure_label")
    stored = label.get_attribute("value")
    assert stored.startswith("2. ") and not label.is_displayed()
    shown = browser.run(
        "return [...document.querySelectorAll('[name$=\"-value-measure_label\"]')]"
        ".filter((field) => field.checkVisibility())"
        ".map((field) => field.value.split('.')[0])"
    )
    assert shown == [str(n) for n in range(1, len(measures) + 1)]
    # The editor saves a draft: the label is stored as it was.
    admin.click(admin.find("footer button[name=action-save], footer .action-save"))
    admin.find(".messages .success")
    report = MeasureResultPage.objects.get(pk=report.pk)
    saved = report.get_latest_revision_as_object().results
    assert saved[count - 1].value["measure_label"] == stored
