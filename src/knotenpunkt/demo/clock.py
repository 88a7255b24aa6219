"""The present the demo is built around, read once.

The membership history ends on a fixed day (`plan.AS_OF`); what the demo dates around
the present (events, newsletters, needs, quote requests, invoices) is placed relative to
the moment `install_demo` started, so that all parts agree on one "now" even when the build
runs across midnight (or across the turn of the year).
"""

import contextlib
import datetime

from django.utils import timezone

_moment: datetime.datetime | None = None


def now() -> datetime.datetime:
    """The demo's present: the moment the build started, or now outside a build."""
    return _moment or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def build_moment():
    """Fix the demo's present for the builders called inside."""
    global _moment
    if _moment is not None:
        yield _moment
        return
    _moment = timezone.now()
    try:
        yield _moment
    finally:
        _moment = None
