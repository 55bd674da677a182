"""Wagtail 8's autosave on every ITA page type, in a browser (issue 15).

The O42 editor's autosaves got HTTP 400 ("Autosave is paused") once the
editor removed a measure that has results (the removal is confirmed when
publishing now) or typed a period ending before it starts (refused when
publishing, not in a draft). Each page type's editor is opened, edited the
way a clerk does, and every autosave must succeed.
"""

import pytest
from selenium.webdriver.common.by import By

from ita_wagtail.models import (
    ItaIndexPage,
    ItaItemPage,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
)

from .wagtail_admin import WagtailAdmin


#: Records each autosave's answer and the autosave controller's events.
WATCH_AUTOSAVES = """
window.itaAutosaves = [];
const fetchOf = window.fetch;
window.fetch = async (...args) => {
  const response = await fetchOf(...args);
  if (((args[1] || {}).method || "").toUpperCase() === "POST") {
    let body = {};
    try { body = await response.clone().json(); } catch (error) { body = {}; }
    window.itaAutosaves.push({status: response.status, error: body.error_code || ""});
  }
  return response;
};
window.itaAutosaveErrors = [];
document.addEventListener("w-autosave:error", (event) =>
  window.itaAutosaveErrors.push(String(event.detail && event.detail.text)));
"""


class Autosaves:
    def __init__(self, admin):
        self.admin = admin
        self.run = admin.driver.execute_script
        self.run(WATCH_AUTOSAVES)

    def answers(self):
        return self.run("return window.itaAutosaves")

    def after(self, edit):
        """Make an edit and wait for the autosave it sets off to answer."""
        before = len(self.answers())
        edit()
        self.admin.wait.until(lambda driver: len(self.answers()) > before)


def type_more(admin, css, text=" แก้ไข"):
    return lambda: admin.type(css, text, clear=False)


def o42_edits(admin, page):
    # A period typed ending before it starts, then put right; a measure
    # that has results in O43 removed.
    yield lambda: admin.type_date("#measures-0-value-period-end", "2020-09-30")
    yield lambda: admin.type_date("#measures-0-value-period-end", "2021-09-30")
    yield lambda: admin.click(
        admin.near("[name=measures-1-id]", "[data-streamfield-action=DELETE]")
    )
    yield type_more(admin, "#measures-0-value-measure")


def o43_edits(admin, page):
    yield type_more(admin, "#results-0-value-outcome")
    yield type_more(admin, "#results-1-value-outcome")
    yield lambda: admin.type_date("#id_report_date", "2021-06-30")


def title_edits(admin, page):
    yield type_more(admin, "#id_title", " ก")
    yield type_more(admin, "#id_title", " ข")
    yield type_more(admin, "#id_title", " ค")


EDITS = {
    ItaIndexPage: title_edits,
    ItaYearPage: title_edits,
    ItaItemPage: title_edits,
    MeasureIndexPage: o42_edits,
    MeasureResultPage: o43_edits,
}


@pytest.mark.parametrize("page_class", list(EDITS), ids=lambda cls: cls.__name__)
def test_autosave_works_on_every_ita_page_type(browser, clerk, page_class):
    page = page_class.objects.live().order_by("path").first()
    assert page is not None, f"the demo has no {page_class.__name__}"
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{page.pk}/edit/")
    admin.find("form#page-edit-form[data-w-autosave-interval-value]")
    autosaves = Autosaves(admin)
    for edit in EDITS[page_class](admin, page):
        autosaves.after(edit)

    answers = autosaves.answers()
    assert len(answers) >= 3
    assert all(answer["status"] == 200 for answer in answers), answers
    assert browser.run("return window.itaAutosaveErrors") == []
    indicator = admin.find("#w-autosave-indicator")
    assert indicator.get_attribute("data-w-autosave-state-value") == "saved"
    paused = browser.driver.find_elements(
        By.CSS_SELECTOR, ".w-autosave-indicator__state--paused"
    )
    assert not [state for state in paused if state.is_displayed()]
    # What was typed is in the page's draft.
    draft = page_class.objects.get(pk=page.pk).get_latest_revision()
    assert draft.user_id == clerk.pk
