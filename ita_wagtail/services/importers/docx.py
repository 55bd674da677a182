"""Tables of a Word document (.docx), read with python-docx.

LAOs write O42/O43 as several tables, each repeating the header row, with cells
of several paragraphs. Each table becomes a Grid; a cell's paragraphs are
joined with line breaks; a cell merged across columns counts once, and a cell
continuing a vertical merge is empty and marked as merged.
"""

import io

from .errors import WrongFormatError
from .ooxml import KIND_DESCRIPTIONS, check_package
from .table import Grid


def read_docx(data, name, max_unpacked_bytes):
    """The tables of a .docx file, in document order, as Grids.

    Raises:
        TableImportError: the file is not a safe, readable Word document.
    """
    check_package(data, name, "docx", max_unpacked_bytes)
    # Imported here so that sites which never import Word files do not load it.
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        grids = []
        for number, table in enumerate(document.tables, start=1):
            grid = Grid("table", number)
            for tr in table._tbl.tr_lst:
                cells = [""] * tr.grid_before
                merged = []
                for tc in tr.tc_lst:
                    if tc.vMerge == "continue":
                        merged.append(len(cells))
                        text = ""
                    else:
                        paragraphs = tc.iter(qn("w:p"))
                        text = "\n".join(Paragraph(p, table).text for p in paragraphs)
                    cells += [text] + [""] * (tc.grid_span - 1)
                grid.rows.append(cells)
                grid.merged.append(tuple(merged))
            grids.append(grid)
    # python-docx and lxml raise many kinds of exception on a damaged package;
    # whatever it is, the editor is told the file cannot be read.
    except Exception as error:
        raise WrongFormatError.unreadable(
            name, KIND_DESCRIPTIONS["docx"], error
        ) from error
    return grids
