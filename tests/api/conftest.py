import pytest

from knotenpunkt.api.scopes import ME_READ, ORGANISATIONS_WRITE
from knotenpunkt.api.tokens import create_token

# The one-stop shop's standing personas and firms, for the offerings and quote requests.
from tests.procurement.conftest import (  # noqa: F401
    buyer,
    buyer_user,
    other_provider,
    other_provider_admin,
    provider,
    provider_admin,
    provider_employee,
    shop_cluster,
    shop_staff,
)


@pytest.fixture
def bob_token(bob):
    """Bob (admin of Nordlicht) with a personal token that may read and write."""
    _token, text = create_token(bob, "Website", [ME_READ, ORGANISATIONS_WRITE], 90)
    return text


def bearer(text: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}
