"""Every threshold edge: one cent below, at, and one cent above each limit."""

import datetime
from decimal import Decimal

import pytest

from knotenpunkt.procurement.models import DutyThreshold, EInvoiceRule, Threshold

CENT = Decimal("0.01")

# (jurisdiction, authority, limit, procedure up to and at the limit, procedure above)
NATIONAL_LIMITS = [
    ("SH", "municipal", "5000", "DA", "VV_BA_OTW"),
    ("SH", "land", "150000", "VV_BA_OTW", "NAT"),
    ("BUND", "federal_top", "15000", "DA", "NAT"),
    ("BUND", "federal_upper", "15000", "DA", "NAT"),
    ("BY", "municipal", "100000", "DA", "VV_BA_OTW"),
    ("BY", "land", "100000", "DA", "VV_BA_OTW"),
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


# --- Bavaria: Art. 20 BayWiVG, 1 January 2025 to 31 December 2029 ---


@pytest.mark.parametrize("authority", ["land", "municipal"])
@pytest.mark.parametrize(
    ("value", "procedure"),
    [
        ("99999.99", "DA"),
        ("100000.00", "DA"),  # "bis zu einer Wertgrenze von einschließlich 100 000 €"
        ("100000.01", "VV_BA_OTW"),
        ("215999.99", "VV_BA_OTW"),  # "unterhalb des Schwellenwerts gemäß § 106 GWB"
        ("216000.00", "EU"),
        ("216000.01", "EU"),
    ],
)
def test_bavaria_allows_a_direct_award_to_100000_and_vv_ba_to_the_eu_threshold(
    advice_for, authority, value, procedure
):
    assert advice_for("BY", authority, value=Decimal(value)).procedure == procedure


def test_bavarias_second_rule_was_missing_from_the_table(advice_for):
    advice = advice_for("BY", "municipal", value="150000")
    assert advice.procedure == "VV_BA_OTW"
    assert advice.min_offers == 3
    assert not advice.uncertain
    assert "Art. 20 Abs. 1 Satz 1 Nr. 2" in advice.basis[0]


def test_bavarias_limit_up_to_the_eu_threshold_follows_the_recorded_threshold(advice_for):
    """The Bavarian row names no amount: it takes the EU row of the day and buyer kind."""
    day = datetime.date(2025, 6, 30)  # the 2024–2025 threshold of 221,000 EUR
    assert advice_for("BY", "land", value="220999.99", date=day).procedure == "VV_BA_OTW"
    assert advice_for("BY", "land", value="221000", date=day).procedure == "EU"
    Threshold.objects.filter(
        jurisdiction="EU", authority_kinds="land,municipal", amount=Decimal("216000")
    ).update(amount=Decimal("200000"))
    assert advice_for("BY", "land", value="199999.99").procedure == "VV_BA_OTW"
    assert advice_for("BY", "land", value="200000").procedure == "EU"


def test_bavarias_limit_for_a_sector_entity_is_the_sector_threshold(advice_for):
    assert advice_for("BY", "sector", value="431999.99").procedure == "VV_BA_OTW"
    assert advice_for("BY", "sector", value="432000").procedure == "EU"


def test_bavarias_rules_hold_on_their_last_day(advice_for):
    day = datetime.date(2029, 12, 31)
    assert advice_for("BY", "municipal", value="100000", date=day).procedure == "DA"
    assert advice_for("BY", "municipal", value="150000", date=day).procedure == "VV_BA_OTW"


@pytest.mark.parametrize("value", ["50000", "100000", "150000"])
def test_bavarias_rules_no_longer_apply_after_2029(advice_for, value):
    advice = advice_for("BY", "municipal", value=value, date=datetime.date(2030, 1, 1))
    assert advice.procedure == "NAT"  # the UVgO default: direct awards to 1,000 EUR only
    assert advice.uncertain
    assert not any("BayWiVG" in line for line in advice.basis)


def test_bavarias_rules_do_not_apply_before_2025(advice_for):
    advice = advice_for("BY", "municipal", value="50000", date=datetime.date(2024, 12, 31))
    assert advice.procedure == "NAT"
    assert advice.uncertain


def test_the_basis_says_whether_the_limit_itself_is_included(advice_for):
    assert "Allowed up to and including 100,000 EUR net." in (
        advice_for("BY", "municipal", value="100000").basis
    )
    assert "Allowed below the EU threshold of 216,000 EUR net." in (
        advice_for("BY", "municipal", value="100000.01").basis
    )
    Threshold.objects.filter(jurisdiction="SH", procedure="DA").update(inclusive=False)
    assert "Allowed below 5,000 EUR net." in advice_for("SH", "land", value="4999.99").basis


# --- duties: VergStatVO § 2 Abs. 2 ("überschreitet") and § 30 UVgO ("ab") ---


@pytest.mark.parametrize(
    ("value", "reported"),
    [("24999.99", False), ("25000.00", False), ("25000.01", True)],
)
def test_statistics_bind_only_above_25000_euro(advice_for, value, reported):
    for jurisdiction, authority in [("BY", "land"), ("SH", "municipal"), ("BUND", "federal_top")]:
        advice = advice_for(jurisdiction, authority, value=Decimal(value))
        assert advice.statistics is reported
        texts = [duty.text for duty in advice.duties if "statistics" in duty.text]
        assert texts == (
            ["Report the award to the procurement statistics (above 25,000 EUR net)."]
            if reported
            else []
        )


@pytest.mark.parametrize(
    ("value", "published"),
    [("24999.99", False), ("25000.00", True), ("25000.01", True)],
)
def test_ex_post_publication_binds_from_25000_euro(advice_for, value, published):
    for jurisdiction, authority in [("SH", "land"), ("NI", "municipal")]:
        advice = advice_for(jurisdiction, authority, value=Decimal(value))
        assert advice.procedure == "VV_BA_OTW"
        assert advice.ex_post_publication is published
        texts = [duty.text for duty in advice.duties if "three months" in duty.text]
        assert texts == (
            ["Publish the award on the internet for three months (from 25,000 EUR net)."]
            if published
            else []
        )


def test_a_direct_award_above_25000_euro_has_no_ex_post_publication(advice_for):
    advice = advice_for("BY", "land", value="25000.01")
    assert (advice.procedure, advice.ex_post_publication) == ("DA", False)


def test_a_sector_entity_reports_no_sub_threshold_statistics(advice_for):
    assert not advice_for("SH", "sector", value="100000").statistics


def test_the_duty_limits_are_data_and_their_wording_follows_the_flag(advice_for):
    DutyThreshold.objects.filter(duty="statistics").update(inclusive=True)
    DutyThreshold.objects.filter(duty="ex_post_publication").update(
        inclusive=False, amount=Decimal("30000")
    )
    advice = advice_for("SH", "land", value="30000")
    assert advice.statistics
    assert not advice.ex_post_publication
    assert "Report the award to the procurement statistics (from 25,000 EUR net)." in [
        duty.text for duty in advice.duties
    ]
    advice = advice_for("SH", "land", value="30000.01")
    assert "Publish the award on the internet for three months (above 30,000 EUR net)." in [
        duty.text for duty in advice.duties
    ]


def test_a_duty_without_a_recorded_limit_is_an_uncertain_point(advice_for):
    DutyThreshold.objects.filter(duty="statistics").delete()
    advice = advice_for("SH", "land", value="60000")
    assert not advice.statistics
    assert any("procurement statistics" in point for point in advice.uncertain_points)


# --- the e-invoice exemption of § 3 Abs. 3 Nr. 1 ERechV ("bis zu 1 000 Euro") ---


@pytest.mark.parametrize(
    ("value", "required"), [("999.99", False), ("1000.00", False), ("1000.01", True)]
)
def test_federal_direct_awards_are_exempt_from_einvoicing_up_to_1000_euro(
    advice_for, value, required
):
    advice = advice_for("BUND", "federal_top", value=Decimal(value))
    assert (advice.procedure, advice.einvoice_required) == ("DA", required)


def test_an_exclusive_einvoice_exemption_does_not_exempt_the_value_equal_to_it(advice_for):
    EInvoiceRule.objects.filter(jurisdiction="BUND").update(exempt_inclusive=False)
    assert not advice_for("BUND", "federal_top", value="999.99").einvoice_required
    assert advice_for("BUND", "federal_top", value="1000").einvoice_required


# --- the recorded wording decides the flag ---

INCLUDES = ("einschließlich", "bis zu", "ab einem", "erreicht")
EXCLUDES = ("überschreitet", "unterhalb", "unter ")


def _wording_includes(wording: str) -> bool:
    excluded = any(word in wording for word in EXCLUDES) and "erreicht" not in wording
    assert excluded or any(word in wording for word in INCLUDES), wording
    return not excluded


def test_every_recorded_wording_matches_the_inclusive_flag(db):
    rows = [
        *Threshold.objects.exclude(bound_wording=""),
        *DutyThreshold.objects.all(),
    ]
    assert len(rows) >= 12
    for row in rows:
        assert _wording_includes(row.bound_wording) is row.inclusive, row
    for rule in EInvoiceRule.objects.exclude(bound_wording=""):
        assert _wording_includes(rule.bound_wording) is rule.exempt_inclusive, rule


def test_the_seeded_duty_limits_follow_vergstatvo_and_uvgo(db):
    statistics = DutyThreshold.objects.get(duty="statistics")
    ex_post = DutyThreshold.objects.get(duty="ex_post_publication")
    assert (statistics.amount, statistics.inclusive) == (Decimal("25000"), False)
    assert "überschreitet" in statistics.bound_wording
    assert "§ 2 Abs. 2" in statistics.source
    assert (ex_post.amount, ex_post.inclusive) == (Decimal("25000"), True)
    assert ex_post.bound_wording.startswith("ab ")
    assert "§ 30" in ex_post.source
