"""Operations on people: their own data, e-mail addresses and phone numbers."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Person, PersonEmail
from knotenpunkt.directory.services.changes import people_saved


@transaction.atomic
def create_person(actor, *, emails=(), phones=(), via: str = "", **fields) -> Person:
    """Create a person with optional e-mail addresses (first one primary) and phones
    (`via`: the API token it came through, named in the audit entry)."""
    person = Person(**fields)
    person.full_clean()
    person.save()
    for i, address in enumerate(emails):
        person.emails.create(address=address.strip().lower(), is_primary=(i == 0))
    for number in phones:
        person.phones.create(number=number)
    people_saved([person.pk])
    log_action(actor, "directory.person.created", person, **({"via": via} if via else {}))
    return person


@transaction.atomic
def save_person(actor, form, formsets=()) -> Person:
    """Save a validated person form with its e-mail/phone formsets and audit the change."""
    person = form.instance
    fields = list(form._meta.fields)
    before = snapshot(Person.objects.get(pk=person.pk), fields) if person.pk else {}
    before_contacts = _contact_snapshot(person) if person.pk else {}
    # Saving one's own data confirms it (the data-quality dashboard's stale records).
    person.confirmed_at = timezone.now()
    person = form.save()
    for formset in formsets:
        formset.instance = person
        formset.save()
    _ensure_one_primary_email(person)
    people_saved([person.pk])
    changes = changes_between(before, snapshot(person, fields))
    changes.update(changes_between(before_contacts, _contact_snapshot(person)))
    if changes:
        log_action(actor, "directory.person.changed", person, changes=changes)
    return person


def people_known_by_email(address: str) -> QuerySet[Person]:
    """The people an address identifies: only through an address that may identify its
    person (PersonEmail.objects.identifying: confirmed by its owner, or on a record
    without a login). Reusing a person when adding a colleague, inviting to a group,
    subscribing and importing all look people up here, so an address someone typed into
    their own profile grants them nothing."""
    identifying = PersonEmail.objects.identifying().filter(address__iexact=address.strip())
    return Person.objects.filter(
        erased_at__isnull=True, pk__in=identifying.values("person_id")
    ).order_by("pk")


def unconfirmed_addresses(person: Person) -> QuerySet[PersonEmail]:
    return person.emails.filter(confirmed_at__isnull=True)


@transaction.atomic
def confirm_address(actor, email: PersonEmail) -> bool:
    """Record that the owner of `email` confirmed it; False when it was confirmed already."""
    updated = PersonEmail.objects.filter(pk=email.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    if updated:
        # The address now identifies its person: the duplicate keys learn it.
        people_saved([email.person_id])
        log_action(actor, "directory.person.email_confirmed", email.person)
    return bool(updated)


@transaction.atomic
def hide_from_public_pages(actor, person: Person) -> bool:
    """Take a person off their organisations' public pages (the consent to be shown there
    was withdrawn); False when they were not shown."""
    updated = Person.objects.filter(pk=person.pk, is_public=True).update(is_public=False)
    person.is_public = False
    if updated:
        people_saved([person.pk])
        log_action(
            actor, "directory.person.changed", person, changes={"is_public": ["True", "False"]}
        )
    return bool(updated)


def _contact_snapshot(person: Person) -> dict[str, str]:
    return {
        "emails": ", ".join(sorted(e.address for e in person.emails.all())),
        "phones": ", ".join(sorted(str(p.number) for p in person.phones.all())),
    }


def _ensure_one_primary_email(person: Person) -> None:
    emails = list(person.emails.order_by("-is_primary", "pk"))
    if not emails:
        return
    person.emails.exclude(pk=emails[0].pk).filter(is_primary=True).update(is_primary=False)
    if not emails[0].is_primary:
        person.emails.filter(pk=emails[0].pk).update(is_primary=True)


def person_for_user(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()
