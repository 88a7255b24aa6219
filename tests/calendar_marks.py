"""Which tests depend on the calendar: they get the `dates` marker, and .ci/run runs them
again with the clock moved (a leap day, New Year's Eve before midnight in Berlin).

A test depends on the calendar when it, or a fixture it uses (from this test suite, at any
depth), reads the clock, computes with dates, names a fixed day (which may lie in the past
or the future of the day it runs on), builds the demo or makes records a factory dates
relative to now (events, meetings). Found from the source, so a new test is marked
without anyone remembering to.
"""

import inspect
import re
from functools import cache
from pathlib import Path

TESTS = Path(__file__).resolve().parent

READS_THE_CALENDAR = re.compile(
    r"timezone\.now|localdate|localtime|date\.today|datetime\.now|freeze_time|timedelta"
    r"|install_demo|build_\w*demo|AS_OF|\bD\(\d{4}|date\(\d{4}"
    r"|EventFactory|MeetingFactory|RegistrationFactory|TicketTypeFactory"
)


@cache
def _reads_the_calendar(function) -> bool:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return bool(READS_THE_CALENDAR.search(source))


def _ours(function) -> bool:
    try:
        return TESTS in Path(inspect.getfile(function)).resolve().parents
    except TypeError:
        return False


def depends_on_the_calendar(item) -> bool:
    function = getattr(item, "function", None)
    if function is not None and _reads_the_calendar(function):
        return True
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures is None:
        return False
    for definitions in fixtures.name2fixturedefs.values():
        for definition in definitions:
            if _ours(definition.func) and _reads_the_calendar(definition.func):
                return True
    return False
