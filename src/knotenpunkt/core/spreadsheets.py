"""One table as an Excel workbook: the export twin of a CSV file, for the apps whose
files go out and come back in (the strategy tree, the measures table)."""

import io
from decimal import Decimal


def xlsx_table(sheet_title: str, header: list[str], rows) -> bytes:
    """A workbook with one sheet: the header row, then `rows`. Decimals become numbers;
    text stays text (a cell starting with "=" never becomes a formula)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(header)
    for row in rows:
        sheet.append(
            [
                (int(v) if v == v.to_integral_value() else float(v))
                if isinstance(v, Decimal)
                else v
                for v in row
            ]
        )
    for cells in sheet.iter_rows(min_row=1):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
