"""The words of the O42/O43 table, made ready once per row (MeasureRow.text).

The table template writes ``{{ text.measure }}`` where it used to run
``|digits:ita_digits|linebreaksbr`` on every cell; these tests hold the two to
the same output, and the public table to what a reader must see.
"""

import pytest
from django.template.defaultfilters import linebreaksbr
from hypothesis import given
from hypothesis import strategies as st

from ita_wagtail import fiscal
from ita_wagtail.domain.measure_table import build_measure_table, shown_text
from ita_wagtail.fiscal import digit_writer
from ita_wagtail.models import ItaSiteSettings
from ita_wagtail.templatetags.ita_tags import digits
from tests.factories import measure_raw, result_raw


#: Text as editors type it: Thai, both kinds of digits, markup, line breaks.
typed_text = st.text(
    alphabet=st.sampled_from(
        list("กขคมาตรการ ที่ปี0123456789๐๑๒๓๔๕๖๗๘๙<>&\"'\r\n\tabc/=;#x")
    ),
    max_size=60,
)


@given(typed_text, st.sampled_from(["thai", "arabic", ""]))
def test_shown_text_is_the_digits_and_linebreaksbr_filters(text, style):
    assert shown_text(text, style) == linebreaksbr(digits(text, style), True)


@given(typed_text)
def test_the_digit_swap_changes_every_digit_and_nothing_else(text):
    to_thai = str.maketrans(fiscal.ARABIC_DIGITS, fiscal.THAI_DIGITS)
    to_arabic = str.maketrans(fiscal.THAI_DIGITS, fiscal.ARABIC_DIGITS)
    assert fiscal.to_thai_digits(text) == text.translate(to_thai)
    assert fiscal.to_arabic_digits(text) == text.translate(to_arabic)


def test_shown_text_escapes_and_keeps_line_breaks():
    html = shown_text("ครั้งที่ 1 <b>&</b>\r\nครั้งที่ 2\rจบ", "thai")
    assert html == "ครั้งที่ ๑ &lt;b&gt;&amp;&lt;/b&gt;<br>ครั้งที่ ๒<br>จบ"
    assert shown_text(None) == shown_text("") == ""
    assert shown_text(2564, "arabic") == "2564"


def test_a_blank_digit_setting_means_thai_and_a_wrong_one_is_refused():
    assert digit_writer("")("2564") == digit_writer(None)("2564") == "๒๕๖๔"
    assert digit_writer("arabic")("๒๕๖๔") == "2564"
    with pytest.raises(ValueError, match="digits"):
        digit_writer("roman")


@pytest.mark.django_db
def test_row_text_holds_each_cell_in_the_sites_digits(ita_tree):
    plan, report = ita_tree.plan, ita_tree.report
    measure = measure_raw(
        "มาตรการที่ 7\nบรรทัดสอง",
        offices=[ita_tree.office],
        methods=["ขั้นที่ 1", "ขั้นที่ <2>"],
    )
    measure["value"]["notes"] = "หมายเหตุ 3"
    unreported = measure_raw("ยังไม่รายงาน", offices=[ita_tree.office])
    plan.measures = [measure, unreported]
    report.results = [
        result_raw(measure["id"], actions=["ทำ 4 ครั้ง"], suggestions="ข้อ 5")
    ]
    thai = build_measure_table(plan.measures, report.results, "thai").rows
    assert thai[0].text == {
        "number": "๑",
        "measure": "มาตรการที่ ๗<br>บรรทัดสอง",
        "notes": "หมายเหตุ ๓",
        "methods": ["ขั้นที่ ๑", "ขั้นที่ &lt;๒&gt;"],
        "offices": [ita_tree.office.name],
        "period": "ม.ค.-มี.ค. ๖๔",
        "actions": ["ทำ ๔ ครั้ง"],
        "outcome": "",
        "suggestions": "ข้อ ๕",
    }
    assert "actions" not in thai[1].text  # no result: the template says so
    arabic = build_measure_table(plan.measures, report.results, "arabic").rows
    assert arabic[0].text["measure"] == "มาตรการที่ 7<br>บรรทัดสอง"
    assert arabic[0].text["period"] == "ม.ค.-มี.ค. 64"
    assert arabic[1].text["number"] == "2"
    # The raw values stay, for a site's own table template.
    assert thai[0].measure["measure"] == "มาตรการที่ 7\nบรรทัดสอง"


@pytest.mark.django_db
def test_the_public_table_shows_the_ready_text(client, ita_tree):
    measure = measure_raw(
        "มาตรการที่ 7\n<ข้อ>", offices=[ita_tree.office], methods=["ขั้นที่ 1"]
    )
    ita_tree.plan.measures = [measure]
    ita_tree.plan.save_revision().publish()
    ita_tree.report.results = [result_raw(measure["id"], actions=["ทำ 4 ครั้ง"])]
    ita_tree.report.save_revision().publish()

    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert "มาตรการที่ ๗<br>&lt;ข้อ&gt;" in html
    assert "<li>ขั้นที่ ๑</li>" in html
    assert "<li>ทำ ๔ ครั้ง</li>" in html
    assert 'data-label="มาตรการ/แนวทาง"' in html  # the column, translated once

    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = "arabic"
    settings.save()
    html = client.get("/ita/2564/o42/").content.decode()
    assert "มาตรการที่ 7<br>&lt;ข้อ&gt;" in html
    assert "<li>ขั้นที่ 1</li>" in html
