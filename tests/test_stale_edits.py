"""A save based on an older revision than the latest is refused (issue 13.6).

Two editors open the same page; one saves; the other then saves the form
they opened earlier. Wagtail 8 refuses only its autosave in that case; the
ITA page forms refuse every save, through the edit view a person uses.
"""

import json
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import rich_text

from ita_wagtail.models import MeasureResultPage
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import member, page_form_data, stream_form_data
from tests.test_o42_o43_rules import (
    form_messages,
    measure_form_value,
    o42_form_data,
    o43_form_data,
    results_for,
)


pytestmark = pytest.mark.django_db

STALE_EN = "saved a newer version of this page after you opened it"
STALE_TH = "บันทึกฉบับที่ใหม่กว่าของหน้านี้หลังจากที่คุณเปิด"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def opened_form(client, page):
    """The revision marks Wagtail's edit form carries, as the browser posts them."""
    html = client.get(edit_url(page)).content.decode()
    marks = {}
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        assert match, name
        marks[name] = match.group(1)
    return marks


def kept_on_form(response, text):
    """Whether the re-shown edit form holds ``text`` (as typed, or in the JSON
    a StreamField or rich text editor is built from)."""
    html = unescape(response.content.decode())
    escaped = json.dumps(text)[1:-1]
    double = json.dumps(escaped)[1:-1]
    return any(form in html for form in (text, escaped, double))


def latest_text(page):
    """The words of the page's latest revision an editor typed."""
    saved = page.get_latest_revision().as_object()
    parts = []
    for name in ("intro", "body", "measures"):
        value = getattr(saved, name, None)
        raw = getattr(value, "raw_data", None)
        parts.append(json.dumps(list(raw), ensure_ascii=False) if raw else str(value))
    return " ".join(parts)


def year_data(tree, intro):
    return page_form_data(
        year="2564", title=tree.year_page.title, slug="2564", intro=rich_text(intro)
    )


def item_data(tree, page, text):
    data = page_form_data(
        title=page.title,
        slug=page.slug,
        oit_item=str(page.oit_item_id),
        answer_note="",
        **stream_form_data("body", []),
    )
    data.update(
        {
            "body-count": "1",
            "body-0-type": "text",
            "body-0-id": "b1",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value": rich_text(f"<p>{text}</p>"),
        }
    )
    return data


def o42_data(tree, text):
    measures = [
        ("measure", measure_id, measure_form_value(f"{text} {n}", tree.office))
        for n, measure_id in enumerate(tree.measure_ids, start=1)
    ]
    return o42_form_data(tree, measures, publish=False)


def o43_data(tree, text):
    results = results_for(tree, tree.measure_ids)
    data = o43_form_data(tree, results, publish=False)
    data["intro"] = rich_text(f"<p>{text}</p>")
    return data


def pages_and_data(tree):
    item = tree.add_item_page("O1")
    return [
        (tree.year_page, lambda text: year_data(tree, f"<p>{text}</p>")),
        (item, lambda text: item_data(tree, item, text)),
        (tree.plan, lambda text: o42_data(tree, text)),
        (tree.report, lambda text: o43_data(tree, text)),
    ]


def two_editors(django_user_model, tree):
    roles = setup_site_roles(tree.site)
    first, second = Client(), Client()
    first.force_login(member(django_user_model, "clerk1", roles.editors))
    second.force_login(member(django_user_model, "clerk2", roles.editors))
    return first, second


@pytest.mark.parametrize("kind", ["year", "item", "o42", "o43"])
def test_saving_a_form_opened_before_someone_elses_save_is_refused(
    django_user_model, ita_tree, kind
):
    page, data_for = dict(
        zip(["year", "item", "o42", "o43"], pages_and_data(ita_tree), strict=True)
    )[kind]
    page.save_revision()  # the page has a revision, as any page edited in the admin
    first, second = two_editors(django_user_model, ita_tree)
    first_marks = opened_form(first, page)
    second_marks = opened_form(second, page)

    # The first editor saves a draft.
    response = first.post(edit_url(page), {**data_for("ฉบับของคนแรก"), **first_marks})
    assert response.status_code == 302
    page.refresh_from_db()
    newer = page.latest_revision_id

    # The second saves the form opened before: refused, their input kept.
    with translation.override("en"):
        response = second.post(
            edit_url(page), {**data_for("ฉบับของคนที่สอง"), **second_marks}
        )
    assert response.status_code == 200
    assert any(STALE_EN in message for message in form_messages(response))
    assert kept_on_form(response, "ฉบับของคนที่สอง")
    page.refresh_from_db()
    assert page.latest_revision_id == newer
    assert "ฉบับของคนแรก" in latest_text(page)


def test_the_refusal_reads_in_thai_and_a_fresh_form_saves(django_user_model, ita_tree):
    report = ita_tree.report
    report.save_revision()
    first, second = two_editors(django_user_model, ita_tree)
    first_marks = opened_form(first, report)
    second_marks = opened_form(second, report)
    assert first.post(edit_url(report), {**o43_data(ita_tree, "ก"), **first_marks})
    response = second.post(
        edit_url(report),
        {**o43_data(ita_tree, "ข"), **second_marks},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert any(STALE_TH in message for message in form_messages(response))
    # The re-shown form is based on the newest revision: saving it is deliberate.
    marks = opened_form(second, report)
    response = second.post(edit_url(report), {**o43_data(ita_tree, "ข"), **marks})
    assert response.status_code == 302
    report.refresh_from_db()
    assert "ข" in latest_text(report)


def test_an_editor_saving_twice_in_a_row_is_not_refused(admin_client, ita_tree):
    report = ita_tree.report
    report.save_revision()
    marks = opened_form(admin_client, report)
    response = admin_client.post(edit_url(report), {**o43_data(ita_tree, "ก"), **marks})
    assert response.status_code == 302
    marks = opened_form(admin_client, report)
    response = admin_client.post(edit_url(report), {**o43_data(ita_tree, "ข"), **marks})
    assert response.status_code == 302


def test_an_editors_own_autosave_does_not_make_their_form_stale(admin_client, ita_tree):
    report = ita_tree.report
    report.save_revision()
    marks = opened_form(admin_client, report)
    # Wagtail's autosave: a background save answered in JSON, with the field
    # values the browser updates in the still-open form.
    response = admin_client.post(
        edit_url(report),
        {**o43_data(ita_tree, "ก"), **marks},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["success"]
    updates = response.json()["field_updates"]
    marks = {name: updates.get(name, value) for name, value in marks.items()}
    assert marks["loaded_revision_id"] == str(response.json()["revision_id"])
    # The editor then publishes from the same form.
    response = admin_client.post(
        edit_url(report),
        {**o43_data(ita_tree, "ข"), **marks, "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    assert "ข" in str(MeasureResultPage.objects.get(pk=report.pk).intro)


def test_an_editors_own_newer_save_is_theirs_to_replace(admin_client, ita_tree):
    report = ita_tree.report
    report.save_revision()
    older = opened_form(admin_client, report)
    # The same editor saves from another tab (or an autosave lands late).
    assert (
        admin_client.post(
            edit_url(report),
            {**o43_data(ita_tree, "ก"), **opened_form(admin_client, report)},
        ).status_code
        == 302
    )
    response = admin_client.post(edit_url(report), {**o43_data(ita_tree, "ข"), **older})
    assert response.status_code == 302
    assert "ข" in str(
        MeasureResultPage.objects.get(pk=report.pk)
        .get_latest_revision()
        .as_object()
        .intro
    )
