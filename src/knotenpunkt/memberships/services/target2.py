"""TARGET2 business days: the days on which SEPA direct debits are settled.

A collection date must be such a day (no weekend, none of the ECB's TARGET2 holidays:
New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December), and the file must reach
the bank at least SEPA_LEAD_BUSINESS_DAYS business days before it. The holiday calendar
comes from the `holidays` library (its "XECB" financial calendar).
"""

from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The library names the holidays in English; the UI names them in German.
HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Good Friday": gettext_lazy("Good Friday"),
    "Easter Monday": gettext_lazy("Easter Monday"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Christmas Day": gettext_lazy("Christmas Day"),
    "Christmas Holiday": gettext_lazy("Boxing Day"),
}


@cache
def _target2_holidays(year: int) -> dict[date, str]:
    return dict(holidays.financial_holidays("XECB", years=year).items())


def target2_holiday(day: date) -> str | None:
    """The (translated) name of the TARGET2 holiday on `day`, or None."""
    name = _target2_holidays(day.year).get(day)
    if name is None:
        return None
    return str(HOLIDAY_NAMES.get(name, name))


def is_target2_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _target2_holidays(day.year)


def next_business_day(day: date) -> date:
    """`day` itself if it is a business day, else the next one."""
    while not is_target2_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """The business day `count` business days after `day` (count ≥ 0)."""
    while count > 0:
        day += timedelta(days=1)
        if is_target2_business_day(day):
            count -= 1
    return day


def earliest_collection_date(today: date) -> date:
    """The first collection date a file created today can ask for."""
    return add_business_days(today, settings.SEPA_LEAD_BUSINESS_DAYS)


def check_collection_date(day: date, today: date) -> None:
    """Raise a ValidationError naming the reason and the earliest possible date unless
    `day` is a TARGET2 business day at least the lead time ahead of `today`."""
    earliest = earliest_collection_date(today)
    params = {
        "date": date_format(day, "SHORT_DATE_FORMAT"),
        "earliest": date_format(max(earliest, next_business_day(day)), "SHORT_DATE_FORMAT"),
    }
    if day.weekday() >= 5:
        raise ValidationError(
            _(
                "Collection date: %(date)s is not a TARGET2 business day (weekend). "
                "The next possible collection date is %(earliest)s."
            ),
            code="collection_date_weekend",
            params=params,
        )
    holiday = target2_holiday(day)
    if holiday:
        raise ValidationError(
            _(
                "Collection date: %(date)s is not a TARGET2 business day (%(holiday)s). "
                "The next possible collection date is %(earliest)s."
            ),
            code="collection_date_holiday",
            params={**params, "holiday": holiday},
        )
    if day < earliest:
        raise ValidationError(
            _(
                "Collection date: %(date)s is too soon; the bank needs the file "
                "%(days)s business day(s) ahead. The earliest possible collection date is "
                "%(earliest)s."
            ),
            code="collection_date_too_soon",
            params={**params, "days": settings.SEPA_LEAD_BUSINESS_DAYS},
        )
