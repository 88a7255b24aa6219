"""Rotation: the platform proposes firms the buyer has not asked recently first."""

import datetime

from django.utils import timezone

from knotenpunkt.procurement.models.catalogue import Offering
from knotenpunkt.procurement.models.requests import QuoteInvitation
from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.rotation import propose
from tests.procurement.test_requests import (
    VV_VALUE,
    draft,
    firm,
    listed_offering,
    tomorrow_and_a_bit,
)


def _firms(shop_cluster, count):
    firms = []
    for index in range(count):
        organisation = firm(f"Firma {chr(65 + index)} GmbH", f"firma-{index}", shop_cluster)
        listed_offering(organisation, f"Termin {chr(65 + index)}")
        firms.append(organisation)
    return firms


def _asked(buyer, buyer_user, providers, *, days_ago):
    """A past request of the buyer that asked `providers`, `days_ago` days ago."""
    past = draft(buyer, buyer_user, value=VV_VALUE, title=f"Earlier request {days_ago}")
    for provider in providers:
        version = Offering.objects.filter(provider=provider).first().published
        services.add_offering(past, version)
    QuoteInvitation.objects.filter(request=past).update(
        sent_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    past.status = "sent"
    past.save(update_fields=["status"])
    return past


def test_candidates_are_listed_providers_of_the_category_only(
    buyer, buyer_user, provider, other_provider
):
    listed_offering(provider, "Termin Nord Online")
    listed_offering(other_provider, "Akte", category="efile")
    withdrawn = listed_offering(firm("Weg GmbH", "weg"), "Termin Weg")
    Offering.objects.filter(pk=withdrawn.offering_id).update(withdrawn_at=timezone.now())
    listed_offering(buyer.organisation, "Own appointment tool")
    quote_request = draft(buyer, buyer_user)
    proposals = propose(quote_request, limit=5, today=None)
    assert [p.provider for p in proposals] == [provider]
    assert proposals[0].offering_version.name == "Termin Nord Online"
    assert proposals[0].reason == (
        "lists ‘Termin Nord Online’ in this category; not asked by you in the last 12 months"
    )


def test_already_invited_providers_are_not_proposed(buyer, buyer_user, provider):
    version = listed_offering(provider, "Termin Nord Online")
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, version)
    assert propose(quote_request, limit=5, today=None) == []


def test_a_firm_asked_recently_comes_after_a_firm_never_asked(buyer, buyer_user, shop_cluster):
    asked, fresh = _firms(shop_cluster, 2)
    _asked(buyer, buyer_user, [asked], days_ago=30)
    _asked(buyer, buyer_user, [asked], days_ago=60)
    quote_request = draft(buyer, buyer_user)
    proposals = propose(quote_request, limit=5, today=None)
    assert [p.provider for p in proposals] == [fresh, asked]
    last = (timezone.localtime() - datetime.timedelta(days=30)).date()
    assert proposals[1].reason == (
        f"lists ‘Termin A’ in this category; asked 2× in the last 12 months, "
        f"last on {last:%m/%d/%Y}"
    )


def test_among_asked_firms_the_one_asked_longest_ago_comes_first(buyer, buyer_user, shop_cluster):
    recent, older = _firms(shop_cluster, 2)
    _asked(buyer, buyer_user, [recent], days_ago=10)
    _asked(buyer, buyer_user, [older], days_ago=200)
    proposals = propose(draft(buyer, buyer_user), limit=5, today=None)
    assert [p.provider for p in proposals] == [older, recent]


def test_asks_older_than_twelve_months_do_not_count(buyer, buyer_user, shop_cluster):
    firms = _firms(shop_cluster, 2)
    _asked(buyer, buyer_user, [firms[0]], days_ago=400)
    proposals = propose(draft(buyer, buyer_user), limit=5, today=None)
    assert {p.provider for p in proposals} == set(firms)
    assert all("not asked by you" in p.reason for p in proposals)


def test_asks_by_another_buyer_do_not_count(buyer, buyer_user, shop_cluster):
    from tests.procurement.conftest import make_buyer, person_with_account

    asked, fresh = _firms(shop_cluster, 2)
    other = make_buyer("Stadt Lübeck", "luebeck")
    other_user = person_with_account(other.organisation, "Lea", "Lutz", "lea@luebeck.example")
    _asked(other, other_user, [asked], days_ago=5)
    proposals = propose(draft(buyer, buyer_user), limit=5, today=None)
    assert all("not asked by you" in p.reason for p in proposals)


def test_over_several_requests_the_asked_firms_change(buyer, buyer_user, shop_cluster):
    firms = _firms(shop_cluster, 6)
    asked_per_request = []
    for round_ in range(2):
        quote_request = draft(buyer, buyer_user, value=VV_VALUE, title=f"Round {round_}")
        proposals = services.propose_providers(quote_request, limit=3)
        services.add_proposals(quote_request, proposals)
        services.send_request(buyer_user, quote_request, deadline=tomorrow_and_a_bit())
        asked_per_request.append({p.provider for p in proposals})
        assert all(i.origin == "proposed" for i in quote_request.invitations.all())
    first, second = asked_per_request
    assert len(first) == len(second) == 3
    # The second request asks the three firms the first one did not.
    assert first.isdisjoint(second)
    assert first | second == set(firms)


def test_the_order_among_equals_is_not_alphabetical_for_every_request(
    buyer, buyer_user, shop_cluster
):
    _firms(shop_cluster, 8)
    firsts = {
        propose(draft(buyer, buyer_user, title=f"R{n}"), limit=1, today=None)[0].provider
        for n in range(6)
    }
    # A stable hash per request: different requests start with different firms.
    assert len(firsts) > 1


def test_proposals_are_stable_for_one_request(buyer, buyer_user, shop_cluster):
    _firms(shop_cluster, 5)
    quote_request = draft(buyer, buyer_user)
    first = [p.provider for p in propose(quote_request, limit=5, today=None)]
    assert first == [p.provider for p in propose(quote_request, limit=5, today=None)]
