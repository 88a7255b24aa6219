"""Finding and comparing listed offerings: full text, facets with counts, side by side.

Facet counts follow the usual rule: each facet counts the result of the query and of
every *other* facet's selection, so choosing "Germany" does not make the other hosting
option drop to zero, while choosing a category narrows the hosting counts.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.params import bounded_int
from knotenpunkt.procurement.models.catalogue import (
    OfferingDocument,
    OfferingVersion,
    Themenfeld,
)

V = OfferingVersion
MAX_COMPARE = 4
FACETS = (
    "category",
    "hosting",
    "certificate",
    "open_source",
    "themenfeld",
    "price_model",
    "deployment",
)
FACET_LABELS = {
    "category": gettext_lazy("Category"),
    "hosting": gettext_lazy("Hosting"),
    "certificate": gettext_lazy("Certificate"),
    "open_source": gettext_lazy("Open source"),
    "themenfeld": gettext_lazy("OZG Themenfeld"),
    "price_model": gettext_lazy("Price model"),
    "deployment": gettext_lazy("Deployment"),
}
HOSTING_OPTIONS = {
    "de": (gettext_lazy("In Germany"), [V.Hosting.GERMANY]),
    "eu": (gettext_lazy("In the EU/EEA (Germany included)"), [V.Hosting.GERMANY, V.Hosting.EU]),
}
CERTIFICATE_OPTIONS = {
    "iso27001": (gettext_lazy("ISO 27001 (valid certificate)"), [OfferingDocument.Kind.ISO27001]),
    "c5": (gettext_lazy("BSI C5 (valid attestation)"), [OfferingDocument.Kind.C5]),
    "any": (
        gettext_lazy("Any valid security certificate"),
        [OfferingDocument.Kind.ISO27001, OfferingDocument.Kind.C5],
    ),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected(self) -> bool:
        return any(o.selected for o in self.options)


@dataclass
class SearchResult:
    query: str
    filters: dict[str, list[str]]
    versions: QuerySet
    facets: list[Facet] = field(default_factory=list)


@dataclass
class CompareCell:
    text: str
    flagged: bool = False
    url: str = ""


@dataclass
class CompareRow:
    label: str
    cells: list[CompareCell]


def listed_versions() -> QuerySet:
    """The published versions of offerings in the catalogue (not withdrawn)."""
    return V.objects.filter(
        status=V.Status.PUBLISHED,
        offering__withdrawn_at__isnull=True,
        offering__published_id__isnull=False,
    )


def _valid_document(kinds, today: datetime.date) -> Exists:
    # A certificate without an expiry date is not counted as valid: the buyer could
    # not tell whether it still holds.
    return Exists(
        OfferingDocument.objects.filter(
            version=OuterRef("pk"), kind__in=kinds, valid_until__gte=today
        )
    )


def normalise_filters(filters: dict) -> dict[str, list[str]]:
    """Only known facets, each as a list of non-empty strings (a QueryDict or plain dict)."""
    clean = {}
    for name in FACETS:
        if hasattr(filters, "getlist"):
            values = filters.getlist(name)
        else:
            raw = filters.get(name) or []
            values = [raw] if isinstance(raw, str) else list(raw)
        values = [str(v) for v in values if str(v).strip()]
        if values:
            clean[name] = sorted(set(values))
    return clean


def _facet_q(name: str, values: list[str], today: datetime.date) -> Q:
    if name == "category":
        return Q(category__in=values)
    if name == "price_model":
        return Q(price_model__in=values)
    if name == "deployment":
        return Q(deployment__in=values)
    if name == "hosting":
        places = {p for v in values if v in HOSTING_OPTIONS for p in HOSTING_OPTIONS[v][1]}
        return Q(hosting__in=places)
    if name == "certificate":
        kinds = {k for v in values if v in CERTIFICATE_OPTIONS for k in CERTIFICATE_OPTIONS[v][1]}
        return Q(_valid_document(kinds, today))
    if name == "open_source":
        return ~Q(open_source_licence="") if "yes" in values else Q()
    if name == "themenfeld":
        return Q(
            Exists(
                V.themenfelder.through.objects.filter(
                    offeringversion_id=OuterRef("pk"), themenfeld__key__in=values
                )
            )
        )
    raise ValueError(name)


def _german_query(query: str) -> SearchQuery:
    return SearchQuery(query, config="german", search_type="websearch")


def _text_filtered(qs: QuerySet, query: str) -> QuerySet:
    if not query:
        return qs
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed vector (listing.refresh_search_vectors).
        return qs.filter(search_vector=_german_query(query))
    for word in query.lower().split():
        qs = qs.filter(search_document__icontains=word.strip('"'))
    return qs


def search(query: str, filters: dict, *, today: datetime.date | None = None) -> SearchResult:
    """Listed offerings matching `query` and `filters`, with the count of every facet option."""
    today = today or timezone.localdate()
    query = (query or "").strip()
    filters = normalise_filters(filters)
    base = _text_filtered(listed_versions(), query)
    conditions = {name: _facet_q(name, values, today) for name, values in filters.items()}

    def narrowed(except_facet=None) -> QuerySet:
        qs = base
        for name, condition in conditions.items():
            if name != except_facet:
                qs = qs.filter(condition)
        return qs

    versions = _best_first(
        narrowed()
        .select_related("offering__provider")
        .prefetch_related("themenfelder", "interfaces", "documents"),
        query,
    )
    facets = [
        _choice_facet("category", V.OfferingCategory, narrowed("category"), filters),
        _hosting_facet(narrowed("hosting"), filters),
        _certificate_facet(narrowed("certificate"), filters, today),
        _open_source_facet(narrowed("open_source"), filters),
        _themenfeld_facet(narrowed("themenfeld"), filters),
        _choice_facet("price_model", V.PriceModel, narrowed("price_model"), filters),
        _choice_facet("deployment", V.Deployment, narrowed("deployment"), filters),
    ]
    return SearchResult(query=query, filters=filters, versions=versions, facets=facets)


def _best_first(versions: QuerySet, query: str) -> QuerySet:
    if query and connection.vendor == "postgresql":
        rank = SearchRank(F("search_vector"), _german_query(query))
        return versions.annotate(rank=rank).order_by("-rank", "name", "pk")
    return versions.order_by("name", "pk")


def matching_versions(query: str, filters: dict, *, today: datetime.date | None = None):
    """The listed offerings `search` finds, in its order, without the facet counts (for
    the API, which pages through them)."""
    today = today or timezone.localdate()
    query = (query or "").strip()
    versions = _text_filtered(listed_versions(), query)
    for name, values in normalise_filters(filters).items():
        versions = versions.filter(_facet_q(name, values, today))
    return _best_first(versions, query)


def _choice_facet(name, choices, qs: QuerySet, filters) -> Facet:
    counts = dict(qs.order_by().values_list(name).annotate(n=Count("pk", distinct=True)))
    selected = set(filters.get(name, []))
    return Facet(
        name,
        str(FACET_LABELS[name]),
        [
            FacetOption(value, str(label), counts.get(value, 0), value in selected)
            for value, label in choices.choices
            if counts.get(value) or value in selected
        ],
    )


def _hosting_facet(qs: QuerySet, filters) -> Facet:
    counts = qs.order_by().aggregate(
        **{
            key: Count("pk", filter=Q(hosting__in=places), distinct=True)
            for key, (_label, places) in HOSTING_OPTIONS.items()
        }
    )
    selected = set(filters.get("hosting", []))
    return Facet(
        "hosting",
        str(FACET_LABELS["hosting"]),
        [
            FacetOption(key, str(label), counts[key], key in selected)
            for key, (label, _places) in HOSTING_OPTIONS.items()
        ],
    )


def _certificate_facet(qs: QuerySet, filters, today) -> Facet:
    annotated = qs.order_by().annotate(
        **{
            f"has_{key}": _valid_document(kinds, today)
            for key, (_l, kinds) in CERTIFICATE_OPTIONS.items()
        }
    )
    counts = annotated.aggregate(
        **{
            key: Count("pk", filter=Q(**{f"has_{key}": True}), distinct=True)
            for key in CERTIFICATE_OPTIONS
        }
    )
    selected = set(filters.get("certificate", []))
    return Facet(
        "certificate",
        str(FACET_LABELS["certificate"]),
        [
            FacetOption(key, str(label), counts[key], key in selected)
            for key, (label, _kinds) in CERTIFICATE_OPTIONS.items()
        ],
    )


def _open_source_facet(qs: QuerySet, filters) -> Facet:
    count = qs.exclude(open_source_licence="").order_by().count()
    return Facet(
        "open_source",
        str(FACET_LABELS["open_source"]),
        [FacetOption("yes", _("Open source"), count, "yes" in filters.get("open_source", []))],
    )


def _themenfeld_facet(qs: QuerySet, filters) -> Facet:
    counts = dict(
        V.themenfelder.through.objects.filter(offeringversion__in=qs.order_by().values("pk"))
        .values_list("themenfeld__key")
        .annotate(n=Count("offeringversion_id", distinct=True))
    )
    selected = set(filters.get("themenfeld", []))
    return Facet(
        "themenfeld",
        str(FACET_LABELS["themenfeld"]),
        [
            FacetOption(t.key, str(t), counts.get(t.key, 0), t.key in selected)
            for t in Themenfeld.objects.all()
            if counts.get(t.key) or t.key in selected
        ],
    )


# --- what a result shows ---


def valid_certificates(version: OfferingVersion, today=None) -> set[str]:
    """Kinds of certificate documents that are valid today (uses prefetched documents)."""
    today = today or timezone.localdate()
    return {
        d.kind
        for d in version.documents.all()
        if d.valid_until is not None and not d.is_expired(today)
    }


def badges(version: OfferingVersion, today=None) -> list[str]:
    """Short facts for the result list, each readable as text (no colour-only meaning)."""
    valid = valid_certificates(version, today)
    result = []
    if version.hosting == V.Hosting.GERMANY:
        result.append(_("Hosted in Germany"))
    elif version.hosting == V.Hosting.EU:
        result.append(_("Hosted in the EU"))
    if version.is_open_source:
        result.append(_("Open source (%(licence)s)") % {"licence": version.open_source_licence})
    if version.c5 and OfferingDocument.Kind.C5 in valid:
        result.append(version.get_c5_display())
    if version.iso27001 and OfferingDocument.Kind.ISO27001 in valid:
        result.append(_("ISO 27001"))
    result.append(_("Accessibility: %(status)s") % {"status": version.get_accessibility_display()})
    return result


# --- comparison ---


def compare(version_ids, *, today: datetime.date | None = None) -> list[CompareRow]:
    """The rows of the comparison table; the first row holds the offerings' names."""
    today = today or timezone.localdate()
    ids = []
    for raw in version_ids:
        value = bounded_int(raw, minimum=1)
        if value is None:
            raise ValidationError(_("“%(value)s” is not an offering.") % {"value": raw})
        if value not in ids:
            ids.append(value)
    if not ids:
        raise ValidationError(_("Choose at least one offering to compare."))
    if len(ids) > MAX_COMPARE:
        raise ValidationError(
            _("You can compare at most %(maximum)s offerings; you chose %(count)s.")
            % {"maximum": MAX_COMPARE, "count": len(ids)}
        )
    found = {
        v.pk: v
        for v in listed_versions()
        .filter(pk__in=ids)
        .select_related("offering__provider")
        .prefetch_related("themenfelder", "interfaces", "documents")
    }
    versions = [found[i] for i in ids if i in found]
    if not versions:
        raise ValidationError(_("None of the chosen offerings is in the catalogue any more."))

    def row(label, func):
        return CompareRow(str(label), [func(v) for v in versions])

    def expired_cell(v):
        expired = [d for d in v.documents.all() if d.is_expired(today)]
        if not expired:
            return CompareCell(_("none"))
        return CompareCell(
            "; ".join(
                _("%(title)s (expired on %(date)s)")
                % {"title": d.title, "date": formats.date_format(d.valid_until)}
                for d in expired
            ),
            flagged=True,
        )

    return [
        CompareRow(
            _("Offering"),
            [CompareCell(v.name, url=v.offering.get_absolute_url()) for v in versions],
        ),
        row(_("Provider"), lambda v: CompareCell(v.offering.provider.name)),
        row(_("Category"), lambda v: CompareCell(v.get_category_display())),
        row(_("Price"), lambda v: CompareCell(price_text(v))),
        row(_("Deployment"), lambda v: CompareCell(v.get_deployment_display())),
        row(
            _("Hosting"),
            lambda v: CompareCell(
                v.get_hosting_display() + (f" ({v.hosting_details})" if v.hosting_details else "")
            ),
        ),
        row(_("BSI C5"), lambda v: certificate_claim(v, OfferingDocument.Kind.C5, today)),
        row(_("ISO 27001"), lambda v: certificate_claim(v, OfferingDocument.Kind.ISO27001, today)),
        row(
            _("Data-processing agreement (Art. 28 GDPR)"),
            lambda v: CompareCell(_("available") if v.avv_available else _("not available")),
        ),
        row(
            _("Accessibility (BITV 2.0)"),
            lambda v: CompareCell(v.get_accessibility_display()),
        ),
        row(
            _("Licence"),
            lambda v: CompareCell(v.open_source_licence or _("proprietary")),
        ),
        row(
            _("EVB-IT contract type"),
            lambda v: CompareCell(v.get_evb_it_display() or _("not stated")),
        ),
        row(
            _("Interfaces"),
            lambda v: CompareCell(", ".join(str(i) for i in v.interfaces.all()) or _("none")),
        ),
        row(
            _("OZG Themenfelder"),
            lambda v: CompareCell(", ".join(str(t) for t in v.themenfelder.all()) or _("none")),
        ),
        row(_("Expired certificates"), expired_cell),
    ]


