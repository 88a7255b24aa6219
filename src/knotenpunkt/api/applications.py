"""Third-party apps on the API (OAuth 2 with django-oauth-toolkit): registering an app,
a person's authorisations of apps and their revocation, and an OAuth access token as the
API sees it.

An app is registered by a logged-in person (its developer) for the authorization code
grant only, with PKCE; a confidential app gets a client secret, shown once and stored
hashed by the toolkit; a public app (in a browser or on a phone) has none and relies on
PKCE alone. Redirect addresses must be https, except loopback ones while developing.
The toolkit stores access and refresh tokens as SHA-256 checksums only
(COMPLIANT_BCP_RFC9700_TOKEN_STORAGE), so a token is looked up by its checksum here too.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, Grant, IDToken, RefreshToken

from knotenpunkt.api.scopes import SCOPES
from knotenpunkt.core.audit import log_action

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
CLIENT_TYPES = (Application.CLIENT_CONFIDENTIAL, Application.CLIENT_PUBLIC)
MAX_REDIRECT_URIS = 10


def checked_redirect_uris(lines: list[str]) -> list[str]:
    """The app's redirect addresses, each absolute, https (http for loopback hosts only),
    without a fragment; a ValidationError names the first bad one."""
    uris = []
    for line in lines:
        uri = line.strip()
        if not uri or uri in uris:
            continue
        parts = urlsplit(uri)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("https", "http") or not host:
            raise ValidationError(
                _("“%(uri)s” is no complete web address (https://…).") % {"uri": uri}
            )
        if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
            raise ValidationError(
                _("“%(uri)s” must use https; http is allowed only for localhost while developing.")
                % {"uri": uri}
            )
        if parts.fragment or "#" in uri:
            raise ValidationError(_("“%(uri)s” must not contain a fragment (#…).") % {"uri": uri})
        if "*" in uri:
            raise ValidationError(
                _("“%(uri)s” must be an exact address, without wildcards.") % {"uri": uri}
            )
        uris.append(uri)
    if not uris:
        raise ValidationError(_("Give at least one redirect address."))
    if len(uris) > MAX_REDIRECT_URIS:
        raise ValidationError(
            _("At most %(count)s redirect addresses.") % {"count": MAX_REDIRECT_URIS}
        )
    return uris


@transaction.atomic
def register_application(
    user, name: str, client_type: str, redirect_uris: list[str]
) -> tuple[Application, str]:
    """A new third-party app of the user and its client secret (empty for a public app),
    which is shown once: the toolkit stores only its hash."""
    from knotenpunkt.api.rules import may_register_application

    if not may_register_application(user):
        raise PermissionDenied
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the application the name people will see."))
    if client_type not in CLIENT_TYPES:
        raise ValidationError(_("Choose one of the offered kinds of application."))
    uris = checked_redirect_uris(redirect_uris)
    secret = generate_client_secret() if client_type == Application.CLIENT_CONFIDENTIAL else ""
    application = Application(
        user=user,
        name=name,
        client_type=client_type,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=False,
        algorithm=Application.NO_ALGORITHM,
    )
    application.save()
    log_action(
        user,
        "api.application.registered",
        application,
        name=application.name,
        client_id=application.client_id,
        client_type=client_type,
        redirect_uris=uris,
    )
    return application, secret


@transaction.atomic
def delete_application(user, application: Application) -> None:
    """The app and every token issued to it are gone; nobody's authorisation of it opens
    anything any more."""
    if application.user_id != user.pk:
        raise PermissionDenied
    log_action(
        user,
        "api.application.deleted",
        application,
        name=application.name,
        client_id=application.client_id,
    )
    application.delete()


def applications_of(user):
    return Application.objects.filter(user=user).order_by("name", "pk")


@dataclass
class Authorisation:
    """An app the person let act in their name: what it may do and since when."""

    application: Application
    scopes: list[str] = field(default_factory=list)
    since: datetime.datetime | None = None

    @property
    def scope_descriptions(self) -> list[str]:
        return [str(SCOPES.get(scope, scope)) for scope in self.scopes]


def authorisations_of(user) -> list[Authorisation]:
    """The apps holding a usable access token or a live refresh token of the user."""
    now = timezone.now()
    found: dict[int, Authorisation] = {}
    tokens = list(
        AccessToken.objects.filter(user=user, expires__gt=now, application__isnull=False)
        .select_related("application")
        .only("scope", "created", "application__name", "application__client_id")
    ) + list(
        RefreshToken.objects.filter(user=user, revoked__isnull=True)
        .select_related("application", "access_token")
        .only("created", "application__name", "application__client_id", "access_token__scope")
    )
    for token in tokens:
        scope = (
            token.scope
            if isinstance(token, AccessToken)
            else (token.access_token.scope if token.access_token else "")
        )
        entry = found.setdefault(token.application_id, Authorisation(token.application))
        entry.scopes = sorted(set(entry.scopes) | set(scope.split()))
        if entry.since is None or token.created < entry.since:
            entry.since = token.created
    return sorted(found.values(), key=lambda a: (a.application.name.lower(), a.application.pk))


def record_authorisation(user, application: Application, scopes: list[str]) -> None:
    """Audit that the person let the app act in their name with these scopes."""
    log_action(
        user,
        "api.application.authorised",
        application,
        name=application.name,
        client_id=application.client_id,
        scopes=sorted(scopes),
    )


@transaction.atomic
def revoke_authorisation(user, application: Application) -> int:
    """Everything the app holds of the user (access and refresh tokens, unused codes) is
    deleted; the app has to ask again. Returns how many tokens were removed."""
    removed = 0
    for model in (AccessToken, RefreshToken, Grant, IDToken):
        count, _by_model = model.objects.filter(user=user, application=application).delete()
        removed += count
    if removed:
        log_action(
            user,
            "api.authorisation.revoked",
            application,
            name=application.name,
            client_id=application.client_id,
        )
    return removed


def checksum(text: str) -> str:
    """How the toolkit stores a token: its SHA-256 in hex."""
    return hashlib.sha256(text.encode()).hexdigest()


def rate_limit_key(text: str) -> str:
    """The key an OAuth access token is counted under, without the database."""
    return checksum(text)[:16]


@dataclass(frozen=True)
class OAuthAccess:
    """An OAuth access token as the API's endpoints see it: the interface of
    api.models.AccessToken (`allows`, `name` for the audit's "via", `organisation_id`)."""

    token: AccessToken
    prefix: str

    organisation = None
    organisation_id = None

    @property
    def user(self):
        return self.token.user

    @property
    def name(self) -> str:
        return self.token.application.name

    @property
    def scopes(self) -> list[str]:
        return sorted(self.token.scope.split())

    @property
    def expires_at(self) -> datetime.datetime:
        return self.token.expires

    @property
    def application(self) -> Application:
        return self.token.application

    def allows(self, scope: str) -> bool:
        return scope in self.token.scope.split()


def find_access(text: str) -> OAuthAccess | None:
    """The usable OAuth access token whose text this is (None for unknown, expired or
    revoked ones, and for those of a deactivated login)."""
    digest = checksum(text)
    token = (
        AccessToken.objects.select_related("user", "application")
        .filter(
            token_checksum=digest,
            expires__gt=timezone.now(),
            application__isnull=False,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    return OAuthAccess(token=token, prefix=digest[:8])
