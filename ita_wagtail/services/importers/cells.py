"""Reading the text of one cell: whitespace, numbered lists, offices, statuses.

LAOs number the steps of a measure inside one cell, with Thai or Arabic digits,
on separate lines or run together ("๑. จัดทำประกาศ ๒.แจ้ง ..."); these
functions turn such a cell into the ordered list the page stores.
"""

import re
import unicodedata

from ...domain.blocks import ResultStatus
from ...fiscal import to_arabic_digits
from ..spreadsheets import FORMULA_TRIGGERS


_LINE_BREAKS_RE = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[^\S\n]+")
# "๑." "1." "2)" at the start of the text or after whitespace; never the "25"
# of "2564", the "10" of "10.30 น." or the "ศ." of "พ.ศ.๒๕๖๔".
_MARKER_RE = re.compile(r"(?:^|(?<=\s))[0-9๐-๙]{1,2}\s*[.)](?![0-9๐-๙])\s*")
_LEADING_NUMBER_RE = re.compile(r"^\(?([0-9๐-๙]{1,3})\s*[.)]\s*(?![0-9๐-๙])")
_BULLET_RE = re.compile(r"^[-–•●○▪■□◦✓➢*]\s*")
_OFFICE_SEPARATORS_RE = re.compile(r"[\n,;]+")
# Characters that make a spreadsheet treat a cell as a formula; exports prefix
# such cells with an apostrophe, which the CSV reader takes off again.


def clean_text(value):
    """A cell's text with tidy whitespace: one space between words, lines kept.

    Line breaks of any kind become ``\\n``; invisible characters (zero-width
    spaces, soft hyphens, byte-order marks) are removed; each line is stripped
    and empty lines are dropped.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _INVISIBLE_RE.sub("", _LINE_BREAKS_RE.sub("\n", text))
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def unescape_formula(text):
    """Undo the apostrophe an export puts before a formula-like cell."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def split_leading_number(text):
    """Split "๓. ประชาสัมพันธ์…" into (3, "ประชาสัมพันธ์…"); (None, text) if unnumbered."""
    text = clean_text(text)
    match = _LEADING_NUMBER_RE.match(text)
    if not match:
        return None, text
    rest = text[match.end() :].strip()
    if not rest:
        return None, text
    return int(to_arabic_digits(match.group(1))), rest


def split_numbered(text):
    """The items of a cell, as an ordered list.

    A cell that starts with a number ("๑. … ๒. …", "1) … 2) …") is split at each
    number, wherever it is; a cell of bulleted lines at each bullet; any other
    cell gives one item per line.

    Returns:
        A list of non-empty strings, without their numbers or bullets.
    """
    text = clean_text(text)
    if not text:
        return []
    if _MARKER_RE.match(text):
        items = _MARKER_RE.split(text)
    elif _BULLET_RE.match(text):
        items = re.split(r"(?:^|\n)[-–•●○▪■□◦✓➢*]\s*", text)
    else:
        items = text.split("\n")
    return [item.strip() for item in items if item and item.strip()]


def split_office_names(text):
    """The responsible offices named in a cell: one per line or comma."""
    names = []
    for part in _OFFICE_SEPARATORS_RE.split(clean_text(text)):
        number, name = split_leading_number(part)
        name = _BULLET_RE.sub("", name if number is not None else part).strip()
        if name and name not in names:
            names.append(name)
    return names


def matching_key(text):
    """Text reduced for comparison: no spaces, numbers or punctuation, lower case."""
    text = to_arabic_digits(clean_text(text)).lower()
    return "".join(char for char in text if char.isalnum() and not char.isdigit())


_STATUS_WORDS = (
    # Checked in order: "ยังไม่ดำเนินการ" contains "ดำเนินการ".
    (ResultStatus.NOT_STARTED, ("ยังไม่", "notstarted", "ไม่ได้ดำเนิน")),
    (ResultStatus.IN_PROGRESS, ("อยู่ระหว่าง", "กำลังดำเนิน", "inprogress")),
    (ResultStatus.DONE, ("แล้ว", "เสร็จ", "done", "complete", "ครบ")),
)


def read_status(text):
    """The ResultStatus a cell names ("ดำเนินการแล้ว", "In progress"), or None."""
    key = "".join(clean_text(text).lower().split())
    if not key:
        return None
    for status, words in _STATUS_WORDS:
        if any(word in key for word in words):
            return status
    return None