def certificate_claim(version: OfferingVersion, kind: str, today=None) -> CompareCell:
    """The C5 or ISO 27001 claim, flagged when no valid certificate backs it."""
    today = today or timezone.localdate()
    if kind == OfferingDocument.Kind.C5:
        claimed, claim = version.c5, version.get_c5_display()
    else:
        claimed, claim = version.iso27001, version.get_iso27001_display()
    if not claimed:
        return CompareCell(str(claim))
    documents = [d for d in version.documents.all() if d.kind == kind]
    if any(d.valid_until and not d.is_expired(today) for d in documents):
        return CompareCell(str(claim))
    expired = sorted((d for d in documents if d.is_expired(today)), key=lambda d: d.valid_until)
    if expired:
        return CompareCell(
            _("%(claim)s – certificate expired on %(date)s")
            % {"claim": claim, "date": formats.date_format(expired[-1].valid_until)},
            flagged=True,
        )
    return CompareCell(
        _("%(claim)s – no valid certificate attached") % {"claim": claim}, flagged=True
    )


def price_text(version: OfferingVersion) -> str:
    """The price as a buyer reads it: amount and unit, or "on request", plus the note."""
    if version.price_amount is not None:
        # No lower-casing of the model: German nouns keep their capital letter.
        text = _("%(amount)s EUR net (%(model)s)") % {
            "amount": formats.number_format(version.price_amount, 2, force_grouping=True),
            "model": version.get_price_model_display(),
        }
    else:
        text = _("On request (%(model)s)") % {"model": version.get_price_model_display()}
    if version.price_note:
        text = f"{text}. {version.price_note}"
    return text
