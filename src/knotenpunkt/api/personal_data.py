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
