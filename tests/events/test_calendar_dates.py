"""Event dates on the calendar and attendance pages read as dates in the visitor's language.

Issue 15: the templates passed "D, DATE_FORMAT, H:i" to the date filter, which only knows
the setting names as the whole argument, so every letter of "DATE_FORMAT" became a format
character ("Mi, Mivorm.CETDezember_Dezember+0100RDez…").
"""

import datetime
import re
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from knotenpunkt.events.models import Event

# The helper below reads the clock, which tests/calendar_marks.py cannot see from here.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
CALENDAR = reverse("events:calendar")

# Written out here rather than asked from Django's formats, which are what is under test.
GERMAN_MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip
ENGLISH_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]  # fmt: skip
# What the broken templates printed: time zone names and offsets, format characters.
GARBAGE = re.compile(r"CES?T|[+-]\d{4}|_|DATE|FORMAT")


@pytest.fixture
def german_default(settings):
    """The platform's own default language; the events conftest switches tests to English."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "de"
    with translation.override("de"):
        yield


def wednesday_evening(weeks_ahead: int) -> datetime.datetime:
    """A Wednesday at 18:00 Berlin time, some weeks from now (any day the suite runs)."""
    day = timezone.localdate() + datetime.timedelta(weeks=weeks_ahead)
    day += datetime.timedelta(days=(2 - day.weekday()) % 7)
    return datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=BERLIN)


def make_event(cluster, starts: datetime.datetime, title="Zukunftsgipfel") -> Event:
    event = Event.objects.create(
        title=title,
        slug=slugify(title),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        is_published=True,
    )
    event.clusters.add(cluster)
    return event


def shown_dates(response) -> list[str]:
    """The visible text of every <time> element on the page."""
    assert response.status_code == 200
    return re.findall(r"<time datetime=\"[^\"]+\">([^<]*)</time>", response.text)


def test_calendar_shows_weekday_date_and_time_in_german(german_default, client, cluster):
    starts = wednesday_evening(weeks_ahead=5)
    make_event(cluster, starts)

    dates = shown_dates(client.get(CALENDAR))

    expected = f"Mittwoch, {starts.day}. {GERMAN_MONTHS[starts.month - 1]} {starts.year}, 18:00"
    assert dates == [expected]
    assert not GARBAGE.search(dates[0])


def test_calendar_shows_dates_in_english_for_a_visitor_who_chose_english(
    german_default, client, cluster
):
    starts = wednesday_evening(weeks_ahead=5)
    make_event(cluster, starts)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    dates = shown_dates(client.get(CALENDAR))

    expected = f"Wednesday, {ENGLISH_MONTHS[starts.month - 1]} {starts.day}, {starts.year}, 6 p.m."
    assert dates == [expected]
    assert not GARBAGE.search(dates[0])


def test_calendar_shows_readable_dates_of_past_events(german_default, client, cluster):
    starts = wednesday_evening(weeks_ahead=-6)
    make_event(cluster, starts, title="Rückblick")

    dates = shown_dates(client.get(CALENDAR, {"period": "past"}))

    assert dates == [
        f"Mittwoch, {starts.day}. {GERMAN_MONTHS[starts.month - 1]} {starts.year}, 18:00"
    ]


def test_attendance_page_shows_date_and_time_in_german(german_default, client_for, cluster, alice):
    starts = wednesday_evening(weeks_ahead=-2)
    event = make_event(cluster, starts)

    dates = shown_dates(client_for(alice).get(reverse("events:attendance", args=[event.slug])))

    assert dates == [f"{starts.day}. {GERMAN_MONTHS[starts.month - 1]} {starts.year} 18:00"]
    assert not GARBAGE.search(dates[0])


def test_attendance_page_shows_date_and_time_in_english(german_default, client_for, cluster, alice):
    starts = wednesday_evening(weeks_ahead=-2)
    event = make_event(cluster, starts)
    client = client_for(alice)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    dates = shown_dates(client.get(reverse("events:attendance", args=[event.slug])))

    assert dates == [f"{ENGLISH_MONTHS[starts.month - 1]} {starts.day}, {starts.year}, 6 p.m."]
    assert not GARBAGE.search(dates[0])
