"""The clerk's admin as a browser shows it: the import's buttons read, the
new-year form keeps its title and slug with the year."""

from pathlib import Path

from selenium.webdriver.common.by import By

from ita_wagtail.models import ItaIndexPage, MeasureResultPage

from .wagtail_admin import WagtailAdmin


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


BUTTON_GEOMETRY = """
const button = arguments[0];
const style = getComputedStyle(button);
const icon = button.querySelector('svg');
const range = document.createRange();
const text = [...button.childNodes].find(
    (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()
);
range.selectNodeContents(text);
const words = range.getBoundingClientRect();
const box = button.getBoundingClientRect();
const iconBox = icon.getBoundingClientRect();
return {
    text: button.innerText.trim(),
    fontSize: parseFloat(style.fontSize),
    height: box.height,
    iconWidth: iconBox.width,
    iconHeight: iconBox.height,
    wordsInside: words.width > 0 && words.left >= box.left - 1
        && words.right <= box.right + 1 && words.top >= box.top - 1
        && words.bottom <= box.bottom + 1,
    color: style.color,
    background: style.backgroundColor,
};
"""


def assert_readable_button(admin, css, text):
    button = admin.find(css)
    geometry = admin.driver.execute_script(BUTTON_GEOMETRY, button)
    assert geometry["text"] == text, geometry
    assert geometry["fontSize"] >= 14, geometry
    # The icon is the size of a letter, not a 300×150 picture.
    assert geometry["iconWidth"] <= 2 * geometry["fontSize"], geometry
    assert geometry["iconHeight"] <= 2 * geometry["fontSize"], geometry
    assert geometry["height"] <= 4 * geometry["fontSize"], geometry
    assert geometry["wordsInside"], geometry
    assert geometry["color"] != geometry["background"], geometry


def test_the_import_buttons_show_their_words_at_a_readable_size(browser, clerk):
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    report = MeasureResultPage.objects.get()
    browser.driver.get(f"{browser.base_url}/admin/ita/import/{report.pk}/")
    assert_readable_button(admin, ".ita-import form button[type=submit]", "อ่านไฟล์")

    upload = admin.find("input[type=file]")
    upload.send_keys(str(FIXTURES / "tungkwao-o43-2564.csv"))
    admin.click(admin.find(".ita-import form button[type=submit]"))
    admin.find("button[name=action][value=confirm]")
    assert_readable_button(
        admin, "button[name=action][value=confirm]", "นำเข้าเป็นฉบับร่าง"
    )
    assert browser.driver.find_elements(By.CSS_SELECTOR, ".ita-import-rows tbody tr")


def test_the_checks_filter_button_is_as_tall_as_its_fields(browser, clerk):
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.open("/admin/ita/findings/")
    heights = browser.run(
        "const form = document.querySelector('form.ita-filters');"
        "return {button: form.querySelector('button').getBoundingClientRect(),"
        " field: form.querySelector('#ita-year').getBoundingClientRect()};"
    )
    button, field = heights["button"], heights["field"]
    assert abs(button["height"] - field["height"]) <= 2, heights
    assert abs(button["bottom"] - field["bottom"]) <= 2, heights  # one line
    assert "๒๕๖๔" in admin.find("#ita-year").text


def test_title_and_slug_follow_the_year_until_the_editor_changes_them(browser, clerk):
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    admin.add_child_page(ItaIndexPage.objects.get())
    year = admin.find("#id_year")
    prefilled = year.get_attribute("value")
    assert prefilled and prefilled in admin.find("#id_title").get_attribute("value")

    admin.type("#id_year", "2565")
    admin.wait.until(
        lambda driver: "2565" in admin.find("#id_title").get_attribute("value")
    )
    title = admin.find("#id_title").get_attribute("value")
    assert prefilled not in title
    slug = admin.driver.execute_script(
        "return document.querySelector('#id_slug').value"
    )
    assert slug == "2565"

    # Once the editor writes a title of their own, the year leaves it alone.
    admin.type("#id_title", "ปีงบประมาณ ๒๕๖๕ (ทดลอง)")
    admin.type("#id_year", "2566")
    admin.find("#id_year").send_keys("\t")
    assert admin.find("#id_title").get_attribute("value") == ("ปีงบประมาณ ๒๕๖๕ (ทดลอง)")


def test_the_o43_editor_shows_each_measure_whole_in_sarabun(browser, clerk):
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    report = MeasureResultPage.objects.get()
    browser.open(f"/admin/pages/{report.pk}/edit/")
    boxes = browser.run(
        "return [...document.querySelectorAll('textarea[name$=\"-measure_label\"]')]"
        ".map((box) => ({text: box.value.length, scroll: box.scrollHeight,"
        " client: box.clientHeight,"
        " line: parseFloat(getComputedStyle(box).lineHeight) || 24}));"
    )
    assert len(boxes) == 7, boxes
    for box in boxes:
        assert box["scroll"] <= box["client"] + 2, boxes  # nothing cut off
    longest = max(boxes, key=lambda box: box["text"])
    assert longest["client"] >= 3 * longest["line"], boxes  # it grew to fit
    # Thai in the admin is set in the shipped Sarabun.
    assert browser.run("return document.fonts.check('16px \"ITA Sarabun\"', 'ก')")
    assert browser.run(
        "return [...document.fonts].some((font) => font.family.includes("
        "'ITA Sarabun') && font.status === 'loaded')"
    )
    assert "ITA Sarabun" in browser.run(
        "return getComputedStyle(document.body).fontFamily"
    )
