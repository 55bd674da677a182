"""Rules of any page answering an OIT item: its item, its content, who sees it."""

from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...fiscal import digit_writer
from .findings import ERROR, WARNING, Finding, has_text


def binding_findings(oit_item, fiscal_year, digits="arabic"):
    """Check that the page answers an item of its own year's catalogue.

    ``digits`` ("thai" or "arabic") writes the message's years; item codes
    keep their Arabic digits.
    """
    if oit_item is None:
        return [
            Finding(
                ERROR,
                "item.not_bound",
                _("Choose the OIT item this page answers."),
                field="oit_item",
            )
        ]
    if fiscal_year is not None and oit_item.year != fiscal_year.be_year:
        return [
            Finding(
                ERROR,
                "item.wrong_year",
                _(
                    "This page is in fiscal year %(year)s but answers %(code)s of "
                    "the %(item_year)s assessment."
                )
                % {
                    "year": digit_writer(digits)(fiscal_year.be_year),
                    "code": oit_item.code,
                    "item_year": digit_writer(digits)(oit_item.year),
                },
                field="oit_item",
            )
        ]
    return []


# What an item page says -------------------------------------------------------

#: Blocks that carry information on the page itself.
SUBSTANTIVE_BLOCKS = {"text", "table", "image", "video", "contact", "page_link"}


def is_pdf_or_drive_url(url):
    """True for an address of a PDF file or of Google Drive / Docs."""
    parts = urlsplit(str(url or ""))
    host = (parts.hostname or "").lower()
    return parts.path.lower().endswith(".pdf") or host in {
        "drive.google.com",
        "docs.google.com",
    }


def item_page_findings(body):
    """Check that an item page shows its information, not just a file or link.

    Args:
        body: the ItaItemPage ``body`` StreamValue.
    """
    blocks = list(body or [])
    substantive = [
        block
        for block in blocks
        if block.block_type in SUBSTANTIVE_BLOCKS
        and not (block.block_type == "text" and not has_text(block.value.source))
    ]
    if substantive:
        return []
    pdf_or_drive = [
        block
        for block in blocks
        if (
            block.block_type == "external_link"
            and is_pdf_or_drive_url(block.value["url"])
        )
        or (
            block.block_type == "document"
            and not block.value.get("description")
            and block.value["document"] is not None
            and block.value["document"].file_extension.lower() == "pdf"
        )
    ]
    if pdf_or_drive:
        return [
            Finding(
                WARNING,
                "item.only_pdf_or_drive",
                _(
                    "The page's content is only a link to a PDF file or to Google "
                    "Drive. Assessors do not accept that: show the information on "
                    "the page itself, with the file as support."
                ),
                field="body",
            )
        ]
    if not any(b.block_type in {"external_link", "document"} for b in blocks):
        return [
            Finding(
                ERROR,
                "item.empty",
                _("The page has no content yet."),
                field="body",
            )
        ]
    return []


def external_link_findings(body, hostname):
    """Links to another website, where the assessors expect the site's own pages."""
    findings = []
    for index, block in enumerate(body or []):
        if block.block_type != "external_link":
            continue
        host = (urlsplit(block.value["url"]).hostname or "").lower()
        if host and hostname and host != hostname.lower():
            findings.append(
                Finding(
                    WARNING,
                    "item.url_not_on_site",
                    _(
                        "The link to %(host)s is not on this website (%(site)s); "
                        "assessors look for the information on the LAO's own "
                        "website."
                    )
                    % {"host": host, "site": hostname},
                    field="body",
                    block_index=index,
                )
            )
    return findings


# Can the assessor see the page? ------------------------------------------------


def visibility_findings(page, restriction_types=(), now=None):
    """Check that the public, and so the assessor, can open the page.

    Args:
        page: the page.
        restriction_types: the restriction types (``PageViewRestriction``) on
            the page or its ancestors, fetched by the caller in one query.
        now: the current time (for tests).
    """
    now = now or timezone.now()
    findings = []
    if not page.live:
        findings.append(
            Finding(ERROR, "page.not_live", _("The page is not published."))
        )
    elif page.expire_at and page.expire_at <= now:
        findings.append(Finding(ERROR, "page.expired", _("The page has expired.")))
    if "password" in restriction_types:
        findings.append(
            Finding(
                ERROR,
                "page.password_protected",
                _("The page is protected by a password; the assessor cannot open it."),
            )
        )
    elif restriction_types:
        findings.append(
            Finding(
                ERROR,
                "page.private",
                _("The page is private; the assessor cannot open it."),
            )
        )
    return findings
