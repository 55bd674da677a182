"""The ita_tags template filters, rendered through Django templates.

Needs no database. The ``django_ready`` fixture sets Django up only if the project's
settings are not in use (``-p no:django``).
"""

import os
from datetime import UTC, date, datetime
from types import SimpleNamespace

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, Engine
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ita_wagtail.fiscal import FiscalYear, Period


@pytest.fixture(scope="module", autouse=True)
def django_ready():
    """Messages in English (the msgids); Django set up if nobody else did."""
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        # Running without the project's settings: gettext needs some settings,
        # wagtail.blocks needs STATIC_URL. Same as in test_fiscal.py.
        settings.configure(STATIC_URL="/static/")
    if not apps.ready:
        django.setup()
    with translation.override("en"):
        yield


ENGINE = Engine(libraries={"ita_tags": "ita_wagtail.templatetags.ita_tags"})


def render(source: str, **context) -> str:
    template = ENGINE.from_string("{% load ita_tags %}" + source)
    return template.render(Context(context))


OCT_1_2020 = date(2020, 10, 1)
JAN_MAR_64 = Period(date(2021, 1, 1), date(2021, 3, 31))


# -- digits ---------------------------------------------------------------------


def test_digits_filter_writes_thai_digits_by_default():
    assert render("{{ text|digits }}", text="ปี 2564") == "ปี ๒๕๖๔"


def test_digits_filter_follows_the_site_setting():
    source = "{{ text|digits:ita_digits }}"
    assert render(source, text="ปี ๒๕๖๔", ita_digits="arabic") == "ปี 2564"
    assert render(source, text="ปี 2564", ita_digits="thai") == "ปี ๒๕๖๔"


def test_digits_filter_treats_an_empty_setting_as_thai():
    source = "{{ text|digits:ita_digits }}"
    assert render(source, text="43", ita_digits=None) == "๔๓"
    assert render(source, text="43", ita_digits="") == "๔๓"


def test_digits_filter_converts_numbers():
    assert render("{{ n|digits }}", n=2564) == "๒๕๖๔"
    assert render("{{ n|digits }}", n=0) == "๐"


def test_digits_filter_renders_nothing_for_none_or_empty():
    assert render("[{{ a|digits }}{{ b|digits }}]", a=None, b="") == "[]"


def test_digits_filter_escapes_html_in_plain_text():
    rendered = render("{{ text|digits }}", text='<a href="x">O43</a>')
    assert rendered == "&lt;a href=&quot;x&quot;&gt;O๔๓&lt;/a&gt;"


def test_digits_filter_keeps_already_safe_html_safe():
    assert render("{{ html|digits }}", html=mark_safe("<b>O43</b>")) == "<b>O๔๓</b>"


def test_digits_filter_refuses_an_unknown_digit_style():
    with pytest.raises(ValueError, match="digits"):
        render("{{ text|digits:'roman' }}", text="43")


# -- thai_date and thai_date_full -----------------------------------------------


def test_thai_date_filter_writes_an_abbreviated_month_and_be_year():
    assert render("{{ d|thai_date }}", d=OCT_1_2020) == "๑ ต.ค. ๒๕๖๓"
    assert render("{{ d|thai_date:'arabic' }}", d=OCT_1_2020) == "1 ต.ค. 2563"


def test_thai_date_full_filter_writes_the_full_month_name():
    assert render("{{ d|thai_date_full }}", d=OCT_1_2020) == "๑ ตุลาคม ๒๕๖๓"
    assert render("{{ d|thai_date_full:'arabic' }}", d=OCT_1_2020) == ("1 ตุลาคม 2563")


def test_thai_date_filters_render_nothing_for_none_empty_or_text():
    source = "[{{ a|thai_date }}{{ b|thai_date_full }}{{ c|thai_date }}]"
    assert render(source, a=None, b="", c="<b>1 ต.ค. 63</b>") == "[]"


@override_settings(USE_TZ=True)
def test_thai_date_filter_uses_the_local_date_of_an_aware_datetime():
    late_utc = datetime(2020, 9, 30, 20, 0, tzinfo=UTC)  # 1 October in Bangkok
    with timezone.override("Asia/Bangkok"):
        assert render("{{ d|thai_date:'arabic' }}", d=late_utc) == "1 ต.ค. 2563"


