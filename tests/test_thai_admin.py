"""A Thai clerk's admin is Thai: the pages of their path, walked with the
Django test client and the clerk's language set to Thai, show no English word
outside a short allow-list (product names, codes), and none of the odd Thai of
Wagtail's own catalogue."""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from ita_wagtail.models import (
    ItaIndexPage,
    ItaItemPage,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    ResponsibleOffice,
)
from ita_wagtail.services.roles import (
    GROUP_NAMES,
    TASK_NAME,
    WORKFLOW_NAME,
    setup_site_roles,
)
from tests.factories import speaks


pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
ADMIN_TH = ROOT / "ita_wagtail" / "admin_th" / "locale" / "th" / "LC_MESSAGES"

#: English a Thai clerk may see: names of products and formats, codes.
ALLOWED = {
    "ita", "itas", "oit", "wagtail", "pdf", "csv", "xlsx", "docx", "word",
    "excel", "google", "drive", "url", "slug", "email", "gravatar", "nacc",
    "ok", "id", "html", "api", "json", "utc", "ict", "ce", "be", "jpg", "jpeg",
    "png", "webp", "enter",
    # Words of the OIT catalogue's own Thai titles (O9, O17; "No Gift Policy"
    # of 2568-2570).
    "social", "network", "e-service", "no", "gift", "policy",
    # The demo's clerk; a language's name in that language (the choice of
    # admin language); file sizes.
    "clerk", "english", "mb", "javascript",
    # The page tree's root page is titled "Root" (data, not a string).
    "root",
}  # fmt: skip

#: Odd Thai of Wagtail's catalogue that the app's catalogue replaces.
ODD_THAI = [
    "เซฟ,บันทึก",
    "แบบ,รูปแบบ",
    "หัวเรื่อง,หัวข้อ",
    "ลงชื่อเข้าใช้ในWagtail",
    "หลายหน้า",
    "หลายๆผู้ใช้",
    "หลายเว็บไซด์",
    "ที่ผ่านมา ที่ผ่านมา",
]

#: The ITA roles' and workflow's names are bilingual by design (roles.py).
ROLE_NAMES = sorted(
    [*GROUP_NAMES.values(), WORKFLOW_NAME, TASK_NAME], key=len, reverse=True
)

#: Attributes whose words a person reads or hears.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "aria-description"}
#: The keys of the sidebar's and editor's JSON that hold words.
READ_KEYS = {"label", "title", "heading", "help_text", "helpText", "name_label"}


class VisibleText(HTMLParser):
    """The words of a page: its text, read attributes and menu JSON."""

    SKIPPED = {"style", "svg", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.stack = []
        self.option_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            "hidden" in attrs
            and tag not in {"input", "br", "img"}
            and attrs.get("role") != "tabpanel"  # a tab the clerk opens
        ):
            tag = "template"  # not shown: skipped like a template
        if tag == "option":
            # An option that shows its own value (a time zone) is a code.
            self.option_value = attrs.get("value")
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source"}:
            self.stack.append((tag, attrs))
        if not self.skipping and attrs.get("data-w-block-data-value"):
            # A StreamField's blocks: their labels, help and buttons (a
            # table's "Add row") are drawn in the browser from this JSON.
            self.parts.extend(json_words(json.loads(attrs["data-w-block-data-value"])))
        if not self.skipping:
            for name in READ_ATTRIBUTES & attrs.keys():
                self.parts.append(attrs[name] or "")
            if tag == "input" and attrs.get("type") in {"submit", "button"}:
                self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    @property
    def skipping(self):
        return any(tag in self.SKIPPED for tag, _attrs in self.stack)

    def handle_data(self, data):
        if self.skipping:
            return
        if (
            self.stack
            and self.stack[-1][0] == "option"
            and data.strip() == ((self.option_value or "").strip())
        ):
            return
        if self.stack and self.stack[-1][0] == "script":
            attrs = self.stack[-1][1]
            if attrs.get("type") == "application/json" and attrs.get("id") in {
                "wagtail-sidebar-props"
            }:
                self.parts.extend(json_words(json.loads(data)))
            return
        self.parts.append(data)


