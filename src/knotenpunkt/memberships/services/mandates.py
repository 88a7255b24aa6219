"""SEPA mandates: given online by an organisation's admin or entered by staff from paper,
amended, revoked, and expired after 36 months without a debit.

An organisation has at most one active mandate per cluster. A change never edits a
mandate: an amendment is a new row that `amends` the old one (which becomes AMENDED), so
the history shows every account the cluster was allowed to debit and since when. Every
step is audited; every bad input raises a ValidationError naming the field, before
anything is written.
"""

import re
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import DirectDebitSettings, Mandate
from knotenpunkt.memberships.services.creditor import creditor_name, creditor_settings
from knotenpunkt.memberships.services.prenotification import collection_date_for, pre_notify

# A mandate not used for 36 months lapses (SEPA Rulebook; §7 of the banks' conditions).
EXPIRY_MONTHS = 36
# What may change with an amendment; anything else needs a new mandate.
AMENDABLE = (
    "reference",
    "account_holder",
    "iban",
    "bic",
    "street",
    "postcode",
    "city",
    "country",
    "signed_by",
)
_COUNTRY = re.compile(r"[A-Z]{2}")


def active_mandate(organisation: Organisation, cluster: Cluster) -> Mandate | None:
    """The organisation's mandate that the cluster may currently debit, if any."""
    return Mandate.objects.filter(
        organisation=organisation, cluster=cluster, status=Mandate.Status.ACTIVE
    ).first()


def mandate_history(organisation: Organisation, cluster: Cluster):
    """Every mandate the organisation gave the cluster, newest first."""
    return Mandate.objects.filter(organisation=organisation, cluster=cluster).order_by(
        "-created_at", "-pk"
    )


def mandate_text(
    scheme: str, *, creditor: str, creditor_id: str, reference: str, debtor: dict | None = None
) -> str:
    """The SEPA mandate's legally required wording (CORE or B2B), with the creditor, the
    creditor identifier and the mandate reference; `debtor` adds the account lines."""
    params = {"creditor": creditor}
    b2b = scheme == Mandate.Scheme.B2B
    lines = [
        _("SEPA business-to-business direct debit mandate")
        if b2b
        else _("SEPA direct debit mandate"),
        _("Creditor: %(creditor)s") % params,
        _("Creditor identifier: %(id)s") % {"id": creditor_id},
        _("Mandate reference: %(reference)s") % {"reference": reference},
        "",
    ]
    if b2b:
        lines += [
            _(
                "We authorise %(creditor)s to collect payments from our account by direct "
                "debit. At the same time we instruct our bank to debit our account with the "
                "direct debits drawn on it by %(creditor)s."
            )
            % params,
            _(
                "Note: This mandate is only intended for business-to-business transactions. "
                "We are not entitled to a refund from our bank after the account has been "
                "debited, but we are entitled to instruct our bank not to debit the account "
                "up to the day on which the payment is due."
            ),
        ]
    else:
        lines += [
            _(
                "We authorise %(creditor)s to collect payments from our account by direct "
                "debit. At the same time we instruct our bank to honour the direct debits "
                "drawn on our account by %(creditor)s."
            )
            % params,
            _(
                "Note: We may demand a refund of the debited amount within eight weeks, "
                "starting with the debit date. The conditions agreed with our bank apply."
            ),
        ]
    if debtor:
        lines += [
            "",
            _("Account holder: %(name)s") % {"name": debtor.get("account_holder", "")},
            _("Address: %(street)s, %(postcode)s %(city)s, %(country)s") % debtor,
            _("IBAN: %(iban)s") % {"iban": debtor.get("iban", "")},
        ]
        if debtor.get("bic"):
            lines.append(_("BIC: %(bic)s") % {"bic": debtor["bic"]})
    return "\n".join(lines)


def next_mandate_reference(cluster: Cluster, organisation: Organisation) -> str:
    """A reference not yet used in the cluster: prefix (the settings' mandate prefix or
    the cluster's slug), the organisation's id and a counter; at most 35 characters of
    the EPC character set."""
    debit_settings = DirectDebitSettings.objects.filter(cluster=cluster).first()
    prefix = (debit_settings.mandate_prefix if debit_settings else "") or cluster.slug.upper()
    prefix = re.sub(r"[^A-Z0-9+?\-:().,']", "", prefix.upper())[:10] or "M"
    used = set(Mandate.objects.filter(cluster=cluster).values_list("reference", flat=True))
    counter = Mandate.objects.filter(cluster=cluster, organisation=organisation).count() + 1
    while True:
        reference = f"{prefix}-{organisation.pk}-{counter}"[:35]
        if reference not in used:
            return reference
        counter += 1


def _compact(data: dict) -> dict:
    """Normalise what the debtor typed: IBAN and BIC without spaces and in capitals,
    trimmed texts, the country code in capitals."""
    cleaned = {
        key: value.strip() if isinstance(value, str) else value for key, value in data.items()
    }
    if cleaned.get("iban"):
        cleaned["iban"] = stdnum_iban.compact(cleaned["iban"])
    if cleaned.get("bic"):
        cleaned["bic"] = stdnum_bic.compact(cleaned["bic"])
    if cleaned.get("country"):
        cleaned["country"] = cleaned["country"].upper()
    return cleaned


