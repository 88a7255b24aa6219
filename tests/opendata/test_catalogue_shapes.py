"""The catalogue as served validates against our DCAT-AP.de 2.0 SHACL shapes
(shapes/dcat_ap_de_2_0.ttl), in each of its three formats; and the shapes bite: a
catalogue missing a mandatory property or carrying a value outside its vocabulary is
reported with exactly that finding."""

import itertools

import pytest
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from knotenpunkt.opendata.models import Dataset
from tests.opendata.conftest import publish
from tests.opendata.dcat_shapes import findings, problems

pytestmark = [
    pytest.mark.django_db,
    # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

# Plain namespaces: pytest's collection probes module attributes, which rdflib's closed
# namespaces answer with a warning.
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PARSERS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}


@pytest.fixture
def published(public_data, cluster, other_cluster):
    """A dataset of every kind, between them every licence and every theme the staff can
    choose, and a second cluster in another Land."""
    licences = itertools.cycle(Dataset.Licence.values)
    themes = iter(Dataset.Theme.values)
    datasets = [
        publish(cluster, kind, licence=next(licences), theme=next(themes))
        for kind in Dataset.Kind.values
    ]
    datasets.append(publish(other_cluster, Dataset.Kind.DIRECTORY, theme=next(themes)))
    return datasets


def served(client, fmt: str) -> Graph:
    response = client.get(reverse("opendata:catalog_file", args=[fmt]))
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=PARSERS[fmt])


def test_the_three_formats_parse_to_the_same_graph(client, published):
    turtle = served(client, "ttl")
    assert len(list(turtle.subjects(RDF.type, DCAT.Dataset))) == len(Dataset.Kind.values) + 1
    assert isomorphic(turtle, served(client, "rdf"))
    assert isomorphic(turtle, served(client, "jsonld"))


@pytest.mark.parametrize("fmt", ["ttl", "rdf", "jsonld"])
def test_the_served_catalogue_conforms_to_the_shapes(client, published, fmt):
    assert problems(served(client, fmt)) == []


def test_without_a_contributor_id_only_govdata_s_note_remains(client, published):
    infos = findings(served(client, "ttl"))
    assert {(f.severity, f.path) for f in infos} == {
        ("Info", "http://dcat-ap.de/def/dcatde/contributorID")
    }
    assert len(infos) == len(published)


def test_with_a_contributor_id_the_catalogue_has_no_finding_at_all(client, published, settings):
    settings.OPENDATA_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/beispiel"
    assert findings(served(client, "ttl")) == []


def test_a_catalogue_without_published_datasets_lacks_only_its_datasets(client, db):
    # Deliberately served anyway: an empty catalogue tells a harvester to drop the
    # datasets it took from here before (docs/open-data.md). Its date of change is the
    # latest of its datasets', so it has none either.
    graph = served(client, "ttl")
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert [(f.severity, f.focus, f.path, f.constraint) for f in problems(graph)] == [
        ("Violation", str(catalogue), str(DCAT.dataset), "MinCount"),
        ("Warning", str(catalogue), str(DCTERMS.modified), "MinCount"),
    ]


# The negative tests: one change to the served graph, and the report names exactly it.


def _first(graph, rdf_type):
    return sorted(graph.subjects(RDF.type, rdf_type))[0]


def _without(graph, rdf_type, predicate):
    node = _first(graph, rdf_type)
    graph.remove((node, predicate, None))
    return node


def _replaced(graph, rdf_type, predicate, value):
    node = _first(graph, rdf_type)
    graph.set((node, predicate, value))
    return node


def _contact_without_email(graph):
    contact = next(graph.objects(_first(graph, DCAT.Dataset), DCAT.contactPoint))
    graph.remove((contact, VCARD.hasEmail, None))
    graph.remove((contact, VCARD.hasURL, None))
    return contact


def _contact_not_a_vcard_kind(graph):
    contact = next(graph.objects(_first(graph, DCAT.Dataset), DCAT.contactPoint))
    graph.remove((contact, RDF.type, None))
    graph.add((contact, RDF.type, FOAF.Organization))
    # The cluster's datasets share its contact point: each of them is reported.
    return sorted(graph.subjects(DCAT.contactPoint, contact))


@pytest.mark.parametrize(
    ("change", "path", "constraint"),
    [
        (lambda g: _without(g, DCAT.Distribution, DCTERMS.license), DCTERMS.license, "MinCount"),
        (lambda g: _without(g, DCAT.Distribution, DCAT.accessURL), DCAT.accessURL, "MinCount"),
        (lambda g: _without(g, DCAT.Dataset, DCTERMS.publisher), DCTERMS.publisher, "MinCount"),
        (lambda g: _without(g, DCAT.Dataset, DCTERMS.title), DCTERMS.title, "MinCount"),
        (lambda g: _without(g, DCAT.Catalog, DCTERMS.publisher), DCTERMS.publisher, "MinCount"),
        (
            lambda g: _replaced(
                g,
                DCAT.Distribution,
                DCTERMS.license,
                URIRef("https://creativecommons.org/licenses/by/4.0/"),
            ),
            DCTERMS.license,
            "Pattern",
        ),
        (
            lambda g: _replaced(
                g,
                DCAT.Dataset,
                DCAT.theme,
                URIRef("http://publications.europa.eu/resource/authority/data-theme/WIRTSCHAFT"),
            ),
            DCAT.theme,
            "In",
        ),
        (
            lambda g: _replaced(g, DCAT.Dataset, DCTERMS.modified, Literal("gestern")),
            DCTERMS.modified,
            "Node",
        ),
        (
            lambda g: _replaced(
                g,
                DCAT.Dataset,
                URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI"),
                URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/Kiel"),
            ),
            URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI"),
            "Pattern",
        ),
        (
            lambda g: _replaced(g, DCAT.Distribution, DCAT.byteSize, Literal("12 kB")),
            DCAT.byteSize,
            "Datatype",
        ),
        (
            lambda g: _replaced(
                g, DCAT.Catalog, DCAT.themeTaxonomy, URIRef("http://example.org/our-themes")
            ),
            None,
            "Or",
        ),
        (_contact_without_email, None, "Or"),
        (_contact_not_a_vcard_kind, DCAT.contactPoint, "Node"),
    ],
    ids=[
        "distribution-without-licence",
        "distribution-without-access-url",
        "dataset-without-publisher",
        "dataset-without-title",
        "catalogue-without-publisher",
        "licence-outside-the-dcat-ap-de-list",
        "theme-outside-the-eu-data-themes",
        "modified-not-a-date",
        "geocoding-not-a-key",
        "byte-size-not-a-decimal",
        "theme-taxonomy-without-the-eu-data-themes",
        "contact-point-without-email-or-url",
        "contact-point-not-a-vcard-kind",
    ],
)
def test_the_shapes_report_exactly_what_was_broken(client, published, change, path, constraint):
    graph = served(client, "ttl")
    changed = change(graph)
    foci = changed if isinstance(changed, list) else [changed]
    found = problems(graph)
    assert [(f.severity, f.focus, f.path, f.constraint) for f in found] == [
        ("Violation", str(focus), str(path) if path else None, constraint) for focus in foci
    ], found
