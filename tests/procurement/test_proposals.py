"""“Propose firms”: the best-fitting listed providers, as many as the procedure still
needs, and a clear word when the catalogue has fewer than that."""

import pytest
from django.urls import reverse

from knotenpunkt.matching.models import CompetenceProfile
from knotenpunkt.matching.services.indexing import reindex_organisation, reset_index
from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.rotation import plan
from tests.procurement.test_requests import VV_VALUE, draft, firm, listed_offering

BITV = {
    "title": "BITV-Prüfung der neuen Online-Dienste",
    "need": (
        "Zwölf neue Online-Dienste sollen vor dem Start auf digitale Barrierefreiheit nach "
        "BITV 2.0 geprüft werden, mit Prüfbericht und Erklärung zur Barrierefreiheit."
    ),
    "offering_category": "accessibility",
}


@pytest.fixture(autouse=True)
def fresh_match_index():
    """The engine's in-memory index lives per process; each test's database is new."""
    reset_index()
    yield
    reset_index()


def _profiled(name, slug, cluster, offer):
    """A listed firm with a competence profile in the matchmaking engine."""
    organisation = firm(name, slug, cluster)
    CompetenceProfile.objects.create(organisation=organisation, offer=offer)
    reindex_organisation(organisation.pk)
    return organisation


def _ticked(html: str) -> set[str]:
    """The provider ids whose tick box is checked."""
    lines = [line for line in html.splitlines() if 'name="providers"' in line]
    return {line.split('value="')[1].split('"')[0] for line in lines if " checked" in line}


def test_as_many_firms_are_ticked_as_the_procedure_still_needs(
    client_for, buyer, buyer_user, shop_cluster
):
    for index in range(5):
        listed_offering(firm(f"Termin {index} GmbH", f"termin-{index}", shop_cluster), "Termin")
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    chosen = firm("Gewählt GmbH", "gewaehlt", shop_cluster)
    services.add_offering(quote_request, listed_offering(chosen, "Termin plus"))
    html = (
        client_for(buyer_user)
        .get(reverse("procurement:request_propose", args=[quote_request.pk]))
        .content.decode()
    )
    # Three offers needed, one firm chosen: two are ticked, three more to choose from.
    assert html.count('name="providers"') == 5
    assert len(_ticked(html)) == 2
    assert str(chosen.pk) not in _ticked(html)
    assert "firms chosen so far: 1." in html
    assert "The 2 best-fitting firms are ticked." in html
    assert "Fewer fitting firms" not in html


