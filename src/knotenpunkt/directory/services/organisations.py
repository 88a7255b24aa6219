"""Operations on organisations and the people who work there."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.directory.services.abbreviations import fold
from knotenpunkt.directory.services.changes import organisations_saved


def organisation_slug(name: str) -> str:
    """The address part for a name; umlauts spelled out ("Fördewerk" → "foerdewerk")."""
    return slugify(fold(name))[:200]


@transaction.atomic
def save_organisation_profile(actor, form, *, via: str = "") -> Organisation:
    """Save a validated profile form and audit what changed (`via`: the API token it
    came through, named in the audit entry)."""
    org = form.instance
    fields = list(form._meta.fields)
    before = snapshot(Organisation.objects.get(pk=org.pk), fields) if org.pk else {}
    # Saving the profile confirms it (the data-quality dashboard's stale records).
    org.confirmed_at = timezone.now()
    org = form.save()
    changes = changes_between(before, snapshot(org, fields))
    organisations_saved([org.pk])
    if changes:
        extra = {"via": via} if via else {}
        log_action(actor, "directory.organisation.changed", org, changes=changes, **extra)
    return org


@transaction.atomic
def add_position(
    actor, organisation: Organisation, person: Person, *, via: str = "", **fields
) -> Position:
    """Record that a person works at an organisation in a function (`via`: the API token
    it came through)."""
    position = Position(person=person, organisation=organisation, **fields)
    position.full_clean()
    position.save()
    log_action(
        actor,
        "directory.position.added",
        person,
        organisation=organisation.name,
        function=position.function,
        **({"via": via} if via else {}),
    )
    return position


@transaction.atomic
def end_position(actor, position: Position) -> Position:
    """A person left an organisation: the function ends today, its history stays."""
    position.end_date = timezone.localdate()
    position.is_admin = False
    position.save(update_fields=["end_date", "is_admin"])
    log_action(
        actor,
        "directory.position.ended",
        position.person,
        organisation=position.organisation.name,
        function=position.function,
    )
    return position


def public_people(organisation: Organisation):
    """People shown on the public organisation page: only those who chose to be public."""
    return (
        organisation.positions.current()
        .filter(person__is_public=True, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


@transaction.atomic
def save_position(actor, form, *, via: str = "") -> Position:
    """Save a changed function (title, admin right) and audit the change (`via`: the API
    token it came through)."""
    fields = ["function", "job_title", "is_admin"]
    before = snapshot(Position.objects.get(pk=form.instance.pk), fields)
    position = form.save()
    changes = changes_between(before, snapshot(position, fields))
    if changes:
        log_action(
            actor,
            "directory.position.changed",
            position.person,
            organisation=position.organisation.name,
            changes=changes,
            **({"via": via} if via else {}),
        )
    return position


@transaction.atomic
def add_colleague(
    actor,
    organisation: Organisation,
    *,
    email: str,
    function: str,
    job_title: str = "",
    is_admin: bool = False,
    phone=None,
    via: str = "",
    **person_fields,
) -> Person:
    """Add a person to an organisation; a person the e-mail address identifies is reused
    rather than created twice (never through an address its owner has not confirmed)."""
    from knotenpunkt.directory.services.people import create_person, people_known_by_email

    person = people_known_by_email(email).first()
    if person is None:
        person = create_person(
            actor, emails=[email], phones=[phone] if phone else [], via=via, **person_fields
        )
    existing = organisation.positions.current().filter(person=person, function=function).first()
    if existing:
        return person
    add_position(
        actor,
        organisation,
        person,
        function=function,
        job_title=job_title,
        is_admin=is_admin,
        start_date=timezone.localdate(),
        via=via,
    )
    return person


# --- who hears about an organisation's business ---


def contact_addresses(organisation: Organisation) -> list[str]:
    """Where mail to an organisation goes: its admins' addresses, else those of its
    people, else its general address. Erased people are never written to."""
    positions = list(
        Position.objects.current()
        .filter(organisation=organisation, person__erased_at__isnull=True)
        .select_related("person__user")
        .prefetch_related("person__emails")
        .order_by("-is_admin", "pk")
    )
    speakers = [p for p in positions if p.is_admin] or positions
    addresses = []
    for position in speakers:
        person = position.person
        address = person.primary_email or (person.user.email if person.user_id else "")
        if address and address not in addresses:
            addresses.append(address)
    if not addresses and organisation.email:
        addresses.append(organisation.email)
    return addresses


def staff_addresses(organisation: Organisation) -> list[str]:
    """The cluster staff who look after `organisation` (all of them for a non-member),
    mirroring the permission rule `is_staff_for_organisation`."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(staffed_clusters__isnull=False, is_active=True)
    clusters = organisation.memberships.values("cluster")
    if clusters.exists():
        users = users.filter(staffed_clusters__in=clusters)
    return list(
        dict.fromkeys(users.exclude(email="").order_by("pk").values_list("email", flat=True))
    )
