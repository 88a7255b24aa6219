"""The DCAT-AP.de 2.0 catalogue of the published datasets, built with rdflib.

One function, `catalogue_bytes`, makes what the endpoints serve and what
`knotenpunkt export-dcat` writes, so the two are the same bytes. Every node has a URI
(no blank nodes): the serialisation is then the same from run to run, and a harvester
can follow each node. Only published datasets with generated files go in.
"""

from email.utils import parseaddr

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.rules import published_datasets
from knotenpunkt.opendata.services.distributions import dataset_uri
from knotenpunkt.opendata.services.geocoding import STATE_LEVEL, state_uri

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"
THEME_TAXONOMY = URIRef(f"{EU}data-theme")
GERMAN = URIRef(f"{EU}language/DEU")
ENGLISH = URIRef(f"{EU}language/ENG")
PUBLIC_ACCESS = URIRef(f"{EU}access-right/PUBLIC")
DAILY = URIRef(f"{EU}frequency/DAILY")
FILE_TYPES = {"csv": URIRef(f"{EU}file-type/CSV"), "json": URIRef(f"{EU}file-type/JSON")}
MEDIA_TYPES = {
    "csv": URIRef("https://www.iana.org/assignments/media-types/text/csv"),
    "json": URIRef("https://www.iana.org/assignments/media-types/application/json"),
}
ATTRIBUTION_LICENCES = {Dataset.Licence.DL_BY, Dataset.Licence.CC_BY}

# format key: (rdflib serialiser, content type)
FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("pretty-xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
}


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def catalogue_uri() -> URIRef:
    return URIRef(_url(reverse("opendata:catalog")))


def listed_datasets():
    """Published datasets with generated files, with the files' metadata (not their
    bytes), in catalogue order: what the catalogue and the public page list."""
    return (
        published_datasets()
        .filter(pk__in=Distribution.objects.values("dataset"))
        .select_related("cluster")
        .prefetch_related(
            Prefetch(
                "distributions",
                queryset=Distribution.objects.defer("content").order_by("format"),
            )
        )
        .order_by("cluster__slug", "kind")
    )


def _texts(graph, subject, predicate, german: str, english: str) -> None:
    graph.add((subject, predicate, Literal(german, lang="de")))
    if english:
        graph.add((subject, predicate, Literal(english, lang="en")))


def _moment(value) -> Literal:
    return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _contact_address(cluster) -> str:
    return cluster.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _add_cluster(graph: Graph, cluster, seen: dict) -> tuple[URIRef, URIRef, str | None]:
    """The cluster as publisher (foaf:Agent) and contact point (vcard:Organization), and
    the URI of its Land (asked once per cluster)."""
    if cluster.pk in seen:
        return seen[cluster.pk]
    agent = URIRef(_url(reverse("directory:cluster", args=[cluster.slug])))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(cluster.name)))
    if cluster.website:
        graph.add((agent, FOAF.homepage, URIRef(cluster.website)))
    contact = URIRef(f"{agent}#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(cluster.name)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{_contact_address(cluster)}")))
    if cluster.website:
        graph.add((contact, VCARD.hasURL, URIRef(cluster.website)))
    seen[cluster.pk] = (agent, contact, state_uri(cluster))
    return seen[cluster.pk]


