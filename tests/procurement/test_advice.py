"""Framework rules, scope, duties and honesty about uncertain rules."""

from decimal import Decimal

import pytest

from knotenpunkt.procurement.services.advisor import AdviceError


def test_an_entitled_buyer_calls_off_from_a_framework_below_its_maximum(advice_for):
    advice = advice_for("SH", "municipal", value="80000", framework_entitled=True)
    assert advice.procedure == "CALL_OFF"


def test_a_framework_whose_maximum_is_reached_needs_a_new_award(advice_for):
    advice = advice_for(
        "SH", "municipal", value="80000", framework_entitled=True, framework_max_reached=True
    )
    assert advice.procedure == "VV_BA_OTW"
    assert advice.warnings


def test_a_buyer_not_entitled_to_a_framework_cannot_call_off(advice_for):
    advice = advice_for("SH", "municipal", value="80000", framework_kind="Land")
    assert advice.procedure == "VV_BA_OTW"


@pytest.mark.parametrize("authority", ["land", "municipal"])
def test_the_federal_kaufhaus_is_not_open_to_laender_and_municipalities(advice_for, authority):
    advice = advice_for(
        "SH", authority, value="3000", framework_kind="KdB", framework_entitled=True
    )
    assert advice.procedure == "NOT_ALLOWED"


def test_a_refused_kaufhaus_call_off_names_the_procedure_to_use_instead(advice_for):
    advice = advice_for("SH", "municipal", value="3000", framework_kind="KdB")
    assert advice.alternative_procedure == "DA"


def test_an_entitled_federal_authority_calls_off_from_the_kaufhaus(advice_for):
    advice = advice_for(
        "BUND", "federal_upper", value="3000", framework_kind="KdB", framework_entitled=True
    )
    assert advice.procedure == "CALL_OFF"


def test_construction_works_are_out_of_scope_and_say_so(advice_for):
    advice = advice_for("SH", "municipal", "construction", value="50000")
    assert advice.procedure == "OUT_OF_SCOPE"
    assert any("VOB/A" in warning for warning in advice.warnings)


def test_a_recurring_service_at_the_eu_threshold_is_eu_wide(advice_for):
    advice = advice_for("SH", "municipal", monthly="4500", term_months=36, option_months=24)
    assert (advice.procedure, advice.estimated_value) == ("EU", Decimal("216000.00"))


def test_eu_procedures_carry_notice_standstill_and_award_notice(advice_for):
    sources = {duty.source for duty in advice_for("NI", "land", value="300000").duties}
    assert {"§ 134 GWB", "§ 39 VgV", "§ 37, § 40 VgV"} <= sources


def test_every_duty_names_its_source(advice_for):
    for value in ("500", "4000", "60000", "180000", "300000"):
        advice = advice_for("SH", "land", value=value)
        assert advice.basis
        assert all(duty.source for duty in advice.duties)


def test_a_negotiated_award_needs_three_offers_and_rotation(advice_for):
    advice = advice_for("HH", "land", value="30000")
    assert advice.min_offers == 3
    assert any("rotation" in duty.text for duty in advice.duties)


def test_ex_post_publication_starts_at_25000_euro_as_uvgo_says_ab(advice_for):
    assert not advice_for("SH", "land", value="24999.99").ex_post_publication
    assert advice_for("SH", "land", value="25000").ex_post_publication


def test_statistics_start_only_above_25000_euro_as_vergstatvo_says_ueberschreitet(advice_for):
    """The defect of issue 14: a purchase of exactly 25,000 EUR was reported."""
    assert not advice_for("BY", "land", value="25000").statistics
    assert advice_for("BY", "land", value="25000.01").statistics


def test_federal_direct_awards_up_to_1000_euro_need_no_einvoice(advice_for):
    assert not advice_for("BUND", "federal_top", value="1000").einvoice_required
    assert advice_for("BUND", "federal_top", value="1000.01").einvoice_required


def test_an_advice_in_german_words_the_duty_limits_as_their_sources_do(advice_for):
    """Buyers read the advice in German: 'über 25.000' for statistics, 'ab 25.000' for
    the ex-post notice, and the sources' own words in the basis."""
    from django.utils import translation

    with translation.override("de"):
        advice = advice_for("BY", "municipal", value="150000")
    duties = {duty.source: duty.text for duty in advice.duties}
    assert "über 25.000 EUR" in duties["§ 2 Abs. 2 i. V. m. § 4 VergStatVO"]
    assert "ab 25.000 EUR" in duties["§ 30 Abs. 1 UVgO"]
    assert "unterhalb des Schwellenwerts gemäß § 106 GWB" in advice.basis[0]


def test_land_einvoice_obligation_is_reported_as_uncertain(advice_for):
    advice = advice_for("SH", "land", value="60000")
    assert any(duty.uncertain for duty in advice.duties if "invoice" in duty.text)


def test_a_land_without_recorded_rules_is_flagged_uncertain(advice_for):
    assert advice_for("BW", "land", value="800").uncertain


def test_a_land_with_recorded_rules_is_not_flagged_uncertain(advice_for):
    assert not advice_for("SH", "municipal", value="25000").uncertain


def test_the_unverified_federal_direct_award_limit_is_flagged_uncertain(advice_for):
    assert advice_for("BUND", "federal_top", value="12000").uncertain


def test_a_sector_entity_below_its_threshold_is_flagged_uncertain(advice_for):
    assert advice_for("SH", "sector", value="200000").uncertain


def test_purchases_of_the_last_12_months_are_added_against_splitting(advice_for):
    advice = advice_for("SH", "municipal", value="4000", related_value="3000")
    assert (advice.procedure, advice.estimated_value) == ("VV_BA_OTW", Decimal("7000.00"))
    assert any("split" in warning for warning in advice.warnings)


@pytest.mark.parametrize(
    ("jurisdiction", "authority", "category"),
    [
        ("XX", "land", "services"),
        ("SH", "mayor", "services"),
        ("SH", "land", "software"),
        ("SH", "federal_top", "services"),
        ("BUND", "municipal", "services"),
    ],
)
def test_inconsistent_input_is_refused(advice_for, jurisdiction, authority, category):
    with pytest.raises(AdviceError):
        advice_for(jurisdiction, authority, category, value="1000")
