"""The moves an editor makes in Wagtail's admin, for the browser tests.

Selectors rely on what Wagtail renders from our own field and block names
(``#id_year``, ``#measures-0-value-measure``, ``[name=measures-count]``)
and on the admin's stable data attributes, not on its styling classes.
"""

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from .browser import DESKTOP


class WagtailAdmin:
    def __init__(self, browser, timeout=15):
        self.browser = browser
        self.driver = browser.driver
        self.wait = WebDriverWait(self.driver, timeout)
        browser.resize(DESKTOP)

    def find(self, css):
        return self.wait.until(
            ready.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def click(self, element):
        """Click like a person, or by script when the sticky footer covers it."""
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", element
        )
        try:
            element.click()
        except ElementClickInterceptedException:
            self.driver.execute_script("arguments[0].click()", element)

    def type(self, css, text, clear=True):
        field = self.find(css)
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center'})", field
        )
        if clear:
            field.clear()
        field.send_keys(text)
        return field

    def log_in(self, username, password):
        self.browser.driver.get(self.browser.base_url + "/admin/login/")
        self.type("input[name=username]", username)
        self.type("input[name=password]", password)
        self.click(self.find("form button[type=submit]"))
        self.wait.until(ready.url_matches(r"/admin/$"))

    def add_child_page(self, parent, page_type=None):
        """Open the form for a new page under ``parent``. Where the parent allows
        one page type below it, Wagtail goes straight to its form; otherwise
        ``page_type`` (a page model) says which."""
        if page_type is None:
            url = f"/admin/pages/{parent.pk}/add_subpage/"
        else:
            meta = page_type._meta
            url = f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/"
        self.driver.get(self.browser.base_url + url)
        self.find("form#page-edit-form")

    def set_slug(self, slug):
        """The slug lives on the Promote tab: open it, then type."""
        panel = self.find("#id_slug").find_element(
            By.XPATH, "ancestor::*[@role='tabpanel']"
        )
        self.click(
            self.find(f'[role=tab][aria-controls="{panel.get_attribute("id")}"]')
        )
        self.wait.until(ready.visibility_of_element_located((By.ID, "id_slug")))
        self.type("#id_slug", slug)

    def add_block(self, stream, attempts=3):
        """Append a block to a StreamField with one block type; its position.

        On a cold CI machine a click on the add button has been seen to add
        nothing (once in a whole suite, while the page's first autosave was
        creating the page): when the stream's count has not moved, the
        button is clicked again, as a person would; a block added twice
        fails the count check below.
        """
        count_css = f"[name={stream}-count]"
        position = int(self.find(count_css).get_attribute("value"))
        added = f"[name={stream}-{position}-type]"
        for _attempt in range(attempts):
            buttons = self.driver.find_elements(
                By.CSS_SELECTOR, f"#{stream}-root .c-sf-add-button"
            )
            self.click(buttons[-1])
            try:
                WebDriverWait(self.driver, 5).until(
                    lambda driver: driver.find_elements(By.CSS_SELECTOR, added)
                )
            except TimeoutException:
                if int(self.find(count_css).get_attribute("value")) != position:
                    break
                continue
            count = int(self.find(count_css).get_attribute("value"))
            assert count == position + 1, f"{stream}: {count} blocks after one add"
            return position
        raise AssertionError(
            f"{stream}: no block {position} after {attempts} clicks on its add "
            f"button; count {self.find(count_css).get_attribute('value')}, "
            f"page {self.driver.current_url}"
        )

    def type_date(self, css, value, attempts=3):
        """Type a date (YYYY-MM-DD), close the date picker and leave the field.

        The picker rewrites the field when it closes; on a busy machine it has
        been seen to drop what was typed, so the value is checked and retyped.
        """
        for _attempt in range(attempts):
            self.type(css, value).send_keys(Keys.ESCAPE, Keys.TAB)
            if self.find(css).get_attribute("value") == value:
                return
        raise AssertionError(f"{css} would not take the date {value}")

    def near(self, anchor_css, inner_css):
        """The first ``inner_css`` element in the container of ``anchor_css``.

        StreamField children carry block ids, not positions, in their
        attributes; the form fields' names and ids carry the positions.
        """
        anchor = self.find(anchor_css)
        return self.driver.execute_script(
            "let box = arguments[0].parentElement;"
            "while (box && !box.querySelector(arguments[1])) box = box.parentElement;"
            "return box && box.querySelector(arguments[1]);",
            anchor,
            inner_css,
        )

    def add_list_item(self, list_name):
        """Add an item to an empty ListBlock, e.g. ``results-0-value-actions``."""
        self.click(
            self.near(f"[name={list_name}-count]", "[data-streamfield-list-add]")
        )
        self.find(f"#{list_name}-0-value")

    def choose_snippet(self, hidden_input_css, title):
        """Open the chooser of a snippet field and pick the snippet by its title."""
        self.click(self.near(hidden_input_css, "[data-chooser-action-choose]"))
        choice = self.wait.until(
            ready.element_to_be_clickable(
                (
                    By.XPATH,
                    "//a[@data-chooser-modal-choice]"
                    f"[normalize-space()={xpath_literal(title)}]",
                )
            )
        )
        self.click(choice)
        self.wait.until(
            lambda driver: driver.find_element(
                By.CSS_SELECTOR, hidden_input_css
            ).get_attribute("value")
        )

    def publish(self):
        """Open the footer's action menu and publish.

        Returns the address Wagtail goes to once it is published; raises with
        the form's error messages when Wagtail refuses.

        It waits for the page the publish request loads, not for the address
        to change: Wagtail's autosave, having created the page, rewrites the
        add form's address to the edit form's without loading anything (the
        test then read a page autosave had made, before it was published).
        """
        form_page = self.find("html")
        self.click(self.find("footer [data-w-dropdown-target=toggle]"))
        self.click(
            self.wait.until(
                ready.element_to_be_clickable(
                    (By.CSS_SELECTOR, "button[name=action-publish]")
                )
            )
        )
        # A new page, or none when the browser itself refuses to submit.
        self.wait.until(
            lambda driver: (
                ready.staleness_of(form_page)(driver) or self.invalid_fields()
            )
        )
        self.wait.until(
            lambda driver: (
                driver.execute_script("return document.readyState") == "complete"
            )
        )
        if self.driver.find_elements(By.CSS_SELECTOR, "#page-edit-form"):
            raise AssertionError(f"Wagtail refused to publish: {self.errors()}")
        return self.driver.current_url

    def invalid_fields(self):
        """The fields the browser itself refuses to submit, with its message."""
        return self.driver.execute_script(
            "return [...document.querySelectorAll('#page-edit-form :invalid')]"
            ".filter((field) => field.name).map((field) => field.name + ': ' +"
            " field.validationMessage);"
        )

    def errors(self):
        """The error messages the page form shows, field errors included, and
        the fields the browser itself refuses to submit."""
        return self.invalid_fields() + [
            element.text
            for element in self.driver.find_elements(
                By.CSS_SELECTOR,
                ".messages .error, .w-field__errors .error-message, "
                ".help-critical, [data-field-errors] p",
            )
            if element.text.strip()
        ]


def xpath_literal(text):
    return f'"{text}"' if '"' not in text else f"'{text}'"
