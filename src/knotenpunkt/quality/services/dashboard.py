"""The data-quality figures for staff, and the lists of records behind each figure.

Every figure is defined once, as a filter, so that the number on the dashboard and the
list it links to can never disagree.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Organisation, Person, PersonEmail, PersonPhone, Position
from knotenpunkt.directory.rules import visible_people
from knotenpunkt.quality.models import CandidatePair
from knotenpunkt.quality.services.scope import records_in_scope

DEFAULT_STALE_MONTHS = 24


@dataclass(frozen=True)
class Completeness:
    key: str
    label: Promise
    filled: Q


def _has(model, field: str = "person") -> Q:
    return Q(Exists(model.objects.filter(**{field: OuterRef("pk")})))


PERSON_FIELDS = [
    Completeness("salutation", _("salutation"), ~Q(salutation=Person.Salutation.NONE)),
    Completeness("email", _("e-mail address"), _has(PersonEmail)),
    Completeness("phone", _("phone number"), _has(PersonPhone)),
    Completeness(
        "position",
        _("current function"),
        Q(Exists(Position.objects.current().filter(person=OuterRef("pk")))),
    ),
    Completeness("topics", _("interests"), _has(Person.topics.through)),
]

ORGANISATION_FIELDS = [
    *(
        Completeness(name, label, ~Q(**{name: ""}))
        for name, label in [
            ("legal_form", _("legal form")),
            ("size_class", _("size")),
            ("wz_code", _("sector (WZ 2008)")),
            ("street", _("street and number")),
            ("postcode", _("postcode")),
            ("city", _("city")),
            ("website", _("website")),
            ("email", _("general e-mail")),
            ("phone", _("phone")),
            ("description", _("description")),
            ("logo", _("logo")),
            ("register_number", _("register number")),
            ("vat_id", _("VAT ID")),
        ]
    ),
    Completeness("employees", _("employees"), Q(employees__isnull=False)),
    Completeness("region", _("region (district)"), Q(region__isnull=False)),
    Completeness("topics", _("topics"), _has(Organisation.topics.through, "organisation")),
]

COMPLETENESS = {"person": PERSON_FIELDS, "organisation": ORGANISATION_FIELDS}


@dataclass(frozen=True)
class FieldFigure:
    key: str
    label: str
    filled: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 100

    @property
    def missing(self) -> int:
        return self.total - self.filled


def completeness(kind: str, user) -> list[FieldFigure]:
    """Per field, how many of the records in scope have it filled (one query)."""
    fields = COMPLETENESS[kind]
    counts = records_in_scope(kind, user).aggregate(
        total=Count("pk"), **{f.key: Count("pk", filter=f.filled) for f in fields}
    )
    return [FieldFigure(f.key, str(f.label), counts[f.key], counts["total"]) for f in fields]


def stale_cutoff(months: int):
    # A month as 30.44 days: precise enough for "not touched for two years".
    return timezone.now() - timedelta(days=round(months * 30.44))


def _stale(months: int) -> Q:
    cutoff = stale_cutoff(months)
    return Q(updated_at__lt=cutoff) & (Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=cutoff))


def stale_records(kind: str, user, months: int) -> QuerySet:
    """Records neither confirmed nor updated for `months` months."""
    return records_in_scope(kind, user).filter(_stale(months))


def undeliverable_emails(user) -> QuerySet[PersonEmail]:
    return PersonEmail.objects.filter(
        person__in=visible_people(user),
        deliverability__in=[
            PersonEmail.Deliverability.INVALID,
            PersonEmail.Deliverability.BOUNCING,
        ],
    )


def people_without_position(user) -> QuerySet[Person]:
    return visible_people(user).exclude(
        Exists(Position.objects.current().filter(person=OuterRef("pk")))
    )


def missing_field(kind: str, user, key: str) -> QuerySet:
    figure = next((f for f in COMPLETENESS[kind] if f.key == key), None)
    if figure is None:
        raise KeyError(key)
    return records_in_scope(kind, user).exclude(figure.filled)


def pending_pairs_count(kind: str, user) -> int:
    """Pending duplicate pairs whose records are both in scope."""
    scope = records_in_scope(kind, user).values("pk")
    return CandidatePair.objects.filter(
        kind=kind,
        status=CandidatePair.Status.PENDING,
        record_a_id__in=scope,
        record_b_id__in=scope,
    ).count()


__all__ = [
    "DEFAULT_STALE_MONTHS",
    "completeness",
    "missing_field",
    "pending_pairs_count",
    "people_without_position",
    "stale_records",
    "undeliverable_emails",
]
