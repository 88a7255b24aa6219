"""Staff decide what their cluster publishes: a dataset per kind, its texts, licence and
theme; publishing it (or asking for a refresh) regenerates its files in the background."""

from django.db import transaction
from django.utils import timezone

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster
from knotenpunkt.opendata.models import Dataset
from knotenpunkt.opendata.tasks import refresh_one_dataset

Kind = Dataset.Kind

# The texts a new dataset starts with, in both languages (the catalogue carries both);
# staff adapt them. Content, not UI: stored per dataset, so not translated by gettext.
DEFAULT_TEXTS = {
    Kind.DIRECTORY: (
        "Mitgliederverzeichnis: %(name)s",
        "Member directory: %(name)s",
        "Die Mitgliedsorganisationen des Clusters %(name)s, die im öffentlichen Verzeichnis "
        "stehen: Name, Rechtsform, Akteursart, Größenklasse, Ort, Kreis, Website und Themen.",
        "The member organisations of the cluster %(name)s listed in the public directory: "
        "name, legal form, type of actor, size class, place, district, website and topics.",
        "Wirtschaftsförderung, Unternehmen, Cluster",
        Dataset.Theme.ECON,
    ),
    Kind.EVENTS: (
        "Veranstaltungen: %(name)s",
        "Events: %(name)s",
        "Die öffentlichen Veranstaltungen des Clusters %(name)s vom vergangenen Jahr an: "
        "Titel, Zeit, Format, Ort und Themen.",
        "The public events of the cluster %(name)s from the past year on: title, time, "
        "format, place and topics.",
        "Veranstaltungen, Termine, Cluster",
        Dataset.Theme.ECON,
    ),
    Kind.CATALOGUE: (
        "Angebote im Shop: %(name)s",
        "Shop offerings: %(name)s",
        "Die geprüften Angebote der Mitglieder des Clusters %(name)s im Shop für die "
        "öffentliche Hand: Name, Anbieter, Kategorie, Betrieb, Hosting und Preismodell.",
        "The reviewed offerings of the members of the cluster %(name)s in the shop for "
        "public buyers: name, provider, category, operation, hosting and price model.",
        "Beschaffung, Software, Dienstleistungen",
        Dataset.Theme.TECH,
    ),
    Kind.KPIS: (
        "Kennzahlen: %(name)s",
        "Key figures: %(name)s",
        "Die öffentlichen Kennzahlen des Clusters %(name)s für die abgeschlossenen Jahre.",
        "The public key figures of the cluster %(name)s for the closed years.",
        "Kennzahlen, Statistik, Cluster",
        Dataset.Theme.ECON,
    ),
    Kind.PARTICIPATION: (
        "Beteiligungsergebnisse: %(name)s",
        "Participation results: %(name)s",
        "Die Maßnahmen und Ideen aus den öffentlichen Beteiligungsprozessen des Clusters "
        "%(name)s, ohne Angaben zu Personen.",
        "The measures and ideas of the public participation processes of the cluster "
        "%(name)s, without data on persons.",
        "Beteiligung, Strategie, Maßnahmen",
        Dataset.Theme.GOVE,
    ),
}

EDITABLE_FIELDS = [
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "licence",
    "theme",
    "keywords",
    "is_published",
]


def missing_kinds(cluster: Cluster) -> list:
    """The kinds the cluster has no dataset of yet."""
    present = set(cluster.open_datasets.values_list("kind", flat=True))
    return [kind for kind in Kind if kind not in present]


def create_dataset(actor, cluster: Cluster, kind: str, *, published: bool = False) -> Dataset:
    """A dataset of the kind with its default texts (not published unless asked)."""
    title_de, title_en, text_de, text_en, keywords, theme = DEFAULT_TEXTS[Kind(kind)]
    names = {"name": cluster.name}
    with transaction.atomic():
        dataset, created = Dataset.objects.get_or_create(
            cluster=cluster,
            kind=kind,
            defaults={
                "title_de": title_de % names,
                "title_en": title_en % names,
                "description_de": text_de % names,
                "description_en": text_en % names,
                "keywords": keywords,
                "theme": theme,
                "is_published": published,
                "issued": timezone.now() if published else None,
            },
        )
        if created:
            log_action(actor, "opendata.dataset.created", dataset)
            if published:
                request_refresh(dataset)
    return dataset


def update_dataset(actor, dataset: Dataset, data: dict) -> Dataset:
    """Save the staff's choices; publishing sets the first publication date once and
    regenerates the files, as does any change while published (the licence is in them)."""
    fields = [name for name in EDITABLE_FIELDS if name in data]
    with transaction.atomic():
        locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
        before = snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, data[name])
        changes = changes_between(before, snapshot(locked, fields))
        if not changes:
            return locked
        locked.save(update_fields=fields)
        log_action(actor, "opendata.dataset.changed", locked, changes=changes)
        dataset_saved(locked)
    return locked


def dataset_saved(dataset: Dataset) -> None:
    """What follows every save of a dataset (the staff page's and the admin's): a
    published one gets its first publication date once and its files regenerated."""
    if not dataset.is_published:
        return
    if dataset.issued is None:
        dataset.issued = timezone.now()
        Dataset.objects.filter(pk=dataset.pk, issued__isnull=True).update(issued=dataset.issued)
    request_refresh(dataset)


def request_refresh(dataset: Dataset) -> None:
    """Regenerate the dataset's files in the background, once the transaction commits."""
    transaction.on_commit(lambda: refresh_one_dataset.enqueue(dataset.pk))
