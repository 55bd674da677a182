"""The admin's answer sheet writes numbers as its site's public one does.

Issue 15: the public answer sheet of a Thai-digit site says "พ.ศ. ๒๕๖๔",
"๓ ข้อ"; the admin's (ITA → answer sheet, and its CSV/XLSX) said
"พ.ศ. 2564", "3 ข้อ". Item codes (O1–O43) and addresses keep their digits.
"""

import csv
import io
import re

import pytest
from django.urls import reverse

from ita_wagtail.models import ItaSiteSettings


pytestmark = pytest.mark.django_db

#: What may keep Arabic digits: item codes and web addresses.
CODES_AND_URLS = re.compile(r"https?://\S+|\b[A-Z]{1,3}[0-9]+\b")


def arabic_digits_in_words(text):
    return re.findall(r"[^\s]*[0-9][^\s]*", CODES_AND_URLS.sub("", text))


def table_text(html):
    start = html.index('<table class="ita-table ita-table--answers"')
    table = html[start : html.index("</table>", start)]
    table = re.sub(r"<[^>]+>", " ", table)
    return " ".join(table.split())


def set_digits(tree, digits):
    settings = ItaSiteSettings.for_site(tree.site)
    settings.digits = digits
    settings.save()


def test_a_thai_digit_sites_admin_answer_sheet_writes_thai_digits(
    admin_client, ita_tree
):
    set_digits(ita_tree, "thai")
    ita_tree.add_item_page("O1")
    url = reverse("ita_wagtail_answer_sheet", args=[ita_tree.year_page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    text = table_text(html)
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔" in text and "มาตรการ ๓ ข้อ" in text
    assert "ทั้ง ๓ ข้อของข้อ O42" in text  # the code keeps its digits
    assert arabic_digits_in_words(text) == []
    assert "<title>" in html and "๒๕๖๔" in html.split("<title>")[1].split("</title>")[0]
    # The same words as the public answer sheet's.
    public = table_text(admin_client.get("/ita/2564/answers/").content.decode())
    explanations = [row.explanation for row in response.context["rows"]]
    assert all(explanation in public for explanation in explanations if explanation)

    download = admin_client.get(
        reverse(
            "ita_wagtail_answer_sheet_download",
            args=[ita_tree.year_page.pk, "csv"],
        )
    )
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    words = " ".join(cell for row in rows[1:] for cell in (row[1], row[4]))
    assert "มาตรการ ๓ ข้อ" in words and arabic_digits_in_words(words) == []


def test_an_arabic_digit_sites_admin_answer_sheet_keeps_arabic_digits(
    admin_client, ita_tree
):
    set_digits(ita_tree, "arabic")
    url = reverse("ita_wagtail_answer_sheet", args=[ita_tree.year_page.pk])
    text = table_text(admin_client.get(url).content.decode())
    assert "ปีงบประมาณ พ.ศ. 2564" in text and "มาตรการ 3 ข้อ" in text
    assert not re.search("[๐-๙]", text)
