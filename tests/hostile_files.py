"""Hostile spreadsheets, built small on disk: many sheets, many cells."""

import io
import zipfile


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PART_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"


def sheet_xml(target_bytes, columns=50):
    """A worksheet of numbers filling about ``target_bytes`` of XML."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<worksheet xmlns="{SHEET_NS}"><sheetData>'
    )
    tail = "</sheetData></worksheet>"
    row = "<row>" + "<c><v>1</v></c>" * columns + "</row>"
    count = max(1, (target_bytes - len(head) - len(tail)) // len(row))
    return (head + row * count + tail).encode()


def workbook_bytes(sheet_count, sheet_bytes, folder="worksheets", extra_parts=()):
    """An .xlsx of ``sheet_count`` sheets, each ``sheet_bytes`` of XML unpacked.

    ``folder``: where the sheets' parts are (Excel's own "worksheets", or any
    other the relationships name); ``extra_parts``: (name, bytes) to add.
    """
    sheet = sheet_xml(sheet_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        overrides = "".join(
            f'<Override PartName="/xl/{folder}/sheet{n}.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'worksheet+xml"/>'
            for n in range(1, sheet_count + 1)
        )
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>' + overrides + "</Types>",
        )
        package.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PART_RELS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        sheets = "".join(
            f'<sheet name="Sheet{n}" sheetId="{n}" r:id="rId{n}"/>'
            for n in range(1, sheet_count + 1)
        )
        package.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET_NS}" '
            f'xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>',
        )
        relations = "".join(
            f'<Relationship Id="rId{n}" Type="{WORKSHEET_TYPE}" '
            f'Target="{folder}/sheet{n}.xml"/>'
            for n in range(1, sheet_count + 1)
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PART_RELS}">'
            f"{relations}</Relationships>",
        )
        for n in range(1, sheet_count + 1):
            package.writestr(f"xl/{folder}/sheet{n}.xml", sheet, compresslevel=9)
        for part_name, content in extra_parts:
            package.writestr(part_name, content, compresslevel=9)
    return buffer.getvalue()


#: The workbook of the report: 190 sheets, each just under the 1 MiB from
#: which a part's packing ratio is checked; about 0.7 MB on disk.
def many_sheets_workbook():
    return workbook_bytes(190, 1024 * 1024 - 1024)
