"""Making, finding and revoking access tokens.

A token reads `kp_<prefix>_<secret>`: the prefix (8 characters) finds the row, the
secret (43 characters, 32 random bytes) is compared with the stored digest in constant
time. The prefix is not secret; it names the token in lists, logs and rate limits.
"""

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.api.models import AccessToken
from knotenpunkt.api.scopes import SCOPES
from knotenpunkt.core.audit import log_action

PREFIX = "kp"
LIFETIMES_DAYS = (30, 90, 365)
# Writing last_used_at on every request would make each API read a write; a minute's
# precision is enough to tell a token in use from a forgotten one.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def digest(secret: str) -> str:
    """What is stored of a token's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    user, name: str, scopes: list[str], lifetime_days: int, organisation=None
) -> tuple[AccessToken, str]:
    """A new token of the user (acting for `organisation` only, if given) and its text,
    which is shown once and not kept."""
    from knotenpunkt.api.rules import may_issue_for_organisation

    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the token a name, e.g. the system that will use it."))
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ValidationError(_("Choose at least one of the offered scopes."))
    if lifetime_days not in LIFETIMES_DAYS:
        raise ValidationError(_("Choose one of the offered lifetimes."))
    if organisation is not None and not may_issue_for_organisation(user, organisation):
        raise PermissionDenied
    while True:
        prefix = secrets.token_hex(4)
        if not AccessToken.objects.filter(prefix=prefix).exists():
            break
    secret = secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        organisation=organisation,
        name=name,
        prefix=prefix,
        digest=digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + datetime.timedelta(days=lifetime_days),
    )
    log_action(
        user,
        "api.token.created",
        token,
        name=token.name,
        scopes=token.scopes,
        organisation=organisation.name if organisation else "",
    )
    return token, f"{PREFIX}_{prefix}_{secret}"


def prefix_of(text: str) -> str | None:
    """The prefix of a token's text, or None if the text is no token at all."""
    parts = text.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]


def find_token(text: str) -> AccessToken | None:
    """The usable token whose text this is (None for unknown, wrong, expired or
    revoked ones), its last use noted."""
    prefix = prefix_of(text)
    if prefix is None:
        return None
    token = (
        AccessToken.objects.usable()
        .select_related("user", "organisation")
        .filter(prefix=prefix, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest(text.split("_", 2)[2])):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def revoke_token(user, token: AccessToken) -> AccessToken:
    """The token opens nothing from now on; it stays listed as revoked."""
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(user, "api.token.revoked", token, name=token.name)
    return token


def tokens_of(user):
    return AccessToken.objects.filter(user=user).select_related("organisation")
