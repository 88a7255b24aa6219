"""Who a token belongs to: for integrators checking a token before they use it."""

import datetime

from ninja import Router, Schema

from knotenpunkt.api.auth import TokenAuth, require_scope
from knotenpunkt.api.rules import organisations_for_tokens
from knotenpunkt.api.scopes import ME_READ

router = Router(tags=["me"])


class OrganisationRef(Schema):
    slug: str
    name: str


class TokenOut(Schema):
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime.datetime
    organisation: OrganisationRef | None


class MeOut(Schema):
    email: str
    token: TokenOut
    administers: list[OrganisationRef]


@router.get("/me", response=MeOut, auth=TokenAuth(), summary="The token and its user")
def me(request):
    """The token's user, the token itself and the organisations the token may act for
    (all the user administers, or the one of an organisation token). Scope me:read."""
    require_scope(request, ME_READ)
    token = request.api_token
    organisations = organisations_for_tokens(request.user)
    if token.organisation_id:
        organisations = organisations.filter(pk=token.organisation_id)
    return {
        "email": request.user.email,
        "token": token,
        "administers": list(organisations),
    }
