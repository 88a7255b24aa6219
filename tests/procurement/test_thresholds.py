"""Every threshold edge: one cent below, at, and one cent above each limit."""

import datetime
from decimal import Decimal

import pytest

from knotenpunkt.procurement.models import Threshold

CENT = Decimal("0.01")

# (jurisdiction, authority, limit, procedure up to and at the limit, procedure above)
NATIONAL_LIMITS = [
    ("SH", "municipal", "5000", "DA", "VV_BA_OTW"),
    ("SH", "land", "150000", "VV_BA_OTW", "NAT"),
    ("BUND", "federal_top", "15000", "DA", "NAT"),
    ("BUND", "federal_upper", "15000", "DA", "NAT"),
    ("BY", "municipal", "100000", "DA", "NAT"),
    ("NI", "land", "20000", "DA", "VV_BA_OTW"),
    ("NI", "municipal", "100000", "VV_BA_OTW", "NAT"),
    ("HH", "land", "5000", "DA", "VV_BA_OTW"),
    ("HH", "land", "100000", "VV_BA_OTW", "NAT"),
    ("BW", "municipal", "1000", "DA", "NAT"),
]

# (jurisdiction, authority, EU threshold 2026-27)
EU_THRESHOLDS = [
    ("SH", "land", "216000"),
    ("BY", "municipal", "216000"),
    ("NI", "municipal", "216000"),
    ("HH", "land", "216000"),
    ("BUND", "federal_top", "140000"),
    ("BUND", "federal_upper", "140000"),
    ("SH", "sector", "432000"),
    ("BUND", "sector", "432000"),
]


def _label(case):
    return f"{case[0]}-{case[1]}-{case[2]}"


@pytest.mark.parametrize("case", NATIONAL_LIMITS, ids=_label)
def test_one_cent_below_a_national_limit_keeps_its_procedure(advice_for, case):
    jurisdiction, authority, limit, within, _above = case
    advice = advice_for(jurisdiction, authority, value=Decimal(limit) - CENT)
    assert advice.procedure == within


@pytest.mark.parametrize("case", NATIONAL_LIMITS, ids=_label)
def test_a_value_equal_to_a_national_limit_is_still_within_it(advice_for, case):
    jurisdiction, authority, limit, within, _above = case
    assert advice_for(jurisdiction, authority, value=Decimal(limit)).procedure == within


@pytest.mark.parametrize("case", NATIONAL_LIMITS, ids=_label)
def test_one_cent_above_a_national_limit_needs_the_next_procedure(advice_for, case):
    jurisdiction, authority, limit, _within, above = case
    advice = advice_for(jurisdiction, authority, value=Decimal(limit) + CENT)
    assert advice.procedure == above


@pytest.mark.parametrize("case", EU_THRESHOLDS, ids=_label)
def test_one_cent_below_the_eu_threshold_stays_national(advice_for, case):
    jurisdiction, authority, threshold = case
    advice = advice_for(jurisdiction, authority, value=Decimal(threshold) - CENT)
    assert advice.procedure != "EU"


@pytest.mark.parametrize("case", EU_THRESHOLDS, ids=_label)
def test_a_value_equal_to_the_eu_threshold_reaches_it(advice_for, case):
    jurisdiction, authority, threshold = case
    assert advice_for(jurisdiction, authority, value=Decimal(threshold)).procedure == "EU"


@pytest.mark.parametrize("case", EU_THRESHOLDS, ids=_label)
def test_one_cent_above_the_eu_threshold_is_eu_wide(advice_for, case):
    jurisdiction, authority, threshold = case
    advice = advice_for(jurisdiction, authority, value=Decimal(threshold) + CENT)
    assert advice.procedure == "EU"


def test_the_2024_25_eu_threshold_applies_on_a_day_in_2025(advice_for):
    day = datetime.date(2025, 12, 31)
    assert advice_for("SH", "land", value="216000", date=day).procedure == "NAT"
    assert advice_for("SH", "land", value="221000", date=day).procedure == "EU"


def test_a_day_after_the_recorded_eu_thresholds_is_flagged_uncertain(advice_for):
    advice = advice_for("SH", "land", value="300000", date=datetime.date(2028, 1, 1))
    assert advice.procedure == "EU"
    assert advice.uncertain


def test_an_exclusive_limit_excludes_the_value_equal_to_it(advice_for):
    Threshold.objects.filter(jurisdiction="SH", procedure="DA").update(inclusive=False)
    assert advice_for("SH", "land", value="5000").procedure == "VV_BA_OTW"


def test_a_limit_changed_as_data_changes_the_advice(advice_for):
    Threshold.objects.filter(jurisdiction="SH", procedure="DA").update(amount=Decimal("10000"))
    assert advice_for("SH", "municipal", value="9000").procedure == "DA"


def test_a_limit_not_yet_valid_is_ignored(advice_for):
    Threshold.objects.filter(jurisdiction="SH", procedure="DA").update(
        valid_from=datetime.date(2027, 1, 1)
    )
    assert advice_for("SH", "municipal", value="4000").procedure == "VV_BA_OTW"
