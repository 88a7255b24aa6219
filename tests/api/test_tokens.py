"""Access tokens: made under "My data" and shown once, hashed at rest, scoped, expiring,
revocable; an organisation token acts for its organisation only; writes are audited with
the token's name; the rate limit is announced in every answer."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.api.models import AccessToken
from knotenpunkt.api.scopes import ME_READ, ORGANISATIONS_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Organisation
from tests.api.conftest import bearer
from tests.factories import MembershipFactory, OrganisationFactory, PositionFactory


def test_a_token_is_shown_once_and_stored_only_as_a_digest(client_for, bob):
    client = client_for(bob)
    page = client.post(
        "/api-tokens/new/",
        {"name": "Website", "scopes": [ME_READ], "lifetime_days": "90"},
    )
    assert page.status_code == 200
    text = page.context["created"][1]
    assert text.startswith("kp_") and text in page.content.decode()
    assert "nur dieses eine Mal" in page.content.decode()
    token = AccessToken.objects.get(user=bob)
    assert text not in (token.digest, token.prefix) and token.prefix in text
    listing = client.get("/api-tokens/").content.decode()
    assert "Website" in listing and text not in listing
    assert client.get("/api/v1/me", **bearer(text)).json()["email"] == bob.email


def test_the_form_says_what_is_missing_and_keeps_the_input(client_for, bob):
    page = client_for(bob).post("/api-tokens/new/", {"name": "CRM", "lifetime_days": "90"})
    assert page.status_code == 422
    assert "Wählen Sie mindestens einen" in page.content.decode()
    assert 'value="CRM"' in page.content.decode()
    assert not AccessToken.objects.exists()


def test_without_or_with_a_wrong_token_the_api_refuses(client, bob, bob_token):
    for headers in (
        {},
        bearer("kp_12345678_wrong"),
        bearer(bob_token[:-2] + "xx"),
        bearer("Unsinn"),
    ):
        response = client.get("/api/v1/me", **headers)
        assert response.status_code == 401, headers
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_and_expired_tokens_open_nothing(client_for, client, bob, bob_token):
    token = AccessToken.objects.get(user=bob)
    assert client.get("/api/v1/me", **bearer(bob_token)).status_code == 200
    AccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get("/api/v1/me", **bearer(bob_token)).status_code == 401
    AccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    page = client_for(bob).post(f"/api-tokens/{token.pk}/revoke/", follow=True)
    assert "widerrufen" in page.content.decode()
    assert client.get("/api/v1/me", **bearer(bob_token)).status_code == 401


def test_nobody_else_revokes_or_sees_a_token(client_for, bob, carol, bob_token):
    token = AccessToken.objects.get(user=bob)
    client = client_for(carol)
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403
    assert token.prefix not in client.get("/api-tokens/").content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_without_the_scope_is_refused(client, bob):
    _token, text = create_token(bob, "Nur lesen", [ME_READ], 30)
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Husum"},
        content_type="application/json",
        **bearer(text),
    )
    assert response.status_code == 403
    assert "organisations:write" in response.json()["detail"]
    assert Organisation.objects.get(slug="nordlicht").city != "Husum"


def test_an_admin_changes_the_profile_through_the_api_and_the_page_shows_it(
    client, bob, bob_token, member_org
):
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Flensburg", "description": "Software aus dem Norden."},
        content_type="application/json",
        **bearer(bob_token),
    )
    assert response.status_code == 200, response.content
    assert response.json()["city"] == "Flensburg"
    member_org.refresh_from_db()
    assert member_org.city == "Flensburg" and member_org.name == "Nordlicht Software GmbH"
    assert "Flensburg" in client.get("/directory/o/nordlicht/").content.decode()
    entry = AuditEntry.objects.filter(action="directory.organisation.changed").latest("pk")
    assert entry.actor == bob and entry.data["via"] == "Website"


def test_invalid_values_are_refused_field_by_field_and_nothing_changes(
    client, bob_token, member_org
):
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"name": "", "website": "kein link mit leerzeichen", "city": "Husum"},
        content_type="application/json",
        **bearer(bob_token),
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"name", "website"} <= fields
    member_org.refresh_from_db()
    assert member_org.name == "Nordlicht Software GmbH" and member_org.city != "Husum"


def test_a_member_who_is_no_admin_may_not_change_the_profile(client, carol, member_org):
    _token, text = create_token(carol, "Versuch", [ORGANISATIONS_WRITE], 30)
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Husum"},
        content_type="application/json",
        **bearer(text),
    )
    assert response.status_code == 403


def test_an_organisation_token_acts_for_its_organisation_only(client, bob, cluster, member_org):
    other = OrganisationFactory(name="Zweite Firma GmbH", slug="zweite")
    MembershipFactory(organisation=other, cluster=cluster)
    PositionFactory(person=bob.person, organisation=other, is_admin=True)
    token, text = create_token(
        bob, "Website Nordlicht", [ME_READ, ORGANISATIONS_WRITE], 30, organisation=member_org
    )
    me = client.get("/api/v1/me", **bearer(text)).json()
    assert [o["slug"] for o in me["administers"]] == ["nordlicht"]
    for slug, status in (("nordlicht", 200), ("zweite", 403)):
        response = client.patch(
            f"/api/v1/organisations/{slug}",
            {"city": "Husum"},
            content_type="application/json",
            **bearer(text),
        )
        assert response.status_code == status, slug


def test_only_an_admin_makes_an_organisation_token(client_for, carol, member_org):
    page = client_for(carol).post(
        "/api-tokens/new/",
        {"name": "X", "scopes": [ME_READ], "lifetime_days": "30", "organisation": member_org.pk},
    )
    # Carol administers nothing: the form offers no organisation, and nothing is made
    # for one.
    assert not AccessToken.objects.filter(organisation=member_org).exists()
    assert page.status_code in (200, 422)


def test_every_answer_names_the_rate_limit_and_too_many_are_refused(client, settings, bob_token):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    answers = [client.get("/api/v1/me", **bearer(bob_token)) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0]["RateLimit-Limit"] == "3" and answers[0]["RateLimit-Remaining"] == "2"
    assert answers[3]["Retry-After"] and answers[3]["RateLimit-Remaining"] == "0"
    assert answers[3].json()["status"] == 429


@pytest.mark.parametrize("erase", [False, True])
def test_tokens_are_in_the_export_and_gone_with_erasure(bob, bob_token, erase):
    from knotenpunkt.core.registry import personal_data_providers

    provider = next(p for p in personal_data_providers() if p.key == "api_tokens")
    exported = provider.export(bob.person)
    assert exported[0]["name"] == "Website" and bob_token not in str(exported)
    if erase:
        provider.erase(bob.person)
        assert not AccessToken.objects.filter(user=bob).exists()


def test_an_organisation_token_follows_its_organisation_into_a_merge(
    client, bob, alice, cluster, member_org
):
    from knotenpunkt.quality.services.merge import merge_organisations

    survivor = OrganisationFactory(name="Nordlicht Software GmbH & Co. KG", slug="nordlicht-kg")
    MembershipFactory(organisation=survivor, cluster=cluster)
    PositionFactory(person=bob.person, organisation=survivor, is_admin=True)
    token, text = create_token(bob, "Website", [ME_READ], 30, organisation=member_org)
    merge_organisations(survivor, member_org, user=alice)
    token.refresh_from_db()
    assert token.organisation == survivor
    assert [o["slug"] for o in client.get("/api/v1/me", **bearer(text)).json()["administers"]] == [
        "nordlicht-kg"
    ]
