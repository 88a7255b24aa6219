"""Who a fee invoice is addressed to: the organisation as buyer, and the mailbox it goes to."""

from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Organisation, Position
from knotenpunkt.invoicing.services import Party


def admin_addresses(organisation_ids) -> dict[int, str]:
    """The primary address of one current admin per organisation, in one query: the
    fallback when an organisation has neither an invoice address nor a general one."""
    addresses: dict[int, str] = {}
    rows = (
        Position.objects.current()
        .filter(organisation_id__in=organisation_ids, is_admin=True, person__erased_at__isnull=True)
        .filter(person__emails__is_primary=True)
        .order_by("organisation_id", "pk")
        .values_list("organisation_id", "person__emails__address")
    )
    for organisation_id, address in rows:
        addresses.setdefault(organisation_id, address)
    return addresses


def invoice_address(organisation: Organisation, fallback: dict[int, str] | None = None) -> str:
    details = getattr(organisation, "billing_details", None)
    if details is not None and details.invoice_email:
        return details.invoice_email
    if organisation.email:
        return organisation.email
    if fallback is None:
        fallback = admin_addresses([organisation.pk])
    return fallback.get(organisation.pk, "")


def billing_party(organisation: Organisation, email: str) -> Party:
    details = getattr(organisation, "billing_details", None)
    return Party(
        name=organisation.name,
        street=organisation.street,
        postcode=organisation.postcode,
        city=organisation.city,
        email=email,
        vat_id=organisation.vat_id,
        leitweg_id=details.leitweg_id if details is not None else "",
    )


def address_problem(organisation: Organisation) -> str:
    """Why an invoice to the organisation would lack what §14 UStG asks (empty: nothing)."""
    if not (organisation.street and organisation.postcode and organisation.city):
        return _("The postal address is incomplete.")
    return ""
