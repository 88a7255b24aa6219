"""The open-data demo: both demo clusters publish datasets with generated files, and the
catalogue describes them with each cluster's Land.

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

import csv
import io

from django.urls import reverse
from rdflib import Graph, Namespace

from knotenpunkt.demo.opendata import build_opendata_demo
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.opendata.models import Dataset, Distribution
from tests.opendata.dcat_shapes import problems

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
RDF_TYPE = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")["type"]


def test_both_demo_clusters_publish_datasets_with_files(demo, db):
    for slug in (DIGITAL["slug"], MARITIME["slug"]):
        published = Dataset.objects.filter(cluster__slug=slug, is_published=True)
        assert published.count() >= 3, slug
        for dataset in published:
            assert dataset.issued and dataset.modified
            assert dataset.distributions.count() == 2


def test_the_demo_directory_and_key_figures_have_rows(demo, db):
    for kind in (Dataset.Kind.DIRECTORY, Dataset.Kind.KPIS, Dataset.Kind.EVENTS):
        distribution = Distribution.objects.get(
            dataset__cluster__slug=DIGITAL["slug"], dataset__kind=kind, format="csv"
        )
        rows = list(csv.DictReader(io.StringIO(bytes(distribution.content).decode())))
        assert rows, kind
        assert distribution.rows == len(rows)


def test_the_demo_catalogue_geocodes_both_clusters(demo, db, client):
    response = client.get(reverse("opendata:catalog_file", args=["ttl"]))
    graph = Graph().parse(data=response.content, format="turtle")
    datasets = list(graph.subjects(RDF_TYPE, DCAT.Dataset))
    assert len(datasets) == Dataset.objects.filter(is_published=True).count()
    states = {
        str(node).rsplit("/", 2)[-2]: str(graph.value(node, DCATDE.politicalGeocodingURI))
        for node in datasets
    }
    assert states[DIGITAL["slug"]].endswith("/stateKey/01")  # Kiel, Schleswig-Holstein
    assert states[MARITIME["slug"]].endswith("/stateKey/02")  # Hamburg


def test_the_demo_catalogue_conforms_to_the_dcat_ap_de_shapes(demo, db, client):
    response = client.get(reverse("opendata:catalog_file", args=["ttl"]))
    assert problems(Graph().parse(data=response.content, format="turtle")) == []


def test_the_open_data_demo_runs_only_once(demo, db):
    assert build_opendata_demo() is False
