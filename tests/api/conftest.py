import pytest

from knotenpunkt.api.scopes import ME_READ, ORGANISATIONS_WRITE
from knotenpunkt.api.tokens import create_token


@pytest.fixture
def bob_token(bob):
    """Bob (admin of Nordlicht) with a personal token that may read and write."""
    _token, text = create_token(bob, "Website", [ME_READ, ORGANISATIONS_WRITE], 90)
    return text


def bearer(text: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}
