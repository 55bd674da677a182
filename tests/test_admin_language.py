"""The admin speaks the editor's language: Thai for a Thai clerk, English for
an English-speaking webmaster, for every label, help text, block name, panel
and menu item of ours."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.admin.panels import HelpPanel, PanelGroup
from wagtail.fields import StreamField
from wagtail.models import Page

from ita_wagtail.models import (
    ItaIndexPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    ResponsibleOffice,
)
from tests.factories import speaks


pytestmark = pytest.mark.django_db

# Wagtail's own fields are Wagtail's to translate.
NOT_OURS = {field.name for field in Page._meta.get_fields()} | {"id", "site"}


def block_strings(block):
    """The translatable label, help text and choices of a block and its children."""
    yield block.meta.label if hasattr(block.meta, "label") else None
    yield getattr(block.meta, "help_text", None)
    yield block.label
    if isinstance(block, blocks.ChoiceBlock):
        yield from (label for _value, label in block.field.choices)
    if isinstance(block, blocks.ListBlock):
        yield from block_strings(block.child_block)
    for child in getattr(block, "child_blocks", {}).values():
        yield from block_strings(child)


def panel_strings(panels):
    for panel in panels:
        if isinstance(panel, HelpPanel):
            yield panel.content
        if isinstance(panel, PanelGroup):
            yield panel.heading
            yield from panel_strings(panel.children)


def admin_strings(model):
    """Every string of ours that the edit view of ``model`` shows."""
    found = []
    for field in model._meta.get_fields():
        if field.name in NOT_OURS or not hasattr(field, "verbose_name"):
            continue
        found += [field.verbose_name, field.help_text]
        found += [label for _value, label in field.choices or []]
        if isinstance(field, StreamField):
            found += block_strings(field.stream_block)
    found += panel_strings(
        getattr(model, "content_panels", None) or getattr(model, "panels", [])
    )
    # Only what goes through gettext: names Wagtail makes up from field
    # names are not ours to translate.
    return {text for text in found if isinstance(text, Promise)}


def visible_text(response):
    """The page's text, with the editor's JSON (block definitions) decoded."""
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return " ".join(text.replace("\\n", " ").split()).lower()


def squash(text):
    """A string as it is looked for in the page: one space, any case (the admin
    capitalises field names)."""
    return " ".join(str(text).split()).lower()


@pytest.fixture
def editor(admin_client, django_user_model):
    """The logged-in editor and a way to set their admin language."""
    user = django_user_model.objects.get(username="webmaster")

    def speaking(language):
        speaks(user, language)
        return admin_client

    return speaking


def edit_view(tree, name):
    """The model and admin address of one of our edit views."""
    page = {"index": tree.index, "year": tree.year_page, "o42": tree.plan}.get(
        name, tree.report
    )
    if name == "settings":
        url = reverse(
            "wagtailsettings:edit",
            args=["ita_wagtail", "itasitesettings", tree.site.pk],
        )
        return ItaSiteSettings, url
    return type(page), reverse("wagtailadmin_pages:edit", args=[page.pk])


EDIT_VIEWS = ["o42", "o43", "year", "index", "settings"]


def test_every_admin_string_of_ours_has_a_thai_translation():
    models = [MeasureIndexPage, MeasureResultPage, ItaYearPage, ItaIndexPage]
    for model in [*models, ItaSiteSettings, ResponsibleOffice]:
        for text in admin_strings(model):
            with translation.override("th"):
                thai = str(text)
            with translation.override("en"):
                english = str(text)
            assert thai != english, english
            assert re.search("[\u0e00-\u0e7f]", thai), english


@pytest.mark.parametrize("view", EDIT_VIEWS)
def test_a_thai_editor_sees_every_label_help_text_and_block_name_in_thai(
    editor, ita_tree, view
):
    model, url = edit_view(ita_tree, view)
    text = visible_text(editor("th").get(url))
    strings = admin_strings(model)
    assert strings
    with translation.override("th"):
        missing = [squash(s) for s in strings if squash(s) not in text]
    with translation.override("en"):
        english_shown = [
            squash(s) for s in strings if len(str(s)) > 25 and squash(s) in text
        ]
    assert missing == []
    assert english_shown == []


@pytest.mark.parametrize("view", EDIT_VIEWS)
def test_an_english_editor_sees_the_admin_in_english(editor, ita_tree, view):
    model, url = edit_view(ita_tree, view)
    text = visible_text(editor("en").get(url))
    with translation.override("en"):
        missing = [squash(s) for s in admin_strings(model) if squash(s) not in text]
    assert missing == []
    with translation.override("th"):
        thai_shown = [
            squash(s)
            for s in admin_strings(model)
            if len(str(s)) > 25 and squash(s) in text
        ]
    assert thai_shown == []


@pytest.mark.parametrize("language", ["th", "en"])
def test_our_menu_items_speak_the_editors_language(editor, ita_tree, language):
    client = editor(language)
    menu = visible_text(client.get(reverse("wagtailadmin_home")))
    with translation.override(language):
        assert squash(ItaSiteSettings._meta.verbose_name) in menu
        assert squash(ResponsibleOffice._meta.verbose_name_plural) in menu


def test_the_offices_snippet_speaks_thai(editor, ita_tree):
    text = visible_text(
        editor("th").get(reverse("wagtailsnippets_ita_wagtail_responsibleoffice:add"))
    )
    with translation.override("th"):
        for field in ("site", "name", "sort_order"):
            model_field = ResponsibleOffice._meta.get_field(field)
            assert squash(model_field.verbose_name) in text
        assert squash(ResponsibleOffice._meta.get_field("name").help_text) in text
