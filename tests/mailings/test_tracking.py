"""Counting opens and clicks: totals only, never an error image, never an open redirect."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import (
    Mailing,
    MailingBlock,
    MailingLink,
    MailingList,
)
from knotenpunkt.mailings.services.compose import render_mailing
from knotenpunkt.mailings.views.archive import TRANSPARENT_GIF
from tests.factories import PersonFactory


@pytest.fixture
def newsletter(cluster):
    return MailingList.objects.create(cluster=cluster, name="Newsletter", slug="newsletter")


def make_mailing(mailing_list, *, track=True, status=Mailing.Status.SENT):
    return Mailing.objects.create(
        cluster=mailing_list.cluster,
        mailing_list=mailing_list,
        subject="Neues aus dem Cluster",
        status=status,
        track_engagement=track,
    )


@pytest.fixture
def mailing(newsletter):
    return make_mailing(newsletter)


def link_of(mailing, position=0, url="https://www.diwish.example/digitalfruehstueck"):
    return MailingLink.objects.create(mailing=mailing, position=position, url=url)


def opens(mailing):
    mailing.refresh_from_db()
    return mailing.open_count


def clicks(link):
    link.refresh_from_db()
    return link.clicks


def open_pixel(client, mailing):
    return client.get(tokens.open_path(mailing))


# --- opens ------------------------------------------------------------------------------


def test_the_open_pixel_is_a_transparent_gif_that_is_never_cached(client, mailing):
    response = open_pixel(client, mailing)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content == TRANSPARENT_GIF
    assert response.content.startswith(b"GIF89a\x01\x00\x01\x00")
    assert response["Cache-Control"] == "no-store"


def test_each_opening_adds_one_to_the_mailings_total(client, mailing):
    open_pixel(client, mailing)
    open_pixel(client, mailing)

    assert opens(mailing) == 2


def test_opens_are_not_counted_when_the_mailing_does_not_track(client, newsletter):
    mailing = make_mailing(newsletter, track=False)

    response = open_pixel(client, mailing)

    assert response.content == TRANSPARENT_GIF
    assert opens(mailing) == 0


@pytest.mark.parametrize("status", [Mailing.Status.DRAFT, Mailing.Status.SCHEDULED])
def test_opens_of_test_mails_before_sending_are_not_counted(client, newsletter, status):
    mailing = make_mailing(newsletter, status=status)

    open_pixel(client, mailing)

    assert opens(mailing) == 0


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "1:forged-signature",
        signing.Signer(salt=tokens.OPEN_SALT).sign("999999"),
        signing.Signer(salt=tokens.OPEN_SALT).sign("not-a-number"),
    ],
)
def test_a_bad_open_token_still_gives_the_pixel_and_counts_nothing(client, mailing, token):
    response = client.get(f"/mailings/o/{token}/")

    assert response.status_code == 200
    assert response.content == TRANSPARENT_GIF
    assert opens(mailing) == 0


def test_a_click_token_does_not_count_as_an_open(client, mailing):
    token = tokens.click_path(mailing, 0).rstrip("/").rsplit("/", 1)[1]

    response = client.get(reverse("mailings:track_open", kwargs={"token": token}))

    assert response.content == TRANSPARENT_GIF
    assert opens(mailing) == 0


def test_a_head_request_by_a_link_scanner_is_not_counted(client, mailing):
    response = client.head(tokens.open_path(mailing))

    assert response.status_code == 200
    assert opens(mailing) == 0


# --- clicks -----------------------------------------------------------------------------


def test_a_click_goes_on_to_the_stored_address_and_is_counted(client, mailing):
    link = link_of(mailing)

    response = client.get(tokens.click_path(mailing, 0))

    assert response.status_code == 302
    assert response["Location"] == "https://www.diwish.example/digitalfruehstueck"
    assert clicks(link) == 1


def test_the_redirect_of_a_click_is_never_cached(client, mailing):
    link_of(mailing)

    response = client.get(tokens.click_path(mailing, 0))

    assert "no-store" in response["Cache-Control"]


def test_a_click_reaches_the_link_at_its_own_position(client, mailing):
    first = link_of(mailing, 0, "https://www.diwish.example/eins")
    second = link_of(mailing, 1, "https://www.diwish.example/zwei")

    response = client.get(tokens.click_path(mailing, 1))

    assert response["Location"] == "https://www.diwish.example/zwei"
    assert (clicks(first), clicks(second)) == (0, 1)


def test_clicks_are_not_counted_when_the_mailing_does_not_track(client, newsletter):
    mailing = make_mailing(newsletter, track=False)
    link = link_of(mailing)

    response = client.get(tokens.click_path(mailing, 0))

    assert response.status_code == 302
    assert clicks(link) == 0


def test_clicks_in_test_mails_before_sending_are_not_counted(client, newsletter):
    mailing = make_mailing(newsletter, status=Mailing.Status.DRAFT)
    link = link_of(mailing)

    client.get(tokens.click_path(mailing, 0))

    assert clicks(link) == 0


@pytest.mark.parametrize("token", ["nonsense", "WzEsMF0:forged"])
def test_a_bad_click_token_is_not_found(client, mailing, token):
    link_of(mailing)

    response = client.get(f"/mailings/c/{token}/")

    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["o", "c"])
def test_a_nul_character_in_a_tracking_address_is_refused_and_counts_nothing(client, mailing, kind):
    link = link_of(mailing)

    response = client.get(f"/mailings/{kind}/%00/")

    assert response.status_code == 400
    assert opens(mailing) == 0
    assert clicks(link) == 0


def test_a_click_token_for_a_position_without_a_stored_link_is_not_found(client, mailing):
    link_of(mailing, 0)

    response = client.get(tokens.click_path(mailing, 7))

    assert response.status_code == 404


def test_an_address_in_the_request_is_never_followed(client, mailing):
    link_of(mailing)

    response = client.get(tokens.click_path(mailing, 0), {"url": "https://evil.example/"})

    assert response["Location"] == "https://www.diwish.example/digitalfruehstueck"


def test_a_signed_payload_from_another_purpose_opens_no_link(client, mailing):
    link_of(mailing)
    token = signing.Signer(salt=tokens.OPEN_SALT).sign_object([mailing.pk, 0])

    response = client.get(reverse("mailings:track_click", kwargs={"token": token}))

    assert response.status_code == 404


def test_counting_needs_neither_login_nor_csrf_token(mailing):
    link_of(mailing)
    strict = Client(enforce_csrf_checks=True)

    strict.get(tokens.open_path(mailing))
    response = strict.get(tokens.click_path(mailing, 0))

    assert response.status_code == 302
    assert opens(mailing) == 1


def test_counting_writes_nothing_but_the_totals(client, mailing):
    link_of(mailing)

    responses = [client.get(tokens.open_path(mailing)), client.get(tokens.click_path(mailing, 0))]

    assert not AuditEntry.objects.exists()
    assert not Session.objects.exists()
    assert all(not response.cookies for response in responses)


# --- with the composer ------------------------------------------------------------------


@pytest.fixture
def tracked_mailing(newsletter):
    mailing = make_mailing(newsletter)
    MailingBlock.objects.create(
        mailing=mailing,
        position=0,
        text="Alles zum [Digitalfrühstück](https://www.diwish.example/fruehstueck).",
    )
    return mailing


def test_every_recipient_gets_the_same_counting_links(tracked_mailing):
    rendered = render_mailing(tracked_mailing)
    erika = PersonFactory(first_name="Erika", last_name="Mustermann")
    hauke = PersonFactory(first_name="Hauke", last_name="Haien")

    html_erika, _ = rendered.personalise({"first_name": erika.first_name})
    html_hauke, _ = rendered.personalise({"first_name": hauke.first_name})

    def counting_links(html):
        return sorted(re.findall(r"/mailings/[oc]/[^\"/]+/", html))

    assert counting_links(html_erika)
    assert counting_links(html_erika) == counting_links(html_hauke)


def test_a_link_of_a_rendered_mailing_counts_and_leads_to_its_target(client, tracked_mailing):
    html = render_mailing(tracked_mailing).html.fill({})
    click_url = re.search(
        rf'href="{re.escape(settings.SITE_URL)}(/mailings/c/[^"]+)"[^>]*>Digitalfrühstück', html
    ).group(1)

    response = client.get(click_url)

    assert response["Location"] == "https://www.diwish.example/fruehstueck"
    assert MailingLink.objects.get(url="https://www.diwish.example/fruehstueck").clicks == 1


def test_the_open_pixel_of_a_rendered_mailing_counts(client, tracked_mailing):
    html = render_mailing(tracked_mailing).html.fill({})
    pixel = re.search(rf'src="{re.escape(settings.SITE_URL)}(/mailings/o/[^"]+)"', html).group(1)

    client.get(pixel)

    assert opens(tracked_mailing) == 1
