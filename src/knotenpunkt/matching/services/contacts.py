"""The contact flow: a provider expresses interest, the author accepts or declines.

On acceptance both sides get each other's contact details (by mail and on the need's
page), and an anonymous need reveals its author to that provider, and only to it. The
cluster records the step in the audit log; its staff read the pipeline from the rows.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.matching.models import Contact, Need, Suggestion
from knotenpunkt.matching.services.needs import viewer_for
from knotenpunkt.outbox.services import queue_mail

register_action("matching.contact.interested", _("Interest in a need expressed"))
register_action("matching.contact.accepted", _("Contact accepted"))
register_action("matching.contact.declined", _("Contact declined"))
register_action("matching.contact.cooperation", _("Cooperation started"))


@dataclass(frozen=True)
class ContactDetails:
    organisation: str
    name: str
    email: str
    phone: str


def _email(person: Person) -> str:
    return person.primary_email or (person.user.email if person.user_id else "")


def _phone(person: Person) -> str:
    phone = person.phones.first()
    return phone.number.as_international if phone and phone.number else ""


def _admins(organisation: Organisation) -> list[Person]:
    positions = (
        Position.objects.current()
        .filter(organisation=organisation, is_admin=True, person__erased_at__isnull=True)
        .select_related("person__user")
        .order_by("pk")
    )
    return list(dict.fromkeys(p.person for p in positions))


def author_contact_person(need: Need) -> Person | None:
    """Who speaks for the need: its author, or the organisation's first admin."""
    if need.author is not None and need.author.erased_at is None:
        return need.author
    admins = _admins(need.organisation)
    return admins[0] if admins else None


def details(organisation: Organisation, person: Person | None) -> ContactDetails:
    """Name, e-mail and phone of one side; the organisation's own where the person has none."""
    office_phone = organisation.phone.as_international if organisation.phone else ""
    if person is None:
        return ContactDetails(str(organisation), "", organisation.email, office_phone)
    return ContactDetails(
        str(organisation),
        person.full_name,
        _email(person) or organisation.email,
        _phone(person) or office_phone,
    )


def express_interest(user, need: Need, provider: Organisation, message: str = "") -> Contact:
    """Record a provider's interest and tell the author's contact person by mail."""
    viewer = viewer_for(user)
    if provider.pk not in viewer.organisation_ids or not viewer.may_offer_help(need):
        raise ValidationError(_gettext("You cannot express interest in this need."))
    if provider.pk == need.organisation_id:
        raise ValidationError(_gettext("This is your own organisation's need."))
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                need=need, provider=provider, person=viewer.person, message=message
            )
            log_action(user, "matching.contact.interested", need, provider=provider.pk)
            recipient = author_contact_person(need)
            address = _email(recipient) if recipient else need.organisation.email
            if address:
                queue_mail(
                    "matching_contact_interest",
                    address,
                    {
                        "need": need,
                        "recipient": recipient,
                        "provider": provider,
                        "provider_person": viewer.person,
                        "message": message,
                    },
                )
    except IntegrityError:
        raise ValidationError(
            _gettext("Your organisation has already expressed interest in this need.")
        ) from None
    return contact


def _locked(contact: Contact) -> Contact:
    return (
        Contact.objects.select_for_update(of=("self",))
        .select_related("need__organisation", "need__author", "provider", "person__user")
        .get(pk=contact.pk)
    )


def _teach_engine(contact: Contact, fitting: bool) -> None:
    """An accepted or declined contact with a suggested provider is feedback on it."""
    suggestion = Suggestion.objects.filter(need=contact.need, provider=contact.provider).first()
    if suggestion is not None:
        from knotenpunkt.matching.services.ranking import record_feedback

        record_feedback(suggestion, fitting)


def accept_contact(user, contact: Contact) -> Contact:
    """The author accepts: both sides get each other's contact details by mail."""
    with transaction.atomic():
        contact = _locked(contact)
        if contact.status != Contact.Status.INTERESTED:
            raise ValidationError(_gettext("This contact has already been decided."))
        contact.status = Contact.Status.ACCEPTED
        contact.decided_at = timezone.now()
        contact.save(update_fields=["status", "decided_at"])
        need = contact.need
        log_action(user, "matching.contact.accepted", need, provider=contact.provider_id)
        _teach_engine(contact, True)
        author_person = author_contact_person(need)
        author = details(need.organisation, author_person)
        provider = details(contact.provider, contact.person)
        for recipient, other in ((author, provider), (provider, author)):
            if recipient.email:
                queue_mail(
                    "matching_contact_accepted",
                    recipient.email,
                    {"need": need, "recipient": recipient, "other": other},
                )
    return contact


def decline_contact(user, contact: Contact) -> Contact:
    """The author declines: the provider is told politely, without the author's name if
    the need is anonymous."""
    with transaction.atomic():
        contact = _locked(contact)
        if contact.status != Contact.Status.INTERESTED:
            raise ValidationError(_gettext("This contact has already been decided."))
        contact.status = Contact.Status.DECLINED
        contact.decided_at = timezone.now()
        contact.save(update_fields=["status", "decided_at"])
        need = contact.need
        log_action(user, "matching.contact.declined", need, provider=contact.provider_id)
        _teach_engine(contact, False)
        provider = details(contact.provider, contact.person)
        if provider.email:
            queue_mail(
                "matching_contact_declined",
                provider.email,
                {
                    "need": need,
                    "recipient": provider,
                    "author_hidden": need.visibility == Need.Visibility.ANONYMOUS,
                },
            )
    return contact


def mark_cooperation(user, contact: Contact) -> Contact:
    """Either side (or the staff) records that the contact turned into a cooperation."""
    with transaction.atomic():
        contact = _locked(contact)
        if contact.status != Contact.Status.ACCEPTED:
            raise ValidationError(_gettext("Only an accepted contact can become a cooperation."))
        contact.status = Contact.Status.COOPERATION
        contact.save(update_fields=["status"])
        log_action(user, "matching.contact.cooperation", contact.need, provider=contact.provider_id)
    return contact


def contacts_for_page(user, need: Need) -> list[Contact]:
    """The contacts a viewer of the need's page may see: all for the author's side and the
    staff, their own organisation's for a provider."""
    viewer = viewer_for(user)
    contacts = need.contacts.select_related("provider", "person__user").prefetch_related(
        "person__emails", "person__phones"
    )
    if not viewer.speaks_for(need):
        contacts = contacts.filter(provider_id__in=viewer.organisation_ids)
    return list(contacts)
