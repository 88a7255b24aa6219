"""Extension points through which apps announce what they own about a person.

An earlier app never imports a later one. Instead, every app that stores personal data
registers here (in its AppConfig.ready) how to export it (DSGVO Art. 15) and how to erase
it (Art. 17). The privacy services walk these registrations without knowing the apps.
Later issues add the relations the merge must move in the same way.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PersonalDataProvider:
    """One app's export and erasure of what it stores about a person.

    `models` names what the provider covers, as "app_label.Model" (every field of it) or
    "app_label.Model.field" (that field only); the privacy app's completeness check compares
    them with the installed models. `erase_last` providers run after all others: their
    erasure removes what the others still use to find the person's rows (the addresses).
    """

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None
    models: tuple[str, ...] = field(default=())
    erase_last: bool = False


_PERSONAL_DATA: dict[str, PersonalDataProvider] = {}


def register_personal_data(
    key: str,
    export: Callable[[Any], Any],
    erase: Callable[[Any], None] | None = None,
    *,
    models: Iterable[str] = (),
    erase_last: bool = False,
) -> None:
    """`export(person)` returns JSON-ready data; `erase(person)` removes or anonymises it.

    `models` are the models (or "model.field"s) whose personal data this provider covers.
    """
    _PERSONAL_DATA[key] = PersonalDataProvider(key, export, erase, tuple(models), erase_last)


def personal_data_providers() -> list[PersonalDataProvider]:
    return [_PERSONAL_DATA[key] for key in sorted(_PERSONAL_DATA)]


def erasure_order() -> list[PersonalDataProvider]:
    """Providers in the order erasure runs them: `erase_last` ones after the others."""
    return sorted(_PERSONAL_DATA.values(), key=lambda p: (p.erase_last, p.key))


@dataclass(frozen=True)
class Identity:
    """What identifies a person in free text: names, e-mail addresses, phone numbers.

    `names` are the full-name spellings found anywhere; `name_parts` (first and last
    name) are replaced only in records that belong to the person.
    """

    pseudonym: str
    names: tuple[str, ...] = ()
    name_parts: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @property
    def anywhere(self) -> tuple[str, ...]:
        return self.names + self.emails + self.phones


_IDENTITY: list[Callable[[Any], Identity]] = []


def register_identity(describe: Callable[[Any], Identity]) -> None:
    """The directory announces how a person is named, so that earlier apps (the audit log)
    and later ones can find and replace the person in free text without knowing it."""
    _IDENTITY[:] = [describe]


def identity_of(person) -> Identity:
    if not _IDENTITY:
        raise LookupError("no app registered how to identify a person")
    return _IDENTITY[0](person)


@dataclass(frozen=True)
class MergeRelation:
    """A foreign key that points at a person or organisation and must follow a merge.

    `unique_with` names the other fields that, together with `field`, must stay unique
    (e.g. a consent per person and purpose): a row of the merged-away record that would
    collide with one of the surviving record is removed instead of moved (and restored by
    undo).
    """

    target: str  # "person" or "organisation"
    model: str  # "app_label.ModelName"
    field: str
    unique_with: tuple[str, ...] = ()


_MERGE_RELATIONS: dict[tuple[str, str, str], MergeRelation] = {}


def register_merge_relation(
    target: str, model: str, field: str, unique_with: tuple[str, ...] = ()
) -> None:
    """Announce that `model.field` points at a `target` and must be moved by a merge."""
    if target not in ("person", "organisation"):
        raise ValueError(f"unknown merge target {target!r}")
    _MERGE_RELATIONS[(target, model, field)] = MergeRelation(target, model, field, unique_with)


def merge_relations(target: str) -> list[MergeRelation]:
    return [r for key, r in sorted(_MERGE_RELATIONS.items()) if key[0] == target]


@dataclass(frozen=True)
class DashboardSection:
    """A later app's part of the staff dashboard (directory.views.dashboard).

    `context(clusters)` gets the clusters in view (those the user looks after, or the one
    selected) and returns what `template` shows; the template gets it as `section`.
    """

    key: str
    template: str
    context: Callable[[list], dict]
    order: int = 100


_DASHBOARD_SECTIONS: dict[str, DashboardSection] = {}


def register_dashboard_section(
    key: str, template: str, context: Callable[[list], dict], *, order: int = 100
) -> None:
    _DASHBOARD_SECTIONS[key] = DashboardSection(key, template, context, order)


def dashboard_sections() -> list[DashboardSection]:
    return sorted(_DASHBOARD_SECTIONS.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class MeasureQuery:
    """What a measure is asked for: its figures for `years`, for each of `clusters` and
    for all of them taken as one body (the key None; there an organisation in two of the
    clusters counts once, an event they co-host once). `memo` lets the measures of one
    computation share an intermediate result (the membership spans behind five figures).
    """

    clusters: tuple  # Cluster instances
    years: tuple[int, ...]
    memo: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def cluster_ids(self) -> list[int]:
        return [cluster.pk for cluster in self.clusters]


@dataclass(frozen=True)
class MeasureRow:
    """One line of the list behind a figure (the drill-down): what it is, where it lives,
    and what it adds to the figure."""

    label: str
    url: str = ""
    detail: str = ""
    value: Any = None


@dataclass(frozen=True)
class Measure:
    """A figure an app computes from its live data for a year: the function behind a KPI.

    `compute(query)` returns {cluster id or None: {year: value}} for every cluster and year
    of the query (None: the clusters as one body). `rows(clusters, year)` lists what makes
    up the body's figure. `unit` is "count", "eur", "percent" or "mix" (a share per
    category, in percent, that has no target of its own). `higher_is_better` sets the
    direction of a KPI's traffic light by default.
    """

    key: str
    label: Any
    unit: str
    compute: Callable[[MeasureQuery], dict]
    rows: Callable[[list, int], list[MeasureRow]] | None = None
    definition: Any = ""
    higher_is_better: bool = True
    order: int = 100
    sources: tuple[str, ...] = ()


_MEASURES: dict[str, Measure] = {}


def register_measure(
    key: str,
    label,
    unit: str,
    compute: Callable[[MeasureQuery], dict],
    *,
    rows: Callable[[list, int], list[MeasureRow]] | None = None,
    definition="",
    higher_is_better: bool = True,
    order: int = 100,
    sources: Iterable[str] = (),
) -> None:
    """An app announces a figure the KPIs may use (in its AppConfig.ready)."""
    if unit not in ("count", "eur", "percent", "mix"):
        raise ValueError(f"unknown unit {unit!r} of measure {key!r}")
    if not sources:
        raise ValueError(f"measure {key!r} names no source models")
    _MEASURES[key] = Measure(
        key, label, unit, compute, rows, definition, higher_is_better, order, tuple(sources)
    )


def measures() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda m: (m.order, m.key))


def measure(key: str) -> Measure:
    try:
        return _MEASURES[key]
    except KeyError:
        raise LookupError(f"no app registered the measure {key!r}") from None


@dataclass(frozen=True)
class OrganisationSection:
    """A later app's part of an organisation's page (directory.views.organisation_detail).

    `context(request, organisation)` returns what `template` shows (as `section`), or None
    when there is nothing to show. `staff_only` sections are offered only to staff who look
    after the organisation (the directory decides who that is); the context function still
    scopes what it lists by its own app's rules.
    """

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    staff_only: bool = False
    order: int = 100


_ORGANISATION_SECTIONS: dict[str, OrganisationSection] = {}


def register_organisation_section(
    key: str,
    template: str,
    context: Callable[[Any, Any], dict | None],
    *,
    staff_only: bool,
    order: int = 100,
) -> None:
    """An app announces a section of the organisation page (in its AppConfig.ready)."""
    _ORGANISATION_SECTIONS[key] = OrganisationSection(key, template, context, staff_only, order)


def organisation_sections() -> list[OrganisationSection]:
    return sorted(_ORGANISATION_SECTIONS.values(), key=lambda s: (s.order, s.key))
