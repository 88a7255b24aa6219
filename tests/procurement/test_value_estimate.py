from decimal import Decimal

import pytest

from knotenpunkt.procurement.services.advisor import AdviceError, estimate_value


def test_a_one_off_value_is_the_estimate():
    assert estimate_value(value="25000").value == Decimal("25000.00")


def test_a_fixed_term_counts_every_month():
    assert estimate_value(monthly="1000", term_months=36).value == Decimal("36000.00")


def test_options_are_added_to_the_term():
    assert estimate_value(monthly="1000", term_months=24, option_months=12).value == Decimal(
        "36000.00"
    )


def test_exactly_48_months_including_options_count_in_full():
    assert estimate_value(monthly="1000", term_months=36, option_months=12).value == Decimal(
        "48000.00"
    )


def test_a_term_over_48_months_counts_48_monthly_values():
    assert estimate_value(monthly="1000", term_months=60).value == Decimal("48000.00")


def test_term_and_options_over_48_months_count_48_monthly_values():
    assert estimate_value(monthly="4500", term_months=36, option_months=24).value == Decimal(
        "216000.00"
    )


def test_an_indefinite_term_counts_48_monthly_values():
    assert estimate_value(monthly="250").value == Decimal("12000.00")


def test_one_off_and_recurring_parts_are_added():
    assert estimate_value(value="5000", monthly="100", term_months=12).value == Decimal("6200.00")


def test_further_options_are_added():
    assert estimate_value(value="5000", option_value="1500").value == Decimal("6500.00")


def test_the_computation_is_returned_as_steps_citing_the_vgv():
    estimate = estimate_value(monthly="1000", term_months=60)
    assert any("48" in step.text and "§ 3 Abs. 11" in step.text for step in estimate.steps)
    assert estimate.steps[-1].amount == estimate.value


def test_option_months_on_an_indefinite_term_are_not_counted_twice_and_warned_about():
    estimate = estimate_value(monthly="1000", option_months=12)
    assert estimate.value == Decimal("48000.00")
    assert estimate.warnings


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"value": "-1"}, {"monthly": "100", "term_months": -1}, {"value": "1", "term_months": 3}],
)
def test_impossible_input_is_refused(kwargs):
    with pytest.raises(AdviceError):
        estimate_value(**kwargs)
