"""Catalogue search: full text, facets and their counts, comparison of up to four."""

import pytest
from django.core.exceptions import ValidationError

from knotenpunkt.procurement.services import listing
from knotenpunkt.procurement.services.catalogue_search import compare, search
from tests.procurement.catalogue_helpers import in_days, make_offering, themenfeld


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalogue(provider, other_provider, shop_staff):
    """Three listed offerings, one draft, one withdrawn."""
    booking = make_offering(
        provider,
        name="Terminbuchung Nord",
        hosting="de",
        themenfelder=[themenfeld("querschnittsleistungen")],
        open_source_licence="EUPL-1.2",
        opencode_url="https://gitlab.opencode.de/termine",
        documents=[{"kind": "c5", "title": "C5 Typ 2", "valid_until": in_days(200)}],
        c5="type2",
        publish_by=shop_staff,
    )
    efile = make_offering(
        other_provider,
        name="Akte Digital",
        summary="Die elektronische Akte für Kommunen.",
        category="efile",
        hosting="eu",
        price_model="one_off",
        documents=[{"kind": "iso27001", "title": "ISO 2023", "valid_until": in_days(-3)}],
        iso27001="native",
        publish_by=None,
    )
    # Published before the certificate expired: a listing can age while it is listed.
    efile.documents.update(valid_until=in_days(30))
    listing.submit(None, efile)
    listing.publish(shop_staff, efile)
    efile.documents.update(valid_until=in_days(-3))
    audit = make_offering(
        other_provider,
        name="Sicherheitsaudit",
        summary="IT-Sicherheitsaudit nach BSI IT-Grundschutz.",
        category="security",
        deployment="none",
        hosting="non_eu",
        price_model="project",
        publish_by=shop_staff,
    )
    draft = make_offering(provider, name="Terminbuchung Plus")
    withdrawn = make_offering(provider, name="Terminbuchung Alt", publish_by=shop_staff)
    listing.withdraw(None, withdrawn.offering)
    return {"booking": booking, "efile": efile, "audit": audit, "draft": draft}


def names(result):
    return [v.name for v in result.versions]


def counts(result, facet):
    facet = next(f for f in result.facets if f.name == facet)
    return {o.value: o.count for o in facet.options}


def test_without_query_every_listed_offering_by_name(catalogue):
    result = search("", {})
    assert names(result) == ["Akte Digital", "Sicherheitsaudit", "Terminbuchung Nord"]


def test_every_word_must_occur(catalogue):
    assert names(search("terminbuchung nord", {})) == ["Terminbuchung Nord"]
    assert names(search("TERMINBUCHUNG akte", {})) == []
    assert names(search("elektronische", {})) == ["Akte Digital"]


def test_search_finds_provider_and_themenfeld(catalogue):
    assert names(search("Akte Digital GmbH", {})) == ["Akte Digital", "Sicherheitsaudit"]
    assert names(search("Querschnittsleistungen", {})) == ["Terminbuchung Nord"]


def test_hosting_eu_includes_germany(catalogue):
    assert names(search("", {"hosting": ["eu"]})) == ["Akte Digital", "Terminbuchung Nord"]
    assert names(search("", {"hosting": ["de"]})) == ["Terminbuchung Nord"]
    assert counts(search("", {}), "hosting") == {"de": 1, "eu": 2}


def test_certificate_facet_ignores_expired_documents(catalogue):
    assert names(search("", {"certificate": ["iso27001"]})) == []
    assert names(search("", {"certificate": ["c5"]})) == ["Terminbuchung Nord"]
    assert names(search("", {"certificate": ["any"]})) == ["Terminbuchung Nord"]
    assert counts(search("", {}), "certificate") == {"iso27001": 0, "c5": 1, "any": 1}


def test_open_source_and_themenfeld_and_price_model(catalogue):
    assert names(search("", {"open_source": "yes"})) == ["Terminbuchung Nord"]
    assert names(search("", {"themenfeld": ["querschnittsleistungen"]})) == ["Terminbuchung Nord"]
    assert names(search("", {"price_model": ["one_off", "project"]})) == [
        "Akte Digital",
        "Sicherheitsaudit",
    ]
    assert counts(search("", {}), "themenfeld") == {"querschnittsleistungen": 1}


def test_facet_counts_ignore_their_own_selection_but_apply_the_others(catalogue):
    result = search("", {"category": ["efile"], "hosting": ["de"]})

    assert names(result) == []
    # Category counts apply the hosting filter (only Germany) but not the category filter.
    assert counts(result, "category") == {"appointments": 1, "efile": 0}
    # Hosting counts apply the category filter but not their own.
    assert counts(result, "hosting") == {"de": 0, "eu": 1}
    assert counts(result, "deployment") == {}


def test_selected_option_without_results_stays_visible(catalogue):
    result = search("", {"category": ["gis"]})
    category = next(f for f in result.facets if f.name == "category")
    assert {o.value for o in category.options if o.selected} == {"gis"}


def test_unknown_filters_are_ignored(catalogue):
    assert len(names(search("", {"colour": ["red"]}))) == 3


def test_compare_gives_a_row_per_attribute_and_flags_expired_certificates(catalogue):
    rows = compare([catalogue["booking"].pk, catalogue["efile"].pk])
    by_label = {row.label: row.cells for row in rows}

    assert [c.text for c in rows[0].cells] == ["Terminbuchung Nord", "Akte Digital"]
    assert by_label["Hosting"][0].text == "Germany"
    assert by_label["ISO 27001"][1].flagged
    assert "certificate expired on" in by_label["ISO 27001"][1].text
    assert by_label["Expired certificates"][1].flagged
    assert not by_label["Expired certificates"][0].flagged
    assert by_label["Licence"][0].text == "EUPL-1.2"
    assert "4.50 EUR net" in by_label["Price"][0].text
    for label in (
        "Deployment",
        "BSI C5",
        "Data-processing agreement (Art. 28 GDPR)",
        "Accessibility (BITV 2.0)",
        "EVB-IT contract type",
        "Interfaces",
        "OZG Themenfelder",
    ):
        assert label in by_label


def test_compare_refuses_more_than_four(catalogue, provider, shop_staff):
    ids = [v.pk for v in (catalogue["booking"], catalogue["efile"], catalogue["audit"])]
    ids += [make_offering(provider, name=f"Extra {n}", publish_by=shop_staff).pk for n in (1, 2)]

    with pytest.raises(ValidationError, match="at most 4"):
        compare(ids)


def test_compare_refuses_none_and_drafts(catalogue):
    with pytest.raises(ValidationError):
        compare([])
    with pytest.raises(ValidationError):
        compare([catalogue["draft"].pk])


@pytest.mark.postgres
def test_german_full_text_search_finds_word_forms(provider, shop_staff):
    make_offering(
        provider,
        name="Termine",
        summary="Verwaltet Terminbuchungen der Bürgerämter.",
        publish_by=shop_staff,
    )
    make_offering(
        provider,
        name="Ablage",
        category="efile",
        summary="Jede Akte an einem Ort.",
        publish_by=shop_staff,
    )

    assert names(search("Terminbuchung", {})) == ["Termine"]
    assert names(search("Akten", {})) == ["Ablage"]
    assert names(search("Akten -Terminbuchungen", {})) == ["Ablage"]