def _add_distribution(graph: Graph, dataset, node: URIRef, distribution) -> URIRef:
    fmt = distribution.format
    subject = URIRef(f"{node}#distribution-{fmt}")
    download = URIRef(_url(distribution.get_absolute_url()))
    graph.add((subject, RDF.type, DCAT.Distribution))
    _texts(
        graph,
        subject,
        DCTERMS.title,
        f"{dataset.title_de} ({fmt.upper()})",
        f"{dataset.title_en} ({fmt.upper()})",
    )
    graph.add((subject, DCAT.accessURL, download))
    graph.add((subject, DCAT.downloadURL, download))
    graph.add((subject, DCTERMS.license, URIRef(dataset.licence)))
    if dataset.licence in ATTRIBUTION_LICENCES:
        graph.add((subject, DCATDE.licenseAttributionByText, Literal(dataset.cluster.name)))
    graph.add((subject, DCTERMS["format"], FILE_TYPES[fmt]))
    graph.add((subject, DCAT.mediaType, MEDIA_TYPES[fmt]))
    # The canonical form of an xsd:decimal ("365.0"): Turtle can only write a decimal with
    # its point, so RDF/XML and JSON-LD carry the same lexical form and all three formats
    # parse to the same graph.
    graph.add(
        (subject, DCAT.byteSize, Literal(f"{distribution.byte_size}.0", datatype=XSD.decimal))
    )
    graph.add((subject, DCTERMS.modified, _moment(distribution.changed_at)))
    checksum = URIRef(f"{subject}-checksum")
    graph.add((subject, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add(
        (checksum, SPDX.checksumValue, Literal(distribution.checksum, datatype=XSD.hexBinary))
    )
    return subject


def _add_dataset(graph: Graph, dataset, agent, contact, state) -> URIRef:
    node = URIRef(dataset_uri(dataset))
    graph.add((node, RDF.type, DCAT.Dataset))
    _texts(graph, node, DCTERMS.title, dataset.title_de, dataset.title_en)
    _texts(graph, node, DCTERMS.description, dataset.description_de, dataset.description_en)
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    graph.add((node, DCTERMS.publisher, agent))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCAT.theme, URIRef(dataset.theme)))
    for keyword in dataset.keyword_list:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="de")))
    graph.add((node, DCTERMS.language, GERMAN))
    graph.add((node, DCTERMS.accessRights, PUBLIC_ACCESS))
    graph.add((node, DCTERMS.accrualPeriodicity, DAILY))
    landing = _url(f"{reverse('opendata:index')}#{dataset.anchor}")
    graph.add((node, DCAT.landingPage, URIRef(landing)))
    if dataset.issued:
        graph.add((node, DCTERMS.issued, _moment(dataset.issued)))
    if dataset.modified:
        graph.add((node, DCTERMS.modified, _moment(dataset.modified)))
    if state:
        graph.add((node, DCATDE.politicalGeocodingLevelURI, URIRef(STATE_LEVEL)))
        graph.add((node, DCATDE.politicalGeocodingURI, URIRef(state)))
    if settings.OPENDATA_CONTRIBUTOR_ID:
        graph.add((node, DCATDE.contributorID, URIRef(settings.OPENDATA_CONTRIBUTOR_ID)))
    for distribution in dataset.distributions.all():
        graph.add((node, DCAT.distribution, _add_distribution(graph, dataset, node, distribution)))
    return node


def catalogue_graph() -> Graph:
    """The dcat:Catalog of the installation with every published dataset."""
    graph = Graph()
    for prefix, namespace in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "dcatde": DCATDE,
        "spdx": SPDX,
    }.items():
        graph.bind(prefix, namespace)
    catalogue = catalogue_uri()
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    name = settings.OPENDATA_PUBLISHER_NAME
    _texts(graph, catalogue, DCTERMS.title, f"Offene Daten: {name}", f"Open data: {name}")
    _texts(
        graph,
        catalogue,
        DCTERMS.description,
        f"Offene Daten der Cluster auf {name}: Mitgliederverzeichnisse, Veranstaltungen, "
        "Angebote, Kennzahlen und Beteiligungsergebnisse als CSV und JSON.",
        f"Open data of the clusters on {name}: member directories, events, offerings, key "
        "figures and participation results as CSV and JSON.",
    )
    publisher = URIRef(settings.OPENDATA_PUBLISHER_URL or settings.SITE_URL + "/")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(name)))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(_url(reverse("opendata:index")))))
    graph.add((catalogue, DCTERMS.language, GERMAN))
    graph.add((catalogue, DCTERMS.language, ENGLISH))
    graph.add((catalogue, DCAT.themeTaxonomy, THEME_TAXONOMY))
    datasets = list(listed_datasets())
    clusters: dict = {}
    for dataset in datasets:
        agent, contact, state = _add_cluster(graph, dataset.cluster, clusters)
        node = _add_dataset(graph, dataset, agent, contact, state)
        graph.add((catalogue, DCAT.dataset, node))
    issued = [d.issued for d in datasets if d.issued]
    modified = [d.modified for d in datasets if d.modified]
    if issued:
        graph.add((catalogue, DCTERMS.issued, _moment(min(issued))))
    if modified:
        graph.add((catalogue, DCTERMS.modified, _moment(max(modified))))
    return graph


def catalogue_bytes(fmt: str = "ttl") -> bytes:
    """The catalogue serialised as Turtle (`ttl`), RDF/XML (`rdf`) or JSON-LD (`jsonld`)."""
    serialiser, _content_type = FORMATS[fmt]
    return catalogue_graph().serialize(format=serialiser, encoding="utf-8")


def content_type(fmt: str) -> str:
    return FORMATS[fmt][1]
