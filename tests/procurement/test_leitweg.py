import pytest

from knotenpunkt.procurement.leitweg import check_digits, is_valid_leitweg_id

VALID = [
    "04011000-1234512345-06",
    "991-33333TEST-33",
    "991-33333test-33",
    "04011000-45",  # without Feinadressierung
]
INVALID = [
    "04011000-1234512345-07",  # wrong check digits
    "991-33333TEST-34",
    "04011000-1234512345",  # no check digits
    "0-1234512345-06",  # Grobadressierung shorter than 2 digits
    "1234567890123-06",  # Grobadressierung longer than 12 digits
    "991-" + "A" * 31 + "-00",  # Feinadressierung longer than 30
    "991-33333_TEST-33",  # not alphanumeric
    "04011000 1234512345 06",  # no hyphens
    "",
]


@pytest.mark.parametrize("value", VALID)
def test_known_valid_leitweg_ids_pass(value):
    assert is_valid_leitweg_id(value)


@pytest.mark.parametrize("value", INVALID)
def test_malformed_or_miscalculated_leitweg_ids_fail(value):
    assert not is_valid_leitweg_id(value)


def test_check_digits_are_computed_by_mod_97_10():
    assert check_digits("04011000", "1234512345") == "06"
    assert check_digits("991", "33333TEST") == "33"


def test_a_computed_check_digit_makes_any_id_valid():
    digits = check_digits("05315000", "ABC123")
    assert is_valid_leitweg_id(f"05315000-ABC123-{digits}")
