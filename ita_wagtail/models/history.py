"""The public history of an ITA page: each published version and what changed in it.

These pages are evidence of what a government did, so readers can see when
each version went live and which measures, results or blocks were added,
removed or edited, compared by their stable block ids.
"""

import json
import re
from dataclasses import dataclass, field

from wagtail.models import PageLogEntry


@dataclass
class BlockChange:
    kind: str  # "added", "removed" or "edited"
    label: str


@dataclass
class PublishedVersion:
    number: int
    published_at: object
    title: str
    changes: list = field(default_factory=list)

    def of_kind(self, kind):
        return [change for change in self.changes if change.kind == kind]

    @property
    def added(self):
        return self.of_kind("added")

    @property
    def removed(self):
        return self.of_kind("removed")

    @property
    def edited(self):
        return self.of_kind("edited")


def _stream(content, field_name):
    raw = content.get(field_name) or []
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    return raw


#: About how many characters of a block's text the history shows.
SUMMARY_LENGTH = 80
# Where a summary may end. Thai puts no space between words, only between
# phrases, so a space (or a zero-width space, which editors use as a hidden
# word break) is the one place where Python, which has no Thai dictionary,
# knows a word ends.
_WORD_END = re.compile(r"[ \u200b]")


def summarise(text, length=SUMMARY_LENGTH):
    """The text cut to about ``length`` characters, between two words.

    The cut falls at the last space or zero-width space within ``length``;
    when the second half of that stretch has none (a long run of Thai
    words), at the first one after it; when the text has none after it
    either, the text is shown whole rather than cut inside a word.
    """
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    ends = [match.start() for match in _WORD_END.finditer(text)]
    before = [end for end in ends if length // 2 <= end <= length]
    after = [end for end in ends if end > length]
    cut = before[-1] if before else after[0] if after else len(text)
    if cut >= len(text):
        return text
    return text[:cut].rstrip(" \u200b") + "…"


def _label(block, label_of):
    return summarise(label_of(block))


def _compared(value, ignored):
    if ignored and isinstance(value, dict):
        return {key: item for key, item in value.items() if key not in ignored}
    return value


def diff_stream(old, new, label_of, ignored=()):
    """The blocks added, removed and edited between two raw StreamField values.

    ``ignored``: keys of a block's value that are not its content (O43's
    ``measure_label``, the editor's copy of O42's wording).
    """
    old_by_id = {block.get("id"): block for block in old}
    new_ids = {block.get("id") for block in new}
    changes = []
    for block in new:
        before = old_by_id.get(block.get("id"))
        if before is None:
            changes.append(BlockChange("added", _label(block, label_of)))
        elif _compared(before.get("value"), ignored) != _compared(
            block.get("value"), ignored
        ):
            changes.append(BlockChange("edited", _label(block, label_of)))
    for block in old:
        if block.get("id") not in new_ids:
            changes.append(BlockChange("removed", _label(block, label_of)))
    return changes


def published_versions(page):
    """Every published version of the page, newest first, with what it changed.

    Args:
        page: an ITA page with ``history_field`` (the StreamField to compare)
            and ``history_label(raw_block)``.
    """
    entries = list(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .exclude(revision=None)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    versions = []
    previous = []
    for number, entry in enumerate(entries, start=1):
        content = entry.revision.content
        stream = _stream(content, page.history_field)
        versions.append(
            PublishedVersion(
                number=number,
                published_at=entry.timestamp,
                title=content.get("title", ""),
                changes=diff_stream(
                    previous,
                    stream,
                    page.history_label,
                    getattr(page, "history_ignored_keys", ()),
                ),
            )
        )
        previous = stream
    return list(reversed(versions))
