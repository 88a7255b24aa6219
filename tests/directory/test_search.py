import pytest

from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.directory.services.search import (
    DirectoryFilters,
    refresh_search_index,
    search_organisations,
)
from tests.factories import MembershipFactory, OrganisationFactory


def names(qs):
    return [o.name for o in qs]


@pytest.fixture
def directory(cluster, other_cluster):
    ai = Topic.objects.get(slug="kuenstliche-intelligenz")
    a = OrganisationFactory(name="Nordlicht Software GmbH", description="Wir entwickeln Apps.")
    b = OrganisationFactory(
        name="Förde Analytics UG",
        description="Datenanalyse für Häuser und Rechnungen.",
        actor_type=Organisation.ActorType.RESEARCH,
        size_class=Organisation.SizeClass.SMALL,
    )
    b.topics.add(ai)
    refresh_search_index([b.pk])
    c = OrganisationFactory(name="Ehemalige Firma GmbH", description="Apps aller Art.")
    hidden = OrganisationFactory(name="Versteckte Apps AG", is_listed=False)
    MembershipFactory(organisation=a, cluster=cluster)
    MembershipFactory(organisation=b, cluster=other_cluster)
    MembershipFactory(organisation=hidden, cluster=cluster)
    # c left the cluster: not in the public directory any more
    import datetime

    MembershipFactory(
        organisation=c, cluster=cluster, end_date=datetime.date(2021, 6, 30), status="ended"
    )
    return {"a": a, "b": b, "c": c, "ai": ai}


def test_directory_lists_only_listed_current_members(directory):
    assert names(search_organisations(DirectoryFilters())) == [
        "Förde Analytics UG",
        "Nordlicht Software GmbH",
    ]


def test_search_finds_organisation_by_word_in_description(directory):
    assert names(search_organisations(DirectoryFilters(query="Apps"))) == [
        "Nordlicht Software GmbH"
    ]


def test_search_finds_organisation_by_topic_synonym(directory):
    assert names(search_organisations(DirectoryFilters(query="KI"))) == ["Förde Analytics UG"]


def test_search_matches_plural_to_singular(directory):
    assert names(search_organisations(DirectoryFilters(query="Rechnung"))) == ["Förde Analytics UG"]


def test_filters_by_cluster_actor_type_and_size(directory, cluster):
    assert names(search_organisations(DirectoryFilters(cluster=cluster))) == [
        "Nordlicht Software GmbH"
    ]
    research = DirectoryFilters(actor_type=Organisation.ActorType.RESEARCH)
    assert names(search_organisations(research)) == ["Förde Analytics UG"]
    small = DirectoryFilters(size_class=Organisation.SizeClass.SMALL)
    assert names(search_organisations(small)) == ["Förde Analytics UG"]


def test_topic_filter_includes_subtopics(directory):
    ai = directory["ai"]
    child = ai.children.first()
    assert child is not None, "the seeded taxonomy gives AI sub-topics"
    org = directory["a"]
    org.topics.add(child)
    found = names(search_organisations(DirectoryFilters(topic=ai)))
    assert found == ["Förde Analytics UG", "Nordlicht Software GmbH"]


@pytest.mark.postgres
def test_german_stemming_finds_inflected_forms_on_postgres(directory):
    # "Haus" is only in the text as "Häuser": the German dictionary joins them.
    assert names(search_organisations(DirectoryFilters(query="Haus"))) == ["Förde Analytics UG"]


@pytest.mark.postgres
def test_name_hits_rank_above_description_hits_on_postgres(cluster):
    by_name = OrganisationFactory(name="Cloud Kontor GmbH", description="Beratung.")
    by_text = OrganisationFactory(name="Beispiel AG", description="Wir betreiben eine Cloud.")
    for org in (by_name, by_text):
        MembershipFactory(organisation=org, cluster=cluster)
    assert names(search_organisations(DirectoryFilters(query="Cloud"))) == [
        "Cloud Kontor GmbH",
        "Beispiel AG",
    ]


@pytest.fixture
def ai_firms(cluster):
    """Firms that write about AI in different words, as in the demo, and a firm in Kiel."""
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=["generative-ki", "ki-kompetenz"])}
    written = {
        "Kieler Datenkontor GmbH": ("Datenanalyse und KI-Lösungen für den Mittelstand.", []),
        "Reetcode Analytics GmbH": ("Dashboards für den Handel.", ["generative-ki"]),
        "Lernwerk AG": ("Schulungen für Fachkräfte.", ["ki-kompetenz"]),
        "Denkfabrik Nord": ("Wir setzen künstliche Intelligenz in Häfen ein.", []),
        "Harbour Minds Ltd": ("Artificial intelligence for ports.", []),
        "Kiel Webdesign GmbH": ("Homepages für Vereine in Kiel.", []),
    }
    for name, (description, slugs) in written.items():
        org = OrganisationFactory(name=name, description=description)
        org.topics.add(*(topics[slug] for slug in slugs))
        refresh_search_index([org.pk])
        MembershipFactory(organisation=org, cluster=cluster)
    return sorted(set(written) - {"Kiel Webdesign GmbH"})


def found(query):
    return sorted(names(search_organisations(DirectoryFilters(query=query))))


def test_an_abbreviation_and_its_long_form_find_the_same_firms(ai_firms):
    expected = ai_firms
    assert found("KI") == expected
    assert found("künstliche Intelligenz") == expected
    assert found("Künstliche Intelligenz") == expected
    # The English forms of the same topic belong to the same ring.
    assert found("AI") == expected
    assert found("artificial intelligence") == expected


def test_a_long_form_inside_a_longer_search_is_expanded_like_the_abbreviation(ai_firms):
    assert found("künstliche Intelligenz Häfen") == found("KI Häfen") == ["Denkfabrik Nord"]
    assert found("Dashboards künstliche Intelligenz") == ["Reetcode Analytics GmbH"]


def test_a_compound_long_form_finds_what_its_abbreviation_finds(cluster):
    by_abbreviation = OrganisationFactory(name="Recht Nord", description="Beratung zur DSGVO.")
    by_long_form = OrganisationFactory(
        name="Kanzlei Süd", description="Die Datenschutzgrundverordnung für Vereine."
    )
    for org in (by_abbreviation, by_long_form):
        MembershipFactory(organisation=org, cluster=cluster)
    assert found("DSGVO") == found("Datenschutzgrundverordnung") == ["Kanzlei Süd", "Recht Nord"]


def test_a_new_synonym_expands_the_search_once_the_topic_changed(cluster):
    from knotenpunkt.directory.services.taxonomy import topic_changed

    org = OrganisationFactory(name="Kartenwerk", description="Wir bauen GIS für Gemeinden.")
    MembershipFactory(organisation=org, cluster=cluster)
    assert found("Geoinformationssystem") == []
    topic = Topic.objects.get(slug="geodaten")
    topic.synonyms += "\nGeoinformationssystem"
    topic.save()
    topic_changed(topic)
    assert found("Geoinformationssystem") == ["Kartenwerk"]
