import datetime

import pytest
from django.utils import translation

from knotenpunkt.procurement.services.advisor import advise

DAY = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source strings; the German catalogue is checked apart."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def advice_for(db):
    """Advice on the seeded thresholds, on a fixed day in 2026 unless told otherwise."""

    def _advise(jurisdiction, authority, category="services", **kwargs):
        kwargs.setdefault("date", DAY)
        return advise(jurisdiction, authority, category, **kwargs)

    return _advise