def test_fewer_fitting_firms_than_needed_are_explained_with_what_to_do(
    client_for, buyer, buyer_user, provider, other_provider
):
    listed_offering(provider, "Termin Nord Online")
    listed_offering(other_provider, "Akte", category="efile")
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    response = client_for(buyer_user).get(
        reverse("procurement:request_propose", args=[quote_request.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fewer fitting firms than the procedure needs" in html
    assert (
        "The catalogue has only 1 further firm with an offering of this kind, but 3 more are "
        "needed." in html
    )
    assert "does not tick unrelated firms to make up the number" in html
    assert f"/shop/requests/{quote_request.pk}/#catalogue-heading" in html
    assert f"/shop/requests/{quote_request.pk}/edit/" in html
    # The one fitting firm is proposed and ticked; the unrelated one is not offered.
    assert "Termin Nord GmbH" in html
    assert "Akte Digital GmbH" not in html
    assert _ticked(html) == {str(provider.pk)}


def test_no_fitting_firm_at_all_is_said_plainly(client_for, buyer, buyer_user, other_provider):
    listed_offering(other_provider, "Akte", category="efile")
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    html = (
        client_for(buyer_user)
        .get(reverse("procurement:request_propose", args=[quote_request.pk]))
        .content.decode()
    )
    assert "The catalogue has no further firm with an offering of this kind, but 3 more" in html
    assert 'name="providers"' not in html


def test_enough_chosen_firms_leave_nothing_ticked_and_nothing_missing(
    buyer, buyer_user, provider, other_provider
):
    listed_offering(provider, "Termin Nord Online")
    quote_request = draft(buyer, buyer_user)  # a direct award: one offer is enough
    services.add_offering(quote_request, listed_offering(other_provider, "Akte Termin"))
    proposal_plan = plan(quote_request)
    assert (proposal_plan.needed, proposal_plan.chosen, proposal_plan.missing) == (1, 1, 0)
    assert proposal_plan.recommended == 0
    assert [p.provider for p in proposal_plan.proposals] == [provider]


def test_a_firm_whose_profile_fits_comes_before_equally_fresh_firms_of_the_kind(
    buyer, buyer_user, shop_cluster
):
    for index in range(4):
        listed_offering(
            firm(f"Web {index} GmbH", f"web-{index}", shop_cluster),
            f"Prüfung {index}",
            category="accessibility",
        )
    expert = _profiled(
        "Barrierefrei Nord GmbH",
        "barrierefrei-nord",
        shop_cluster,
        "Wir prüfen Websites und Online-Dienste auf digitale Barrierefreiheit nach BITV 2.0 "
        "und schreiben Prüfberichte und Erklärungen zur Barrierefreiheit.",
    )
    listed_offering(expert, "BITV-Test", category="accessibility")
    firsts = {
        plan(draft(buyer, buyer_user, value=VV_VALUE, **{**BITV, "title": f"BITV {n}"}))
        .proposals[0]
        .provider
        for n in range(4)
    }
    assert firsts == {expert}


def test_a_firm_with_a_related_offering_of_another_kind_is_offered_to_check_not_ticked(
    client_for, buyer, buyer_user, shop_cluster
):
    tester = firm("BITV-Prüfstelle GmbH", "pruefstelle", shop_cluster)
    listed_offering(tester, "BITV-Test von Websites", category="accessibility")
    trainer = _profiled(
        "Seestern Lernwerk AG",
        "seestern",
        shop_cluster,
        "Wir beraten Verwaltungen zur digitalen Barrierefreiheit nach BITV 2.0, prüfen "
        "Online-Dienste und schulen Redaktionen.",
    )
    listed_offering(
        trainer,
        "Barrierefreiheit verstehen – Schulung für Redaktionen",
        category="training",
    )
    files = _profiled(
        "Akte Nord GmbH",
        "akte-nord",
        shop_cluster,
        "Wir führen die E-Akte und das Dokumentenmanagement in Kommunen ein.",
    )
    listed_offering(files, "Bewerbermanagement mit barrierefreier Bewerbung", category="other")
    quote_request = draft(buyer, buyer_user, value=VV_VALUE, **BITV)

    proposal_plan = plan(quote_request)
    assert [p.provider for p in proposal_plan.proposals] == [tester]
    assert [p.provider for p in proposal_plan.related] == [trainer]
    assert proposal_plan.shortfall == 2
    assert "which names what you described: Digital accessibility" in (
        proposal_plan.related[0].reason
    )

    client = client_for(buyer_user)
    url = reverse("procurement:request_propose", args=[quote_request.pk])
    html = client.get(url).content.decode()
    assert "Firms with a related offering of another kind – check before you ask them" in html
    assert _ticked(html) == {str(tester.pk)}
    assert "Akte Nord GmbH" not in html
    # The buyer may still ask the related firm after checking it.
    response = client.post(url, {"providers": [str(tester.pk), str(trainer.pk)]})
    assert response.status_code == 302
    assert set(quote_request.invitations.values_list("provider", flat=True)) == {
        tester.pk,
        trainer.pk,
    }


def test_related_firms_are_not_offered_while_the_kind_has_enough(buyer, buyer_user, shop_cluster):
    for index in range(3):
        listed_offering(
            firm(f"Prüfer {index}", f"pruefer-{index}", shop_cluster),
            "BITV-Test",
            category="accessibility",
        )
    trainer = _profiled(
        "Seestern Lernwerk AG",
        "seestern",
        shop_cluster,
        "Wir beraten Verwaltungen zur digitalen Barrierefreiheit nach BITV 2.0.",
    )
    listed_offering(trainer, "Barrierefreiheit verstehen – Schulung", category="training")
    proposal_plan = plan(draft(buyer, buyer_user, value=VV_VALUE, **BITV))
    assert len(proposal_plan.proposals) == 3
    assert proposal_plan.related == []