def json_words(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in READ_KEYS and isinstance(item, str):
                yield item
            elif key == "strings" and isinstance(item, dict):
                yield from (text for text in item.values() if isinstance(text, str))
            else:
                yield from json_words(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_words(item)


#: English hard-coded in Wagtail 8.0's templates, in no catalogue, cut out
#: exactly where it stands: the page header's aria-label, the visually hidden
#: search buttons, the model name page search results leave None.
WAGTAIL_HARD_CODED = [
    (r'<nav aria-label="Actions" id="w-slim-header-buttons"', "<nav"),
    (r'<input type="submit" value="Search" class="button" />', ""),
    (r"(?<=\d) None(?=\s)", ""),
]


def words_of(html):
    for hard_coded, replacement in WAGTAIL_HARD_CODED:
        html = re.sub(hard_coded, replacement, html)
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(text):
    """English words of ``text`` outside the allow-list (codes like O42 pass)."""
    found = set()
    for name in ROLE_NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+", " ", text)
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", text):
        if word.lower().strip("'’") not in ALLOWED:
            found.add(word)
    return found


@pytest.fixture
def demo(django_user_model):
    call_command("ita_demo", stdout=io.StringIO())
    user = django_user_model.objects.create_user(
        "clerk", "clerk@example.com", "clerk-password"
    )
    roles = setup_site_roles(Site.objects.get(is_default_site=True))
    user.groups.add(roles.editors, roles.webmasters)
    speaks(user, "th")
    return user


def clerk_path():
    """The admin addresses a clerk uses, with the demo's pages."""
    index = ItaIndexPage.objects.get()
    year = ItaYearPage.objects.get(year=2564)
    plan = MeasureIndexPage.objects.get()
    report = MeasureResultPage.objects.get()
    item = ItaItemPage.objects.first()
    site = Site.objects.get(is_default_site=True)
    office = ResponsibleOffice.objects.first()
    add = "wagtailadmin_pages:add"
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[index.pk]),
        reverse("wagtailadmin_explore", args=[year.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[year.pk]),
        reverse(add, args=["ita_wagtail", "itayearpage", index.pk]),
        reverse(add, args=["ita_wagtail", "itaitempage", year.pk]),
        reverse(add, args=["ita_wagtail", "measureresultpage", plan.pk]),
        *(
            reverse("wagtailadmin_pages:edit", args=[page.pk])
            for page in (index, year, plan, report, item)
        ),
        reverse("wagtailadmin_pages:history", args=[report.pk]),
        reverse("ita_wagtail_admin:import", args=[plan.pk]),
        reverse("ita_wagtail_admin:import", args=[report.pk]),
        reverse("ita_wagtail_findings"),
        reverse("ita_wagtail_answer_sheet", args=[year.pk]),
        reverse("wagtailsnippets_ita_wagtail_responsibleoffice:list"),
        reverse("wagtailsnippets_ita_wagtail_responsibleoffice:add"),
        reverse("wagtailsnippets_ita_wagtail_responsibleoffice:edit", args=[office.pk]),
        reverse(
            "wagtailsettings:edit", args=["ita_wagtail", "itasitesettings", site.pk]
        ),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:search"),
    ]


def test_the_login_page_is_thai(client, demo):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="th")
    text = words_of(response.content.decode())
    assert english_in(text) == set(), text
    assert not [odd for odd in ODD_THAI if odd in text]


def test_a_thai_clerks_path_through_the_admin_is_thai(client, demo):
    client.force_login(demo)
    english = {}
    odd = {}
    for url in clerk_path():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        text = words_of(response.content.decode())
        if found := english_in(text):
            english[url] = sorted(found)
        if found := [word for word in ODD_THAI if word in text]:
            odd[url] = found
    assert english == {}
    assert odd == {}


def test_the_admin_catalogue_is_compiled_and_complete():
    """The .mo matches the .po, and every entry has its Thai."""
    for domain in ("django", "djangojs"):
        source = polib.pofile(str(ADMIN_TH / f"{domain}.po"))
        compiled = polib.mofile(str(ADMIN_TH / f"{domain}.mo"))
        assert {e.msgid: e.msgstr for e in source} == {
            e.msgid: e.msgstr for e in compiled
        }
        for entry in source:
            assert re.search("[\u0e00-\u0e7f]", entry.msgstr or entry.msgstr_plural[0])


def test_wagtails_admin_scripts_get_their_thai_after_wagtails_catalogue(client, demo):
    client.force_login(demo)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    ours = reverse("ita_wagtail_admin_th_jsi18n")
    wagtails = reverse("wagtailadmin_javascript_catalog")
    assert page.index(f'src="{wagtails}"') < page.index(f'src="{ours}"')
    script = client.get(ours).content.decode()
    assert "\\u0e1a\\u0e31\\u0e19\\u0e17\\u0e36\\u0e01" in script  # บันทึก (Save)
    assert '"Save"' in script and "Autosave in progress" in script


def test_the_app_warns_when_listed_after_the_apps_it_corrects(settings):
    from ita_wagtail.admin_th.apps import check_listed_first

    assert check_listed_first() == []
    last = [app for app in settings.INSTALLED_APPS if app != "ita_wagtail.admin_th"] + [
        "ita_wagtail.admin_th"
    ]
    (warning,) = check_listed_first(installed_apps=last)
    assert warning.id == "ita_wagtail.W002" and "wagtail.admin" in warning.msg


def test_the_login_form_labels_the_password_in_thai(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert '<label class="w-field__label" for="id_password"' in (
        response.content.decode()
    )
    assert "รหัสผ่าน" in words_of(response.content.decode())


def test_saving_and_submitting_a_page_answers_in_thai(client, demo):
    from wagtail.test.utils.form_data import rich_text

    from tests.factories import page_form_data

    client.force_login(demo)
    year = ItaYearPage.objects.get(year=2564)
    edit = reverse("wagtailadmin_pages:edit", args=[year.pk])
    data = page_form_data(
        title=year.title, slug=year.slug, year=str(year.year), intro=rich_text("")
    )
    for action in ({}, {"action-submit": "1"}):
        response = client.post(edit, {**data, **action}, follow=True)
        assert response.status_code == 200
        shown = [words_of(str(message)) for message in response.context["messages"]]
        assert shown, action
        for message in shown:
            assert english_in(message) == set(), message
            assert re.search("[\u0e00-\u0e7f]", message), message


def test_the_tables_and_images_of_an_item_page_are_thai_in_the_editor(client, demo):
    """The block editor's words come from JSON the browser draws: a table's
    buttons (wagtail.contrib.typed_table_block has no Thai of its own) and an
    image's caption, which keeps its own Thai beside the table's caption."""
    client.force_login(demo)
    item = ItaItemPage.objects.first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    parser = VisibleText()
    parser.feed(response.content.decode())
    words = set(parser.parts)
    assert {"เพิ่มแถว", "แทรกคอลัมน์", "หัวคอลัมน์", "คำบรรยายตาราง"} <= words
    assert "คำบรรยายภาพ" in words  # the image block's caption (msgctxt "image")