def _check(mandate: Mandate) -> None:
    """Every field of the (unsaved) mandate, the errors keyed by field."""
    errors = {}
    try:
        mandate.full_clean(exclude=["amends", "captured_by"], validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    if mandate.country and not _COUNTRY.fullmatch(mandate.country):
        errors.setdefault("country", []).append(
            _("Give the country as its two-letter code, e.g. DE.")
        )
    if mandate.signed_on and mandate.signed_on > timezone.localdate():
        errors.setdefault("signed_on", []).append(
            _("The date of signature cannot lie in the future.")
        )
    if errors:
        raise ValidationError(errors)
    taken = Mandate.objects.filter(cluster=mandate.cluster, reference=mandate.reference).exclude(
        status=Mandate.Status.AMENDED
    )
    if mandate.amends_id:
        taken = taken.exclude(pk=mandate.amends_id)
    if taken.exists():
        raise ValidationError(
            {
                "reference": _(
                    "The mandate reference %(reference)s is already used in this cluster."
                )
                % {"reference": mandate.reference}
            }
        )


def _refuse_second_active(organisation: Organisation, cluster: Cluster) -> None:
    current = active_mandate(organisation, cluster)
    if current is not None:
        raise ValidationError(
            _(
                "%(organisation)s already has an active mandate for %(cluster)s (reference "
                "%(reference)s). Amend or revoke it instead of giving a second one."
            ),
            params={"organisation": organisation, "cluster": cluster, "reference": current},
            code="second_active_mandate",
        )


def _save_new(mandate: Mandate) -> Mandate:
    try:
        with transaction.atomic():
            mandate.save()
    except IntegrityError:
        # A concurrent request stored the organisation's mandate first.
        _refuse_second_active(mandate.organisation, mandate.cluster)
        raise
    return mandate


def _require_membership(organisation: Organisation, cluster: Cluster) -> None:
    if not Membership.objects.filter(organisation=organisation, cluster=cluster).exists():
        raise ValidationError(
            _("%(organisation)s is not a member of %(cluster)s."),
            params={"organisation": organisation, "cluster": cluster},
        )


def _create(
    actor,
    organisation: Organisation,
    cluster: Cluster,
    *,
    source: str,
    signed_on: date,
    details: dict,
) -> Mandate:
    debit_settings = creditor_settings(cluster)
    _require_membership(organisation, cluster)
    _refuse_second_active(organisation, cluster)
    details = _compact(details)
    reference = details.pop("reference", "") or next_mandate_reference(cluster, organisation)
    mandate = Mandate(
        cluster=cluster,
        organisation=organisation,
        reference=reference,
        signed_on=signed_on,
        source=source,
        captured_by=actor if getattr(actor, "is_authenticated", False) else None,
        **details,
    )
    _check(mandate)
    mandate.text = mandate_text(
        mandate.scheme,
        creditor=creditor_name(cluster, debit_settings),
        creditor_id=debit_settings.creditor_id,
        reference=mandate.reference,
        debtor=details,
    )
    _save_new(mandate)
    log_action(
        actor,
        "memberships.mandate.given",
        mandate,
        organisation=organisation.name,
        cluster=cluster.name,
        reference=mandate.reference,
        scheme=mandate.scheme,
        source=source,
        iban=mandate.iban,
        signed_on=signed_on.isoformat(),
        text=mandate.text,
    )
    _announce_open_invoices(mandate)
    return mandate


@transaction.atomic
def give_mandate_online(
    user,
    organisation: Organisation,
    cluster: Cluster,
    *,
    account_holder: str,
    iban: str,
    bic: str = "",
    street: str,
    postcode: str,
    city: str,
    country: str = "DE",
    scheme: str = Mandate.Scheme.CORE,
    signed_by: str,
) -> Mandate:
    """The organisation's admin gives the cluster a mandate online, signed today; the
    mandate text shown before signing is stored with it."""
    if not user.has_perm("memberships.give_mandate", organisation):
        raise PermissionDenied
    return _create(
        user,
        organisation,
        cluster,
        source=Mandate.Source.ONLINE,
        signed_on=timezone.localdate(),
        details={
            "account_holder": account_holder,
            "iban": iban,
            "bic": bic,
            "street": street,
            "postcode": postcode,
            "city": city,
            "country": country,
            "scheme": scheme,
            "signed_by": signed_by,
        },
    )


@transaction.atomic
def enter_paper_mandate(
    staff,
    organisation: Organisation,
    cluster: Cluster,
    *,
    signed_on: date,
    account_holder: str,
    iban: str,
    bic: str = "",
    street: str,
    postcode: str,
    city: str,
    country: str = "DE",
    scheme: str = Mandate.Scheme.CORE,
    signed_by: str,
    reference: str = "",
) -> Mandate:
    """Staff enter a mandate signed on paper (the paper stays in the cluster's files); an
    empty reference takes the next free one."""
    return _create(
        staff,
        organisation,
        cluster,
        source=Mandate.Source.PAPER,
        signed_on=signed_on,
        details={
            "account_holder": account_holder,
            "iban": iban,
            "bic": bic,
            "street": street,
            "postcode": postcode,
            "city": city,
            "country": country,
            "scheme": scheme,
            "signed_by": signed_by,
            "reference": reference,
        },
    )


@transaction.atomic
def amend_mandate(actor, mandate: Mandate, **changes) -> Mandate:
    """Replace an active mandate by an amended copy (new account, address, reference …):
    the old one becomes AMENDED, the new one `amends` it and keeps its reference unless
    the change names a new one."""
    old = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if old.status != Mandate.Status.ACTIVE:
        raise ValidationError(
            _("Mandate %(reference)s is %(status)s and cannot be amended."),
            params={"reference": old.reference, "status": old.get_status_display()},
        )
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise ValidationError(
            _("These details cannot be amended: %(fields)s."),
            params={"fields": ", ".join(sorted(unknown))},
        )
    changes = {key: value for key, value in _compact(changes).items() if value is not None}
    changed = {key: value for key, value in changes.items() if getattr(old, key) != value}
    if not changed:
        raise ValidationError(_("Nothing was changed."), code="nothing_changed")
    new = Mandate(
        cluster=old.cluster,
        organisation=old.organisation,
        reference=old.reference,
        scheme=old.scheme,
        account_holder=old.account_holder,
        iban=old.iban,
        bic=old.bic,
        street=old.street,
        postcode=old.postcode,
        city=old.city,
        country=old.country,
        signed_on=old.signed_on,
        signed_by=old.signed_by,
        source=old.source,
        last_collected_on=old.last_collected_on,
        text=old.text,
        amends=old,
        captured_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for key, value in changed.items():
        setattr(new, key, value)
    _check(new)
    old.status = Mandate.Status.AMENDED
    old.ended_on = timezone.localdate()
    old.save(update_fields=["status", "ended_on"])
    new.save()
    log_action(
        actor,
        "memberships.mandate.amended",
        new,
        reference=new.reference,
        amends=old.reference,
        changes={key: [str(getattr(old, key)), str(value)] for key, value in changed.items()},
    )
    _announce_open_invoices(new)
    return new


@transaction.atomic
def revoke_mandate(actor, mandate: Mandate, reason: str, on: date | None = None) -> Mandate:
    """End an active mandate: the debtor (or staff on their word) revoked it on `on`."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.status != Mandate.Status.ACTIVE:
        raise ValidationError(
            _("Mandate %(reference)s is %(status)s and cannot be revoked."),
            params={"reference": mandate.reference, "status": mandate.get_status_display()},
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The revocation date cannot lie in the future.")})
    if on < mandate.signed_on:
        raise ValidationError(
            {"on": _("The revocation date cannot lie before the date of signature.")}
        )
    mandate.status = Mandate.Status.REVOKED
    mandate.ended_on = on
    mandate.end_reason = reason[:300]
    mandate.save(update_fields=["status", "ended_on", "end_reason"])
    log_action(
        actor,
        "memberships.mandate.revoked",
        mandate,
        reference=mandate.reference,
        on=on.isoformat(),
        reason=reason,
    )
    return mandate


def expire_unused_mandates(today: date | None = None) -> int:
    """Mark EXPIRED every active mandate unused for 36 months (since its last debit, or
    since it was signed when it never was); returns how many."""
    today = today or timezone.localdate()
    limit = today - relativedelta(months=EXPIRY_MONTHS)
    unused = Q(last_collected_on__lte=limit) | Q(
        last_collected_on__isnull=True, signed_on__lte=limit
    )
    expired = 0
    for mandate in Mandate.objects.filter(unused, status=Mandate.Status.ACTIVE):
        with transaction.atomic():
            updated = Mandate.objects.filter(pk=mandate.pk, status=Mandate.Status.ACTIVE).update(
                status=Mandate.Status.EXPIRED,
                ended_on=today,
                end_reason=_("Unused for %(months)s months (last used %(date)s).")
                % {
                    "months": EXPIRY_MONTHS,
                    "date": date_format(
                        mandate.last_collected_on or mandate.signed_on, "SHORT_DATE_FORMAT"
                    ),
                },
            )
            if updated:
                expired += 1
                log_action(
                    None,
                    "memberships.mandate.expired",
                    mandate,
                    reference=mandate.reference,
                    last_used=(mandate.last_collected_on or mandate.signed_on).isoformat(),
                )
    return expired


def _announce_open_invoices(mandate: Mandate) -> None:
    """Pre-notify the organisation's open fee invoices of the cluster that are not yet
    announced or submitted, now that a mandate allows collecting them."""
    today = timezone.localdate()
    open_invoices = (
        Invoice.objects.filter(
            cluster=mandate.cluster,
            organisation=mandate.organisation,
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            fee_charge__isnull=False,
        )
        .exclude(debit_pre_notifications__collection_date__gte=today)
        .exclude(direct_debits__status="submitted")
        .distinct()
    )
    for invoice in open_invoices:
        pre_notify(invoice, mandate, collection_date_for(invoice, today))
