"""The geometry of a DIN 5008 letter, so that the recipient's address shows through the
window of a DL/C5/C4 window envelope (DIN 5008:2020, forms A and B).

Every length is in millimetres from the sheet's top-left corner. The address field is
85 mm wide, 20 mm from the left edge; its upper part is the "Zusatz- und Vermerkzone"
(return line and notes such as "Einschreiben"), its lower part, 27.3 mm high, holds the
address itself. Form A (short letterhead) places the field 27 mm from the top, form B
45 mm; `settings.LETTER_FORM` picks one for every letter the platform prints.

The letter templates position these parts absolutely on the first page. WeasyPrint
measures `top` and `left` from the page's content area, so the lengths the templates get
(`css`) are already relative to the first page's margins.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

PAGE_LEFT = Decimal("25")  # left margin of the text (DIN 5008)
PAGE_RIGHT = Decimal("20")
WINDOW_LEFT = Decimal("20")
WINDOW_WIDTH = Decimal("85")
ADDRESS_ZONE_HEIGHT = Decimal("27.3")
INFO_LEFT = Decimal("125")
INFO_WIDTH = Decimal("75")
# Two blank lines (2 × 4.23 mm) between the address field and the first line of text.
TEXT_GAP = Decimal("8.46")
RETURN_LINE_HEIGHT = Decimal("3.5")  # one line at 7 pt, at the foot of the notes zone


@dataclass(frozen=True)
class LetterForm:
    name: str
    window_top: Decimal  # upper edge of the address field
    notes_zone_height: Decimal  # Zusatz- und Vermerkzone, with the return line
    info_top: Decimal  # the information block beside the address field
    fold_marks: tuple[Decimal, Decimal]

    @property
    def address_top(self) -> Decimal:
        return self.window_top + self.notes_zone_height

    @property
    def window_bottom(self) -> Decimal:
        return self.address_top + ADDRESS_ZONE_HEIGHT

    @property
    def text_top(self) -> Decimal:
        """Where the first page's text begins (its top margin)."""
        return self.window_bottom + TEXT_GAP

    def css(self) -> dict[str, str]:
        """CSS lengths for the templates, relative to the first page's content area."""

        def mm(value: Decimal) -> str:
            return f"{value.normalize():f}mm"

        return {
            "form": self.name,
            "page_top": mm(self.text_top),
            "page_left": mm(PAGE_LEFT),
            "page_right": mm(PAGE_RIGHT),
            "text_width": mm(Decimal("210") - PAGE_LEFT - PAGE_RIGHT),
            "letterhead_top": mm(Decimal("10") - self.text_top),
            "letterhead_height": mm(self.window_top - Decimal("12")),
            "window_left": mm(WINDOW_LEFT - PAGE_LEFT),
            "window_width": mm(WINDOW_WIDTH),
            "return_line_top": mm(self.address_top - RETURN_LINE_HEIGHT - self.text_top),
            "address_top": mm(self.address_top - self.text_top),
            "address_height": mm(ADDRESS_ZONE_HEIGHT),
            "info_top": mm(self.info_top - self.text_top),
            "info_left": mm(INFO_LEFT - PAGE_LEFT),
            "info_width": mm(INFO_WIDTH),
            "mark_left": mm(Decimal("4") - PAGE_LEFT),
            "fold_mark_1": mm(self.fold_marks[0] - self.text_top),
            "fold_mark_2": mm(self.fold_marks[1] - self.text_top),
            "hole_mark": mm(Decimal("148.5") - self.text_top),
        }


FORMS = {
    "A": LetterForm(
        "A", Decimal("27"), Decimal("12.7"), Decimal("32"), (Decimal("87"), Decimal("192"))
    ),
    "B": LetterForm(
        "B", Decimal("45"), Decimal("17.7"), Decimal("50"), (Decimal("105"), Decimal("210"))
    ),
}


def letter_form() -> LetterForm:
    """The DIN 5008 form the installation prints its letters in."""
    return FORMS[settings.LETTER_FORM]
