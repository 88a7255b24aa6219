"""OAuth 2 for third-party apps: a developer registers an app under "My data", a person
allows it on the consent page (authorization code with PKCE, S256), the app calls the API
with the access token in the person's name, and the person revokes it again."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

from knotenpunkt.api.scopes import ME_READ, ORGANISATIONS_WRITE
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.registry import personal_data_providers
from knotenpunkt.directory.models import Organisation
from tests.api.conftest import bearer

REDIRECT = "https://crm.example/callback"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def register(client, user, *, name="Nordlicht CRM", client_type="confidential", uris=REDIRECT):
    client.force_login(user)
    response = client.post(
        "/api-tokens/applications/new/",
        {"name": name, "client_type": client_type, "redirect_uris": uris},
    )
    assert response.status_code == 200, response.content
    application, secret = response.context["created"]
    return application, secret


def authorise(client, application, scope, challenge, **extra):
    """The person's browser: the consent page, then "Allow access". Returns the query of
    the redirect back to the app."""
    params = {
        "response_type": "code",
        "client_id": application.client_id,
        "redirect_uri": REDIRECT,
        "scope": scope,
        "state": "st4te",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }
    page = client.get("/o/authorize/", params)
    assert page.status_code == 200, page.content
    response = client.post("/o/authorize/", {**params, "allow": "Authorize"})
    assert response.status_code == 302
    assert response["Location"].startswith(REDIRECT)
    return parse_qs(urlsplit(response["Location"]).query)


def exchange(client, application, secret, code, verifier):
    return client.post(
        "/o/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": application.client_id,
            "client_secret": secret,
            "code_verifier": verifier,
        },
    )


@pytest.fixture
def crm(client, bob):
    """Bob registered a confidential app; it is the app of the tests."""
    return register(client, bob)


@pytest.fixture
def bobs_access(client, bob, crm):
    """Bob allowed the CRM to read and write; the app holds his tokens."""
    application, secret = crm
    verifier, challenge = pkce_pair()
    query = authorise(client, application, f"{ME_READ} {ORGANISATIONS_WRITE}", challenge)
    tokens = exchange(client, application, secret, query["code"][0], verifier).json()
    return tokens


def test_an_app_gets_a_token_with_pkce_and_acts_in_its_users_name(client, bob, crm, member_org):
    application, secret = crm
    verifier, challenge = pkce_pair()
    query = authorise(client, application, f"{ME_READ} {ORGANISATIONS_WRITE}", challenge)
    assert query["state"] == ["st4te"] and query["iss"] == ["http://testserver"]
    answer = exchange(client, application, secret, query["code"][0], verifier)
    assert answer.status_code == 200, answer.content
    tokens = answer.json()
    assert 3500 <= tokens["expires_in"] <= 3600 and tokens["refresh_token"]
    assert set(tokens["scope"].split()) == {ME_READ, ORGANISATIONS_WRITE}

    client.logout()  # the app calls without the person's session
    me = client.get("/api/v1/me", **bearer(tokens["access_token"]))
    assert me.status_code == 200, me.content
    body = me.json()
    assert body["email"] == "bob@nordlicht.example"
    assert body["token"]["name"] == "Nordlicht CRM" and body["token"]["organisation"] is None
    assert [o["slug"] for o in body["administers"]] == ["nordlicht"]

    patched = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Schleswig"},
        content_type="application/json",
        **bearer(tokens["access_token"]),
    )
    assert patched.status_code == 200, patched.content
    assert Organisation.objects.get(pk=member_org.pk).city == "Schleswig"
    change = AuditEntry.objects.filter(action="directory.organisation.changed").latest("pk")
    assert change.actor == bob and change.data["via"] == "Nordlicht CRM"
    consent = AuditEntry.objects.get(action="api.application.authorised")
    assert consent.actor == bob and consent.data["scopes"] == [ME_READ, ORGANISATIONS_WRITE]


def test_the_consent_page_names_the_app_its_redirect_host_and_the_scopes(client, bob, crm):
    application, _secret = crm
    _verifier, challenge = pkce_pair()
    page = client.get(
        "/o/authorize/",
        {
            "response_type": "code",
            "client_id": application.client_id,
            "redirect_uri": REDIRECT,
            "scope": ME_READ,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = page.content.decode()
    assert "Nordlicht CRM" in text and REDIRECT in text
    assert "Read who the token belongs to" in text
    assert "Change the profile of organisations" not in text
    # The form leads on to the app: the page's policy allows that origin as form action.
    policy = page["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if "form-action" in d)
    assert "'self'" in form_action and "https://crm.example" in form_action
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_without_pkce_the_app_is_sent_back_with_an_error(client, bob, crm):
    application, _secret = crm
    params = {
        "response_type": "code",
        "client_id": application.client_id,
        "redirect_uri": REDIRECT,
        "scope": ME_READ,
    }
    response = client.get("/o/authorize/", params)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["error"] == ["invalid_request"]
    assert not Grant.objects.exists()


def test_the_plain_pkce_method_is_refused(client, bob, crm):
    application, _secret = crm
    params = {
        "response_type": "code",
        "client_id": application.client_id,
        "redirect_uri": REDIRECT,
        "scope": ME_READ,
        "code_challenge": "a" * 50,
        "code_challenge_method": "plain",
    }
    response = client.post("/o/authorize/", {**params, "allow": "Authorize"})
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["error"] == ["invalid_request"]
    assert not Grant.objects.exists()
    assert not AuditEntry.objects.filter(action="api.application.authorised").exists()


def test_a_wrong_code_verifier_gets_no_token(client, bob, crm):
    application, secret = crm
    _verifier, challenge = pkce_pair()
    query = authorise(client, application, ME_READ, challenge)
    answer = exchange(client, application, secret, query["code"][0], pkce_pair()[0])
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    assert not AccessToken.objects.exists()


def test_an_unknown_app_gets_an_error_page_and_no_redirect(client, bob):
    client.force_login(bob)
    response = client.get(
        "/o/authorize/",
        {"response_type": "code", "client_id": "nobody", "redirect_uri": REDIRECT},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "request cannot be answered" in response.content.decode()


def test_a_consent_posted_for_an_unknown_app_gets_the_error_page(client, bob):
    client.force_login(bob)
    response = client.post(
        "/o/authorize/",
        {
            "client_id": "nobody",
            "redirect_uri": REDIRECT,
            "response_type": "code",
            "scope": "me:read",
            "code_challenge": "x" * 43,
            "code_challenge_method": "S256",
            "allow": "1",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "request cannot be answered" in response.content.decode()


def test_a_scope_not_granted_is_refused_with_a_problem(client, bob, crm):
    application, secret = crm
    verifier, challenge = pkce_pair()
    query = authorise(client, application, ME_READ, challenge)
    token = exchange(client, application, secret, query["code"][0], verifier).json()
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Husum"},
        content_type="application/json",
        **bearer(token["access_token"]),
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert "organisations:write" in response.json()["detail"]


def test_an_unknown_scope_is_refused_at_the_consent(client, bob, crm):
    application, _secret = crm
    _verifier, challenge = pkce_pair()
    response = client.get(
        "/o/authorize/",
        {
            "response_type": "code",
            "client_id": application.client_id,
            "redirect_uri": REDIRECT,
            "scope": "everything:write",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    assert parse_qs(urlsplit(response["Location"]).query)["error"] == ["invalid_scope"]


def test_a_token_revoked_by_the_app_opens_nothing(client, crm, bobs_access):
    application, secret = crm
    response = client.post(
        "/o/revoke_token/",
        {
            "token": bobs_access["access_token"],
            "client_id": application.client_id,
            "client_secret": secret,
        },
    )
    assert response.status_code == 200
    me = client.get("/api/v1/me", **bearer(bobs_access["access_token"]))
    assert me.status_code == 401 and me["Content-Type"].startswith("application/problem+json")


def test_the_person_revokes_the_app_under_my_data(client, bob, crm, bobs_access):
    application, secret = crm
    page = client.get("/api-tokens/")
    assert page.status_code == 200
    assert [a.application for a in page.context["authorisations"]] == [application]
    response = client.post(
        f"/api-tokens/authorised/{application.pk}/revoke/",
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "“Nordlicht CRM” may no longer act in your name." in response.content.decode()
    assert response.context["authorisations"] == []
    assert client.get("/api/v1/me", **bearer(bobs_access["access_token"])).status_code == 401
    refreshed = client.post(
        "/o/token/",
        {
            "grant_type": "refresh_token",
            "refresh_token": bobs_access["refresh_token"],
            "client_id": application.client_id,
            "client_secret": secret,
        },
    )
    assert refreshed.status_code == 400
    entry = AuditEntry.objects.get(action="api.authorisation.revoked")
    assert entry.actor == bob and entry.data["name"] == "Nordlicht CRM"


def test_revoking_someone_elses_authorisation_changes_nothing(client, carol, crm, bobs_access):
    application, _secret = crm
    client.force_login(carol)
    client.post(f"/api-tokens/authorised/{application.pk}/revoke/")
    assert client.get("/api/v1/me", **bearer(bobs_access["access_token"])).status_code == 200


def test_a_refresh_rotates_the_refresh_token(client, crm, bobs_access):
    application, secret = crm
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": bobs_access["refresh_token"],
        "client_id": application.client_id,
        "client_secret": secret,
    }
    first = client.post("/o/token/", refresh)
    assert first.status_code == 200, first.content
    assert first.json()["refresh_token"] != bobs_access["refresh_token"]
    assert client.post("/o/token/", refresh).status_code == 400
    # A replayed refresh token revokes the whole family: the new tokens stop too.
    assert client.get("/api/v1/me", **bearer(first.json()["access_token"])).status_code == 401


def test_tokens_and_secrets_are_stored_hashed(client, crm, bobs_access):
    application, secret = crm
    application.refresh_from_db()
    assert application.client_secret != secret and application.client_secret.startswith(
        ("pbkdf2_", "argon2", "bcrypt", "scrypt")
    )
    stored = AccessToken.objects.get()
    assert stored.token == "" and bobs_access["access_token"] not in stored.token_checksum
    assert RefreshToken.objects.get().token == ""


def test_a_public_client_needs_no_secret_but_pkce(client, bob):
    application, secret = register(client, bob, name="Nordlicht App", client_type="public")
    assert secret == ""
    verifier, challenge = pkce_pair()
    query = authorise(client, application, ME_READ, challenge)
    answer = exchange(client, application, "", query["code"][0], verifier)
    assert answer.status_code == 200, answer.content
    client.logout()
    me = client.get("/api/v1/me", **bearer(answer.json()["access_token"]))
    assert me.json()["token"]["name"] == "Nordlicht App"


@pytest.mark.parametrize(
    ("uris", "accepted"),
    [
        ("https://crm.example/cb", True),
        ("http://localhost:8080/cb\nhttp://127.0.0.1/cb", True),
        ("http://crm.example/cb", False),
        ("https://crm.example/cb#frag", False),
        ("crm.example/cb", False),
        ("https://*.crm.example/cb", False),
        ("", False),
    ],
)
def test_redirect_addresses_must_be_https_except_localhost(client, bob, uris, accepted):
    client.force_login(bob)
    response = client.post(
        "/api-tokens/applications/new/",
        {"name": "Test", "client_type": "confidential", "redirect_uris": uris},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert Application.objects.exists() == accepted
    if not accepted:
        assert response.status_code == 422
        assert response.context["form"].errors


def test_registration_shows_the_secret_once_and_is_audited(client, bob):
    application, secret = register(client, bob)
    assert len(secret) > 40
    page = client.get("/api-tokens/applications/")
    assert application.client_id in page.content.decode()
    assert secret not in page.content.decode()
    entry = AuditEntry.objects.get(action="api.application.registered")
    assert entry.actor == bob and entry.data["client_id"] == application.client_id


def test_only_its_developer_deletes_an_app(client, bob, carol, crm, bobs_access):
    application, _secret = crm
    client.force_login(carol)
    assert client.post(f"/api-tokens/applications/{application.pk}/delete/").status_code == 403
    client.force_login(bob)
    client.post(f"/api-tokens/applications/{application.pk}/delete/")
    assert not Application.objects.exists() and not AccessToken.objects.exists()
    assert AuditEntry.objects.filter(action="api.application.deleted").exists()
    assert client.get("/api/v1/me", **bearer(bobs_access["access_token"])).status_code == 401


def test_the_pages_need_a_login(client):
    for url in ("/api-tokens/applications/", "/o/authorize/?client_id=x"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_each_oauth_token_has_its_own_rate_limit(client, settings, bobs_access):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    answers = [client.get("/api/v1/me", **bearer(bobs_access["access_token"])) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[0]["RateLimit-Limit"] == "2" and answers[0]["RateLimit-Remaining"] == "1"
    assert answers[2]["Retry-After"]


def test_the_metadata_names_the_endpoints_and_scopes(client, db):
    metadata = client.get("/.well-known/oauth-authorization-server").json()
    assert metadata["authorization_endpoint"] == "http://testserver/o/authorize/"
    assert metadata["token_endpoint"] == "http://testserver/o/token/"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["response_types_supported"] == ["code"]
    assert {ME_READ, ORGANISATIONS_WRITE} <= set(metadata["scopes_supported"])


def test_the_export_holds_the_apps_and_authorisations_and_erasure_removes_them(
    client, bob, crm, bobs_access
):
    application, secret = crm
    provider = next(p for p in personal_data_providers() if p.key == "api_oauth")
    exported = provider.export(bob.person)
    assert exported["registered_applications"][0]["client_id"] == application.client_id
    assert exported["access_tokens"][0]["application"] == "Nordlicht CRM"
    assert exported["refresh_tokens"][0]["revoked"] is None
    text = str(exported)
    assert bobs_access["access_token"] not in text and secret not in text
    provider.erase(bob.person)
    assert not Application.objects.filter(user=bob).exists()
    assert not AccessToken.objects.filter(user=bob).exists()
    assert not RefreshToken.objects.filter(user=bob).exists()
    assert client.get("/api/v1/me", **bearer(bobs_access["access_token"])).status_code == 401


def test_only_platform_admins_see_the_apps_in_the_back_office(client, alice, crm):
    client.force_login(alice)  # staff of a cluster, no platform admin
    assert client.get("/admin/oauth2_provider/application/").status_code in (302, 403)


def test_the_lists_do_not_grow_in_queries_with_more_apps(
    client, bob, crm, bobs_access, django_assert_max_num_queries
):
    for number in range(3):
        application, secret = register(client, bob, name=f"App {number}")
        verifier, challenge = pkce_pair()
        query = authorise(client, application, ME_READ, challenge)
        exchange(client, application, secret, query["code"][0], verifier)
    with django_assert_max_num_queries(12):
        page = client.get("/api-tokens/")
    assert len(page.context["authorisations"]) == 4
    with django_assert_max_num_queries(10):
        assert client.get("/api-tokens/applications/").status_code == 200
