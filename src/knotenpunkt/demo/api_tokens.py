"""An API token for every demo login, printed with it: known texts, like the demo
password, so that the API can be tried with curl at once (docs/api.md). Demo only: a real
token is random and shown once."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from knotenpunkt.api.models import AccessToken
from knotenpunkt.api.scopes import SCOPES
from knotenpunkt.api.tokens import PREFIX, digest

SECRET = "knotenpunkt-demo-api-token"  # noqa: S105 - published with the demo logins
NAME = "Demo"


@transaction.atomic
def ensure_demo_tokens(emails: list[str]) -> dict[str, str]:
    """Create or repair one token per login (every scope, valid for a year from now);
    returns the token text per e-mail address."""
    users = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    texts = {}
    for number, email in enumerate(emails, start=1):
        prefix = f"demo{number:04d}"
        AccessToken.objects.update_or_create(
            prefix=prefix,
            defaults={
                "user": users[email],
                "name": NAME,
                "digest": digest(SECRET),
                "scopes": sorted(SCOPES),
                "expires_at": timezone.now() + datetime.timedelta(days=365),
                "revoked_at": None,
                "organisation": None,
            },
        )
        texts[email] = f"{PREFIX}_{prefix}_{SECRET}"
    return texts
