"""CSV that a spreadsheet opens as data: one rule for every CSV the site writes.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula (a leading tab or
carriage return can hide such a start), so text someone typed (a petition's title, a reader's
comment, a contributed page's title, a person's name) could call out to another host or run a
command on the computer of the clerk who opens the file (OWASP, "CSV Injection"). Such text gets
a leading apostrophe: spreadsheets read the cell as text and do not show the apostrophe.
Numbers, dates and empty cells are written as they are (a negative number is data).

Used by open data (`petitions.opendata`) and by every CSV export of the Wagtail admin, which
all write their rows through Wagtail's `SpreadsheetExportMixin` (`guard_admin_exports`).
"""

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The cell as a spreadsheet will show it, never run it."""
    if value is None:
        return ""
    if isinstance(value, str | Promise):
        text = str(value)
        return f"'{text}" if text.startswith(FORMULA_STARTS) else text
    return value


def guard_admin_exports() -> None:
    """Make every CSV export of the Wagtail admin write its cells through `csv_safe`.

    Wagtail writes CSV rows as they are (its XLSX export already keeps formulas as text). Every
    CSV export, the library's reports as much as Wagtail's own (locked and aging pages, site
    history, workflows, redirects, form submissions), writes its rows with
    `SpreadsheetExportMixin.write_csv_row`, so this one method is replaced, once, at startup:
    a new export is covered without anyone having to remember it.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "formula_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    write_csv_row.formula_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
