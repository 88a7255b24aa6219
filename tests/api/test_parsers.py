"""Property-based tests of what the API parses from the outside: token texts, pages."""

from hypothesis import given
from hypothesis import strategies as st

from knotenpunkt.api.tokens import prefix_of


@given(st.text(max_size=200))
def test_any_text_is_either_no_token_or_a_well_formed_one(text):
    prefix = prefix_of(text)
    if prefix is not None:
        assert text.startswith(f"kp_{prefix}_") and len(prefix) == 8


@given(
    st.text(alphabet="0123456789abcdef", min_size=8, max_size=8), st.text(min_size=0, max_size=60)
)
def test_the_prefix_is_found_whatever_the_secret(prefix, secret):
    assert prefix_of(f"kp_{prefix}_{secret}") == prefix
