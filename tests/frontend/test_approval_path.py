"""The demo's editor submits O43 for approval and the demo's approver
approves it, in the Thai admin, through Wagtail's own edit view and workflow
buttons, as the README and the editor's guide describe; citizens then read
the change, and not before."""

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from wagtail.models import WorkflowState

from ita_wagtail.models import MeasureResultPage

from .pages import DEMO_APPROVER, DEMO_EDITOR, DEMO_PASSWORD
from .wagtail_admin import WagtailAdmin


OUTCOME = "ประชาชนตรวจสอบผลการจัดซื้อจัดจ้างได้ทุกเดือนบนเว็บไซต์ (ปรับปรุง)"


def footer_action(admin, css):
    """A button of the editor's footer menu, the menu opened first."""
    admin.click(admin.find("footer [data-w-dropdown-target=toggle]"))
    admin.wait.until(ready.visibility_of_element_located((By.CSS_SELECTOR, css)))
    return admin.find(css)


def public_text(browser, path):
    browser.open(path)
    return browser.run("return document.querySelector('main').innerText")


def test_the_demo_editor_submits_o43_and_the_demo_approver_publishes_it(
    browser, demo_roles
):
    report = MeasureResultPage.objects.get()
    path = urlsplit(report.full_url).path
    assert OUTCOME not in public_text(browser, path)
    admin = WagtailAdmin(browser)

    # The editor changes a result and submits it; the footer offers no publish.
    admin.log_in(DEMO_EDITOR, DEMO_PASSWORD)
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    admin.type("#results-0-value-outcome", OUTCOME)
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "[name=action-publish]")
    admin.click(footer_action(admin, "button[name=action-submit]"))
    admin.wait.until(
        lambda driver: WorkflowState.objects.filter(
            object_id=str(report.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).exists()
    )
    assert OUTCOME not in public_text(browser, path)  # not before it is approved
    browser.driver.delete_all_cookies()

    # The approver finds it on the dashboard and approves it in the editor.
    admin.log_in(DEMO_APPROVER, DEMO_PASSWORD)
    dashboard = admin.find("main").text
    assert report.title in dashboard
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    approve = footer_action(
        admin,
        "button[data-workflow-action-name=approve]"
        ":not([data-workflow-action-modal-url])",
    )
    admin.click(approve)
    admin.wait.until(
        ready.url_changes(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    )
    messages = [
        element.text
        for element in browser.driver.find_elements(By.CSS_SELECTOR, ".messages li")
    ]
    assert any("อนุมัติและเผยแพร่แล้ว" in text for text in messages), messages
    report.refresh_from_db()
    assert report.live and not report.has_unpublished_changes
    assert OUTCOME in public_text(browser, path)
    browser.driver.delete_all_cookies()
