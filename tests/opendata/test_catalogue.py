"""The DCAT-AP.de 2.0 catalogue: every mandatory property with its cardinality, read back
from the Turtle the endpoint serves; nothing unpublished in it; export-dcat writes the
same bytes."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rdflib import Graph, Namespace

from knotenpunkt.opendata.models import Dataset
from knotenpunkt.opendata.services.catalogue import DCATDE, SPDX, VCARD
from knotenpunkt.opendata.services.datasets import create_dataset, update_dataset
from tests.opendata.conftest import publish

pytestmark = pytest.mark.django_db

Kind = Dataset.Kind
# Plain namespaces: pytest's collection probes module attributes, which rdflib's closed
# namespaces answer with a warning.
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


@pytest.fixture
def published(public_data, cluster, other_cluster):
    directory = publish(cluster, Kind.DIRECTORY)
    events = publish(cluster, Kind.EVENTS, licence=Dataset.Licence.CC_ZERO)
    hamburg = publish(other_cluster, Kind.DIRECTORY)
    draft = create_dataset(None, cluster, Kind.KPIS)
    return directory, events, hamburg, draft


def catalogue(client) -> Graph:
    response = client.get(reverse("opendata:catalog_file", args=["ttl"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")
    return Graph().parse(data=response.content, format="turtle")


def objects(graph, subject, predicate) -> list:
    return list(graph.objects(subject, predicate))


def one(graph, subject, predicate):
    found = objects(graph, subject, predicate)
    assert len(found) == 1, (subject, predicate, found)
    return found[0]


def at_least_one(graph, subject, predicate) -> list:
    found = objects(graph, subject, predicate)
    assert found, (subject, predicate)
    return found


def test_the_catalogue_has_its_mandatory_properties(client, published):
    graph = catalogue(client)
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    node = catalogues[0]
    assert {t.language for t in at_least_one(graph, node, DCTERMS.title)} == {"de", "en"}
    at_least_one(graph, node, DCTERMS.description)
    publisher = one(graph, node, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    at_least_one(graph, publisher, FOAF.name)
    assert len(objects(graph, node, DCAT.dataset)) == 3
    one(graph, node, DCAT.themeTaxonomy)
    one(graph, node, DCTERMS.modified)


def test_each_dataset_has_the_mandatory_and_recommended_properties(client, published):
    graph = catalogue(client)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 3
    for node in datasets:
        at_least_one(graph, node, DCTERMS.title)
        at_least_one(graph, node, DCTERMS.description)
        assert str(one(graph, node, DCTERMS.identifier)) == str(node)
        publisher = one(graph, node, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in graph
        one(graph, publisher, FOAF.name)
        contact = one(graph, node, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in graph
        one(graph, contact, VCARD.fn)
        assert str(one(graph, contact, VCARD.hasEmail)).startswith("mailto:")
        assert str(one(graph, node, DCAT.theme)).startswith(
            "http://publications.europa.eu/resource/authority/data-theme/"
        )
        at_least_one(graph, node, DCAT.keyword)
        one(graph, node, DCTERMS.issued)
        one(graph, node, DCTERMS.modified)
        assert len(objects(graph, node, DCAT.distribution)) == 2


def test_each_distribution_has_access_url_licence_and_format(client, published):
    graph = catalogue(client)
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 6
    licences = set()
    for node in distributions:
        access = one(graph, node, DCAT.accessURL)
        assert one(graph, node, DCAT.downloadURL) == access
        licences.add(str(one(graph, node, DCTERMS.license)))
        fmt = str(one(graph, node, DCTERMS["format"]))
        assert fmt.rsplit("/", 1)[1] in {"CSV", "JSON"}
        one(graph, node, DCAT.mediaType)
        assert one(graph, node, DCAT.byteSize).toPython() > 0
        one(graph, node, DCTERMS.modified)
        checksum = one(graph, node, SPDX.checksum)
        assert len(str(one(graph, checksum, SPDX.checksumValue))) == 64
    assert licences == {
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        "http://dcat-ap.de/def/licenses/cc-zero",
    }


def test_the_byte_size_is_the_size_of_the_download(client, published):
    graph = catalogue(client)
    for node in graph.subjects(RDF.type, DCAT.Distribution):
        url = str(one(graph, node, DCAT.downloadURL))
        path = "/" + url.split("//", 1)[1].split("/", 1)[1]
        response = client.get(path)
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content)
        assert len(content) == int(one(graph, node, DCAT.byteSize).toPython())


def test_the_land_of_each_cluster_is_geocoded(client, published, cluster, other_cluster):
    graph = catalogue(client)
    for node in graph.subjects(RDF.type, DCAT.Dataset):
        assert str(one(graph, node, DCATDE.politicalGeocodingLevelURI)).endswith("/Level/state")
    states = {
        str(node).rsplit("/", 2)[-2]: str(one(graph, node, DCATDE.politicalGeocodingURI))
        for node in graph.subjects(RDF.type, DCAT.Dataset)
    }
    assert states[cluster.slug].endswith("/stateKey/01")  # Schleswig-Holstein
    assert states[other_cluster.slug].endswith("/stateKey/02")  # Hamburg


def test_unpublished_datasets_are_not_in_the_catalogue(client, published):
    _directory, _events, _hamburg, draft = published
    text = client.get(reverse("opendata:catalog_file", args=["ttl"])).content.decode()
    assert f"/{draft.kind}" not in text
    assert draft.title_de not in text


def test_a_dataset_unpublished_again_leaves_the_catalogue(client, published):
    directory, *_ = published
    update_dataset(None, directory, {"is_published": False})
    graph = catalogue(client)
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 2


def test_the_contributor_id_is_given_when_configured(client, published, settings):
    settings.OPENDATA_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/beispiel"
    graph = catalogue(client)
    for node in graph.subjects(RDF.type, DCAT.Dataset):
        assert str(one(graph, node, DCATDE.contributorID)).endswith("/beispiel")


# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("fmt", "content_type", "parser"),
    [
        ("ttl", "text/turtle", "turtle"),
        ("rdf", "application/rdf+xml", "xml"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_export_dcat_writes_exactly_what_the_endpoint_serves(
    client, published, tmp_path, fmt, content_type, parser
):
    out = tmp_path / f"catalog.{fmt}"
    call_command("export_dcat", "--out", str(out))
    response = client.get(reverse("opendata:catalog_file", args=[fmt]))
    assert response["Content-Type"].startswith(content_type)
    assert out.read_bytes() == response.content
    graph = Graph().parse(data=response.content, format=parser)
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 3


def test_export_dcat_takes_the_format_from_the_option(client, published, tmp_path):
    out = tmp_path / "catalog.txt"
    call_command("export_dcat", "--out", str(out), "--format", "jsonld")
    assert out.read_bytes() == client.get(reverse("opendata:catalog_file", args=["jsonld"])).content


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("text/html,*/*", "text/turtle"),
    ],
)
def test_the_catalogue_url_negotiates_the_format(client, published, accept, content_type):
    response = client.get(reverse("opendata:catalog"), HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith(content_type)
    assert "Accept" in response["Vary"]


def test_the_catalogue_costs_a_few_queries_per_cluster(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        client.get(reverse("opendata:catalog_file", args=["ttl"]))