# -- thai_period ----------------------------------------------------------------


def test_thai_period_filter_formats_a_period():
    assert render("{{ p|thai_period }}", p=JAN_MAR_64) == "ม.ค.-มี.ค. ๖๔"
    assert render("{{ p|thai_period:'arabic' }}", p=JAN_MAR_64) == "ม.ค.-มี.ค. 64"


def test_thai_period_filter_takes_any_object_with_start_and_end():
    value = SimpleNamespace(start=date(2020, 10, 1), end=date(2021, 3, 31))
    assert render("{{ p|thai_period }}", p=value) == "ต.ค. ๖๓ - มี.ค. ๖๔"


def test_thai_period_filter_takes_a_mapping_with_start_and_end():
    value = {"start": date(2020, 10, 1), "end": date(2020, 10, 15)}
    assert render("{{ p|thai_period:'arabic' }}", p=value) == (
        "1 ต.ค. 2563 - 15 ต.ค. 2563"
    )


def test_thai_period_filter_takes_a_wagtail_struct_value():
    from wagtail import blocks  # imported late: wagtail reads settings on import

    block = blocks.StructBlock(
        [("start", blocks.DateBlock()), ("end", blocks.DateBlock())]
    )
    value = block.to_python({"start": "2021-01-01", "end": "2021-03-31"})
    assert render("{{ p|thai_period }}", p=value) == "ม.ค.-มี.ค. ๖๔"


def test_thai_period_filter_formats_whichever_end_exists():
    assert render("{{ p|thai_period }}", p={"start": OCT_1_2020}) == "๑ ต.ค. ๒๕๖๓"
    only_end = SimpleNamespace(start=None, end=OCT_1_2020)
    assert render("{{ p|thai_period:'arabic' }}", p=only_end) == "1 ต.ค. 2563"


def test_thai_period_filter_renders_nothing_without_dates():
    source = "[{{ a|thai_period }}{{ b|thai_period }}{{ c|thai_period }}]"
    assert render(source, a=None, b="", c={"start": None, "end": None}) == "[]"


def test_thai_period_filter_never_echoes_text_given_instead_of_dates():
    value = {"start": "<script>alert(1)</script>", "end": "ม.ค. 64"}
    assert render("[{{ p|thai_period }}]", p=value) == "[]"


def test_thai_period_filter_shows_a_reversed_period_as_written():
    value = {"start": date(2021, 3, 31), "end": date(2021, 1, 1)}
    assert render("{{ p|thai_period:'arabic' }}", p=value) == (
        "31 มี.ค. 2564 - 1 ม.ค. 2564"
    )


# -- fiscal_year_label ----------------------------------------------------------


def test_fiscal_year_label_filter_takes_a_fiscal_year_or_a_be_year():
    assert render("{{ fy|fiscal_year_label }}", fy=FiscalYear(2564)) == (
        "Fiscal year ๒๕๖๔"
    )
    assert render("{{ fy|fiscal_year_label:'arabic' }}", fy=2564) == (
        "Fiscal year 2564"
    )
    assert render("{{ fy|fiscal_year_label }}", fy="๒๕๖๔") == "Fiscal year ๒๕๖๔"


def test_fiscal_year_label_filter_renders_nothing_for_what_is_not_a_year():
    source = (
        "[{{ a|fiscal_year_label }}{{ b|fiscal_year_label }}{{ c|fiscal_year_label }}]"
    )
    assert render(source, a=None, b="<b>2564</b>", c=2021) == "[]"


def test_digits_html_changes_the_text_and_leaves_the_markup():
    html = mark_safe(
        '<p>ปี 2564 &#8211; <a href="/ita/2564/" data-n="3">ข้อ 3</a> &amp; ๔</p>'
    )
    assert render("{{ html|digits_html }}", html=html) == (
        '<p>ปี ๒๕๖๔ &#8211; <a href="/ita/2564/" data-n="3">ข้อ ๓</a> &amp; ๔</p>'
    )
    assert render('{{ html|digits_html:"arabic" }}', html=html) == (
        '<p>ปี 2564 &#8211; <a href="/ita/2564/" data-n="3">ข้อ 3</a> &amp; 4</p>'
    )
    assert render("{{ empty|digits_html }}", empty=None) == ""
