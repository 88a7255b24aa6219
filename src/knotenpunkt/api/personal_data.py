"""What the API keeps about a person: the access tokens of their login (name, scopes,
dates; never the token itself, which is not stored). Export lists them; erasure deletes
them, so that nothing opens the API in the erased person's name."""

from knotenpunkt.api.models import AccessToken
from knotenpunkt.core.registry import register_personal_data


def export_tokens(person) -> list[dict]:
    if not person.user_id:
        return []
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "organisation": token.organisation.name if token.organisation else "",
            "scopes": token.scopes,
            "created": token.created_at.isoformat(),
            "expires": token.expires_at.isoformat(),
            "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in AccessToken.objects.filter(user_id=person.user_id).select_related(
            "organisation"
        )
    ]


def erase_tokens(person) -> None:
    if person.user_id:
        AccessToken.objects.filter(user_id=person.user_id).delete()


register_personal_data("api_tokens", export_tokens, erase_tokens, models=["api.AccessToken"])


def export_oauth(person) -> dict:
    """The third-party apps the person registered (never the client secret, stored hashed)
    and those they authorised (never a token, stored as a checksum only)."""
    from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

    if not person.user_id:
        return {}
    user_id = person.user_id
    return {
        "registered_applications": [
            {
                "name": app.name,
                "client_id": app.client_id,
                "client_type": app.client_type,
                "redirect_uris": app.redirect_uris.split(),
                "created": app.created.isoformat(),
            }
            for app in Application.objects.filter(user_id=user_id).order_by("pk")
        ],
        "access_tokens": [
            {
                "application": token.application.name if token.application else "",
                "scopes": token.scope.split(),
                "created": token.created.isoformat(),
                "expires": token.expires.isoformat(),
            }
            for token in AccessToken.objects.filter(user_id=user_id)
            .select_related("application")
            .order_by("pk")
        ],
        "refresh_tokens": [
            {
                "application": token.application.name,
                "created": token.created.isoformat(),
                "revoked": token.revoked.isoformat() if token.revoked else None,
            }
            for token in RefreshToken.objects.filter(user_id=user_id)
            .select_related("application")
            .order_by("pk")
        ],
        "authorization_codes": [
            {
                "application": grant.application.name,
                "scopes": grant.scope.split(),
                "created": grant.created.isoformat(),
                "expires": grant.expires.isoformat(),
            }
            for grant in Grant.objects.filter(user_id=user_id)
            .select_related("application")
            .order_by("pk")
        ],
    }


def erase_oauth(person) -> None:
    """Nothing opens the API in the erased person's name any more: their tokens, codes and
    the apps they registered (with every token issued to them) are deleted."""
    from oauth2_provider.models import (
        AccessToken,
        Application,
        DeviceGrant,
        Grant,
        IDToken,
        RefreshToken,
    )

    if not person.user_id:
        return
    for model in (AccessToken, RefreshToken, IDToken, Grant, DeviceGrant, Application):
        model.objects.filter(user_id=person.user_id).delete()


register_personal_data(
    "api_oauth",
    export_oauth,
    erase_oauth,
    models=[
        "oauth2_provider.Application",
        "oauth2_provider.AccessToken",
        "oauth2_provider.RefreshToken",
        "oauth2_provider.Grant",
        "oauth2_provider.IDToken",
        "oauth2_provider.DeviceGrant",
    ],
)
