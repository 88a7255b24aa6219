"""What goes into each kind of dataset: only what the platform already shows everyone.

Each source asks the owning app which of its rows are public and reuses its querysets:
the public directory (`directory.services.search.listed_organisations`), the public
events of the calendar feeds (`events.feeds.feed_events`), the shop's listed offerings
(`procurement.services.catalogue_search.listed_versions`), the KPIs marked public, and
the open data of public participation processes (`participation.services.open_data`).
No person appears in any dataset: no names of people, no personal e-mail addresses or
phone numbers; an organisation's own contact data stay on its profile page.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.events.feeds import feed_events
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.kpis.services.dashboard import trend_years
from knotenpunkt.kpis.services.values import compute
from knotenpunkt.participation.rules import processes_with_open_data
from knotenpunkt.participation.services import open_data as participation_data
from knotenpunkt.procurement.services.catalogue_search import listed_versions


@dataclass
class Table:
    """A dataset's records: the columns of its CSV and the records of its JSON."""

    columns: list[str]
    rows: list[dict]
    # Extra parts of the JSON document beside the records (a process's metadata, say).
    extra: dict = field(default_factory=dict)


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat() if moment else ""


DIRECTORY_COLUMNS = [
    "name",
    "url",
    "legal_form",
    "actor_type",
    "size_class",
    "postcode",
    "city",
    "region",
    "region_key",
    "website",
    "topics",
]


def directory_table(cluster: Cluster) -> Table:
    """The public member directory: listed organisations with an active membership."""
    organisations = (
        listed_organisations(cluster)
        .select_related("region")
        .prefetch_related("topics")
        .order_by("name", "pk")
    )
    rows = [
        {
            "name": organisation.name,
            "url": _url(organisation.get_absolute_url()),
            "legal_form": organisation.legal_form,
            "actor_type": organisation.actor_type,
            "size_class": organisation.size_class,
            "postcode": organisation.postcode,
            "city": organisation.city,
            "region": organisation.region.name if organisation.region else "",
            "region_key": organisation.region.ags if organisation.region else "",
            "website": organisation.website,
            "topics": sorted(topic.label_de for topic in organisation.topics.all()),
        }
        for organisation in organisations
    ]
    return Table(DIRECTORY_COLUMNS, rows)


EVENT_COLUMNS = [
    "title",
    "url",
    "summary",
    "starts_at",
    "ends_at",
    "timezone",
    "kind",
    "format",
    "language",
    "venue",
    "street",
    "postcode",
    "city",
    "topics",
    "cancelled",
]


def events_table(cluster: Cluster) -> Table:
    """The cluster's public events as its calendar feed has them (a year back and ahead);
    an online event's join link never goes in."""
    rows = [
        {
            "title": event.title,
            "url": _url(event.get_absolute_url()),
            "summary": event.summary,
            "starts_at": _iso(event.starts_at),
            "ends_at": _iso(event.ends_at),
            "timezone": event.timezone,
            "kind": event.kind,
            "format": event.format,
            "language": event.language,
            "venue": event.venue_name,
            "street": event.street,
            "postcode": event.postcode,
            "city": event.city,
            "topics": sorted(topic.label_de for topic in event.topics.all()),
            "cancelled": event.cancelled_at is not None,
        }
        for event in feed_events(cluster.events.all())
    ]
    return Table(EVENT_COLUMNS, rows)


CATALOGUE_COLUMNS = [
    "name",
    "url",
    "provider",
    "summary",
    "kind",
    "category",
    "deployment",
    "hosting",
    "price_model",
    "price_amount_eur",
    "open_source_licence",
    "published_at",
]


def catalogue_table(cluster: Cluster) -> Table:
    """The shop's listed offerings of the cluster's listed member organisations."""
    versions = (
        listed_versions()
        .filter(offering__provider__in=listed_organisations(cluster).values("pk"))
        .select_related("offering__provider")
        .order_by("name", "pk")
    )
    rows = [
        {
            "name": version.name,
            "url": _url(version.offering.get_absolute_url()),
            "provider": version.offering.provider.name,
            "summary": version.summary,
            "kind": version.kind,
            "category": version.category,
            "deployment": version.deployment,
            "hosting": version.hosting,
            "price_model": version.price_model,
            "price_amount_eur": (
                float(version.price_amount) if version.price_amount is not None else None
            ),
            "open_source_licence": version.open_source_licence,
            "published_at": _iso(version.published_at),
        }
        for version in versions
    ]
    return Table(CATALOGUE_COLUMNS, rows)


KPI_COLUMNS = ["key", "name_de", "name_en", "unit", "year", "value"]


def _kpi_value(kpi: Kpi, value):
    if value is None:
        return None
    if kpi.unit == Kpi.Unit.MIX and isinstance(value, dict):
        return {key: float(share) for key, share in sorted(value.items())}
    if kpi.unit == Kpi.Unit.COUNT:
        return int(value)
    return float(value)


def kpis_table(cluster: Cluster) -> Table:
    """The KPIs marked public, for the closed years of the cluster's trend (figures of an
    open year would change every day)."""
    kpis = list(Kpi.objects.filter(is_public=True, is_active=True).order_by("order", "key"))
    years = trend_years([cluster], timezone.localdate().year - 1)
    values = compute(kpis, [cluster], years)[cluster.pk] if kpis else {}
    rows = [
        {
            "key": kpi.key,
            "name_de": kpi.name_de,
            "name_en": kpi.name_en,
            "unit": kpi.unit,
            "year": year,
            "value": _kpi_value(kpi, values[kpi.key].get(year)),
        }
        for kpi in kpis
        for year in years
    ]
    return Table(KPI_COLUMNS, rows)


# The dataset's own licence applies, and the date the file was made would change the file
# every day although its data did not.
LEFT_OUT_OF_PROCESS_METADATA = {"licence", "licence_url", "created"}


def _process_metadata(process, url: str) -> dict:
    metadata = participation_data.metadata(process, url)
    return {
        key: value for key, value in metadata.items() if key not in LEFT_OUT_OF_PROCESS_METADATA
    }


def participation_table(cluster: Cluster) -> Table:
    """The measures of the cluster's public, published processes (one CSV); the JSON adds
    each process's metadata and the ideas of its brainwriting."""
    processes = list(processes_with_open_data().filter(cluster=cluster).prefetch_related("phases"))
    rows, documents = [], []
    for process in processes:
        url = _url(process.get_absolute_url())
        measures = participation_data.measure_rows(process)
        rows.extend({"process": process.title, **measure} for measure in measures)
        documents.append(
            {
                "process": _process_metadata(process, url),
                "ideas": participation_data.idea_rows(process),
                "measures": measures,
            }
        )
    return Table(["process", *participation_data.MEASURE_COLUMNS], rows, {"processes": documents})


BUILDERS = {
    "directory": directory_table,
    "events": events_table,
    "catalogue": catalogue_table,
    "kpis": kpis_table,
    "participation": participation_table,
}


def table_for(dataset) -> Table:
    return BUILDERS[dataset.kind](dataset.cluster)
