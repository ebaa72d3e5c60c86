"""The one CSV module (issue 17 §4, ASVS V5.3.x "CSV/formula injection", V5.1.x input bounds).

Exports: ``SpreadsheetWriter`` / ``csv_download`` write every cell through ``spreadsheet_safe``, so a
cell starting with =, +, -, @, TAB or CR (a product title, a producer's name, a shopper's e-mail)
is not run as a formula by Excel/LibreOffice/Sheets. Used by the settlement report, the evaluation
board, Oscar's order download and the sales-point stock export.

Imports: ``read_rows`` yields (line number, cells, error) and never raises on a bad line: a field
over the csv module's limit or a NUL byte (PostgreSQL text cannot hold it) becomes that line's error.
"""
import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would read as a formula gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetWriter:
    """csv.writer whose rows are made spreadsheet-safe; optional UTF-8 BOM (Excel shows Vietnamese)."""

    def __init__(self, stream, *, bom=True, **kwargs):
        if bom:
            stream.write("\ufeff")
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_download(filename):
    """(response, writer): an attachment response named ``filename`` and a safe writer into it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, SpreadsheetWriter(response)


def read_rows(text):
    """Yield (line_number, cells, error) for each CSV record of ``text``; exactly one of cells and
    error is None. Bad lines do not stop the reading."""
    reader = csv.reader(io.StringIO(text))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield reader.line_num, None, _("Dòng có ô quá dài (tối đa %(limit)s ký tự).") % {
                "limit": csv.field_size_limit()
            }
            continue
        if any("\x00" in cell for cell in row):
            yield reader.line_num, None, _("Dòng chứa ký tự không hợp lệ (ký tự NUL).")
            continue
        yield reader.line_num, row, None
