"""Quote requests (Angebotsanfragen): draft with the advisor's result, invite providers,
send with a deadline, collect sealed quotes, award one of them as an order.

The advice is computed when the draft is created or changed and once more when it is
sent (thresholds are data and may have changed); what was sent is what the
documentation file shows. Sending is possible only for the procedures a quote request
is the right tool for: a direct award and a negotiated award / restricted tender
without competition.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.services.organisations import contact_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models import Procedure
from knotenpunkt.procurement.models.catalogue import Offering, OfferingVersion
from knotenpunkt.procurement.models.orders import Order
from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.services import rotation, splitting
from knotenpunkt.procurement.services.advisor import AdviceError, advise
from knotenpunkt.procurement.services.orders import record_order
from knotenpunkt.procurement.services.roles import organisation_ids
from knotenpunkt.procurement.services.rotation import Proposal, ProposalPlan

SENDABLE = (Procedure.DA, Procedure.VV_BA_OTW)
MIN_NOTICE = datetime.timedelta(days=1)
# Where the duty to ask several firms comes from, for the message that says how many.
MIN_OFFERS_SOURCE = {
    Procedure.DA: "§ 14 UVgO",
    Procedure.VV_BA_OTW: "§ 11 Abs. 2, § 12 Abs. 2 UVgO",
}
INPUT_FIELDS = (
    "one_off_value",
    "monthly_value",
    "term_months",
    "option_months",
    "option_value",
)


# --- the draft and its advice ---


def _advice_for(request: QuoteRequest, day: datetime.date):
    buyer = request.buyer
    return advise(
        buyer.jurisdiction,
        buyer.authority_kind,
        request.procurement_category,
        value=request.one_off_value,
        monthly=request.monthly_value,
        term_months=request.term_months,
        option_months=request.option_months,
        option_value=request.option_value,
        related_value=request.related_value,
        date=day,
    )


def _compute_advice(request: QuoteRequest, today: datetime.date | None) -> None:
    """Fill the advisor's result into the (unsaved) request; AdviceError → ValidationError."""
    day = today or timezone.localdate()
    related = list(splitting.related_orders(request.buyer, request.offering_category, day))
    request.related_value = splitting.total_value(related)
    try:
        advice = _advice_for(request, day)
        # The documentation file is always German (§ 6 UVgO record of a German
        # authority); the advisor's texts are rendered once more in German for it,
        # unless they already are.
        if (translation.get_language() or "").startswith("de"):
            german = advice.as_json()
        else:
            with translation.override("de"):
                german = _advice_for(request, day).as_json()
    except AdviceError as error:
        raise ValidationError(str(error)) from None
    request.estimated_value = advice.estimated_value
    request.procedure = advice.procedure
    request.min_offers = advice.min_offers
    if request.min_offers is None and advice.procedure == Procedure.DA:
        request.min_offers = 1
    data = advice.as_json()
    data["date"] = day.isoformat()
    data["related_orders"] = [
        {
            "title": order.title,
            "provider": str(order.provider),
            "date": order.ordered_on.isoformat(),
            "value": str(order.net_value),
        }
        for order in related
    ]
    data["de"] = german
    request.advice = data


def create_request(
    actor,
    buyer,
    *,
    title,
    need,
    offering_category,
    procurement_category,
    one_off_value=None,
    monthly_value=None,
    term_months=None,
    option_months=None,
    option_value=None,
    today=None,
) -> QuoteRequest:
    """A draft quote request of `buyer` with the advisor's result for its values."""
    if not buyer.is_verified:
        raise ValidationError(_("Only a verified public administration can request quotes."))
    request = QuoteRequest(
        buyer=buyer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=title,
        need=need,
        offering_category=offering_category,
        procurement_category=procurement_category,
        one_off_value=one_off_value,
        monthly_value=monthly_value,
        term_months=term_months,
        option_months=option_months,
        option_value=option_value,
    )
    _compute_advice(request, today)
    request.full_clean(exclude=["created_by", "estimated_value", "min_offers", "advice"])
    request.save()
    log_action(actor, "procurement.request.created", request, procedure=request.procedure)
    return request


def update_request(actor, request: QuoteRequest, data: dict, *, today=None) -> QuoteRequest:
    """Change a draft's subject, need or values and compute the advice again."""
    _require_draft(request)
    for name, value in data.items():
        setattr(request, name, value)
    _compute_advice(request, today)
    request.full_clean(exclude=["created_by", "estimated_value", "min_offers", "advice"])
    request.save()
    log_action(actor, "procurement.request.edited", request, procedure=request.procedure)
    return request


def _require_draft(request: QuoteRequest) -> None:
    if request.status != QuoteRequest.Status.DRAFT:
        raise ValidationError(_("This request has been sent already and can no longer change."))


def send_refusal(request: QuoteRequest) -> str | None:
    """Why this request cannot be sent as a quote request, or None if it can."""
    procedure = request.procedure
    if procedure in SENDABLE:
        return None
    if procedure == Procedure.EU:
        return _(
            "The estimated value reaches the EU threshold: an EU-wide procedure is needed "
            "(contract notice, e-procurement, standstill). This platform cannot run it; use "
            "your e-procurement platform (Vergabeplattform)."
        )
    if procedure == Procedure.NAT:
        return _(
            "The estimated value needs a public tender or a restricted tender with competition "
            "(§ 8 Abs. 2 UVgO), published in advance. A quote request is not such a tender; "
            "use your e-procurement platform (Vergabeplattform)."
        )
    if procedure == Procedure.CALL_OFF:
        return _(
            "You are entitled to call off from a framework agreement: order from the framework "
            "agreement instead of asking for quotes."
        )
    if procedure == Procedure.NOT_ALLOWED:
        return _("The advisor found this purchase not allowed in this form: %(warnings)s") % {
            "warnings": " ".join(request.advice.get("warnings", []))
        }
    if procedure == Procedure.OUT_OF_SCOPE:
        return _(
            "Construction works are out of scope: they are awarded under VOB/A, "
            "not through this platform."
        )
    return _("No procedure has been determined for this request.")


# --- invitations ---


def listed_offerings(request: QuoteRequest, query: str = ""):
    """Listed offerings a buyer may add to the request, of its kind first; `query` filters
    by name, summary or provider."""
    versions = (
        OfferingVersion.objects.filter(
            status=OfferingVersion.Status.PUBLISHED,
            offering__published=F("pk"),
            offering__withdrawn_at__isnull=True,
        )
        .exclude(offering__provider_id=request.buyer.organisation_id)
        .select_related("offering__provider")
    )
    query = query.strip()
    if query:
        versions = versions.filter(
            Q(name__icontains=query)
            | Q(summary__icontains=query)
            | Q(offering__provider__name__icontains=query)
        )
    else:
        versions = versions.filter(category=request.offering_category)
    return versions.order_by("name")


def add_offering(request: QuoteRequest, offering_version: OfferingVersion) -> QuoteInvitation:
    """Invite the provider of a listed offering the administration chose itself."""
    _require_draft(request)
    offering = Offering.objects.select_related("provider", "published").get(
        pk=offering_version.offering_id
    )
    if not offering.is_listed:
        raise ValidationError(
            _("“%(name)s” is not listed in the catalogue (any more).")
            % {"name": offering_version.name}
        )
    provider = offering.provider
    if provider.pk == request.buyer.organisation_id:
        raise ValidationError(_("Your own organisation cannot be asked for a quote."))
    # What the buyer sees is the published version; a superseded one is not offered any more.
    version = offering.published
    return _invite(
        request,
        provider,
        version,
        QuoteInvitation.Origin.CHOSEN,
        _("chosen by the administration from the catalogue: %(name)s") % {"name": version.name},
    )


def _invite(request, provider, version, origin, reason) -> QuoteInvitation:
    if request.invitations.filter(provider=provider).exists():
        raise ValidationError(
            _("%(provider)s is already invited to this request.") % {"provider": provider}
        )
    try:
        with transaction.atomic():
            return QuoteInvitation.objects.create(
                request=request,
                provider=provider,
                offering_version=version,
                origin=origin,
                reason=reason,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(provider)s is already invited to this request.") % {"provider": provider}
        ) from None


def propose_providers(
    request: QuoteRequest, *, limit=5, today=None, related=False
) -> list[Proposal]:
    """Providers the platform proposes, rotating so the same firms are not always asked;
    with `related`, also those with a related offering of another kind."""
    return rotation.propose(request, limit=limit, today=today, related=related)


def proposal_plan(request: QuoteRequest, *, today=None) -> ProposalPlan:
    """The best-fitting listed providers, as many as the procedure still needs and a few
    more, and how far they fall short of the number of offers required."""
    return rotation.plan(request, today=today)


def add_proposals(request: QuoteRequest, proposals: list[Proposal]) -> list[QuoteInvitation]:
    """Invite the proposed providers the buyer ticked; each keeps its reason."""
    _require_draft(request)
    invited = set(request.invitations.values_list("provider_id", flat=True))
    invitations = []
    for proposal in proposals:
        if proposal.provider.pk in invited:
            continue
        invitations.append(
            _invite(
                request,
                proposal.provider,
                proposal.offering_version,
                QuoteInvitation.Origin.PROPOSED,
                proposal.reason,
            )
        )
        invited.add(proposal.provider.pk)
    return invitations


def remove_invitation(request: QuoteRequest, invitation: QuoteInvitation) -> None:
    _require_draft(request)
    if invitation.request_id != request.pk:
        raise ValidationError(_("This invitation belongs to another request."))
    invitation.delete()


# --- sending ---


def _locked(request: QuoteRequest) -> QuoteRequest:
    return (
        QuoteRequest.objects.select_for_update(of=("self",))
        .select_related("buyer__organisation")
        .get(pk=request.pk)
    )


def _copy_state(target: QuoteRequest, source: QuoteRequest) -> None:
    """Let the caller's object show what the locked row now holds."""
    for field in QuoteRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def check_deadline(deadline: datetime.datetime, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    earliest = now + MIN_NOTICE
    if deadline < earliest:
        raise ValidationError(
            _(
                "The deadline must be at least one full day ahead (%(earliest)s or later): "
                "providers need time to prepare a quote."
            )
            % {
                "earliest": formats.date_format(
                    timezone.localtime(earliest), "SHORT_DATETIME_FORMAT"
                )
            },
            code="deadline",
        )


def check_min_offers(request: QuoteRequest, chosen: int) -> None:
    needed = request.min_offers or 1
    if chosen >= needed:
        return
    missing = needed - chosen
    raise ValidationError(
        ngettext(
            "%(procedure)s needs at least %(needed)s offer (%(source)s); %(chosen)s firms "
            "chosen – add %(missing)s more or let the platform propose.",
            "%(procedure)s needs at least %(needed)s offers (%(source)s); %(chosen)s firms "
            "chosen – add %(missing)s more or let the platform propose.",
            needed,
        )
        % {
            "procedure": request.get_procedure_display(),
            "needed": needed,
            "source": MIN_OFFERS_SOURCE.get(request.procedure, "UVgO"),
            "chosen": chosen,
            "missing": missing,
        },
        code="min_offers",
    )


def send_request(actor, request: QuoteRequest, *, deadline) -> None:
    """Send the request to every invited provider with a deadline for quotes."""
    check_deadline(deadline)
    with transaction.atomic():
        locked = _locked(request)
        _require_draft(locked)
        # Thresholds or related orders may have changed since the draft was written.
        _compute_advice(locked, None)
        locked.save(
            update_fields=["related_value", "estimated_value", "procedure", "min_offers", "advice"]
        )
        refusal = send_refusal(locked)
        if refusal:
            raise ValidationError(refusal, code="procedure")
        invitations = list(locked.invitations.select_related("provider", "offering_version"))
        check_min_offers(locked, len(invitations))
        now = timezone.now()
        locked.status = QuoteRequest.Status.SENT
        locked.sent_at = now
        locked.deadline = deadline
        locked.save(update_fields=["status", "sent_at", "deadline"])
        locked.invitations.update(sent_at=now)
        for invitation in invitations:
            invitation.sent_at = now
            for address in contact_addresses(invitation.provider):
                queue_mail(
                    "procurement_quote_invitation",
                    address,
                    {"request": locked, "invitation": invitation, "buyer": locked.buyer},
                )
        log_action(
            actor,
            "procurement.request.sent",
            locked,
            procedure=locked.procedure,
            invitations=len(invitations),
            deadline=deadline.isoformat(),
        )
    _copy_state(request, locked)


# --- the providers' side ---


def _require_provider(actor, invitation: QuoteInvitation) -> None:
    if invitation.provider_id not in organisation_ids(actor):
        raise PermissionDenied


def _deadline_passed_error(request: QuoteRequest) -> ValidationError:
    if request.status != QuoteRequest.Status.SENT:
        return ValidationError(_("This request no longer takes quotes."))
    return ValidationError(
        _("The deadline passed on %(deadline)s; quotes can no longer be submitted or changed.")
        % {
            "deadline": formats.date_format(
                timezone.localtime(request.deadline), "SHORT_DATETIME_FORMAT"
            )
        }
    )


def submit_quote(
    actor,
    invitation: QuoteInvitation,
    *,
    net_price,
    description,
    valid_until=None,
    document=None,
) -> Quote:
    """Submit or change the invited provider's quote, until the deadline."""
    _require_provider(actor, invitation)
    if net_price is None or Decimal(net_price) < 0:
        raise ValidationError({"net_price": _("Give a price of 0 EUR or more.")})
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe what you offer.")})
    with transaction.atomic():
        request = _locked(invitation.request)
        if not request.quotes_open:
            raise _deadline_passed_error(request)
        invitation = QuoteInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.sent_at is None:
            raise ValidationError(_("This request has not been sent to you."))
        quote = Quote.objects.filter(invitation=invitation).first()
        changed = quote is not None
        if quote is None:
            quote = Quote(invitation=invitation)
        quote.net_price = Decimal(net_price)
        quote.description = description
        quote.valid_until = valid_until
        quote.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        if document:
            quote.document = document
        quote.save()
        if invitation.declined_at is not None:
            invitation.declined_at = None
            invitation.decline_reason = ""
            invitation.save(update_fields=["declined_at", "decline_reason"])
        # No price in the log: quotes are sealed until the deadline.
        log_action(
            actor,
            "procurement.quote.submitted",
            request,
            provider=str(invitation.provider),
            changed=changed,
        )
    return quote


def decline_invitation(actor, invitation: QuoteInvitation, reason: str = "") -> None:
    """The provider will not quote; the reason goes into the documentation."""
    _require_provider(actor, invitation)
    with transaction.atomic():
        request = _locked(invitation.request)
        if not request.quotes_open:
            raise _deadline_passed_error(request)
        invitation = QuoteInvitation.objects.select_for_update().get(pk=invitation.pk)
        if Quote.objects.filter(invitation=invitation).exists():
            raise ValidationError(
                _("You have submitted a quote; it stays valid. Change it instead of declining.")
            )
        invitation.declined_at = timezone.now()
        invitation.decline_reason = (reason or "").strip()[:300]
        invitation.save(update_fields=["declined_at", "decline_reason"])
        log_action(
            actor,
            "procurement.invitation.declined",
            request,
            provider=str(invitation.provider),
            reason=invitation.decline_reason,
        )


# --- the decision ---


def award(actor, request: QuoteRequest, quote: Quote, *, reason, today=None) -> Order:
    """Award one quote after the deadline and record the order; the others are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the award (§ 6 UVgO).")})
    with transaction.atomic():
        # The row lock makes a second click wait and then see the award: one order only.
        locked = _locked(request)
        if locked.status == QuoteRequest.Status.AWARDED:
            raise ValidationError(_("This request has been awarded already."))
        if locked.status != QuoteRequest.Status.SENT:
            raise ValidationError(_("Only a sent request can be awarded."))
        if not locked.deadline_passed:
            raise ValidationError(
                _("Quotes are sealed until the deadline (%(deadline)s); award after it.")
                % {
                    "deadline": formats.date_format(
                        timezone.localtime(locked.deadline), "SHORT_DATETIME_FORMAT"
                    )
                }
            )
        quote = Quote.objects.select_related("invitation__provider").get(pk=quote.pk)
        invitation = quote.invitation
        if invitation.request_id != locked.pk:
            raise ValidationError({"quote": _("This quote belongs to another request.")})
        now = timezone.now()
        locked.status = QuoteRequest.Status.AWARDED
        locked.awarded_quote = quote
        locked.award_reason = reason
        locked.awarded_at = now
        locked.awarded_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save(
            update_fields=["status", "awarded_quote", "award_reason", "awarded_at", "awarded_by"]
        )
        order = record_order(
            actor,
            buyer=locked.buyer,
            provider=invitation.provider,
            title=locked.title,
            offering_category=locked.offering_category,
            procurement_category=locked.procurement_category,
            procedure=locked.procedure,
            net_value=quote.net_price,
            offering_version=invitation.offering_version,
            request=locked,
            quote=quote,
            ordered_on=today,
        )
        others = Quote.objects.filter(invitation__request=locked).exclude(pk=quote.pk)
        for other in others.select_related("invitation__provider"):
            for address in contact_addresses(other.invitation.provider):
                queue_mail(
                    "procurement_quote_not_awarded",
                    address,
                    {"request": locked, "invitation": other.invitation, "buyer": locked.buyer},
                )
        for address in contact_addresses(invitation.provider):
            queue_mail(
                "procurement_quote_awarded",
                address,
                {
                    "request": locked,
                    "invitation": invitation,
                    "quote": quote,
                    "order": order,
                    "buyer": locked.buyer,
                },
            )
        log_action(
            actor,
            "procurement.request.awarded",
            locked,
            provider=str(invitation.provider),
            net_value=str(quote.net_price),
            order=order.pk,
        )
    _copy_state(request, locked)
    return order


def cancel_request(actor, request: QuoteRequest, reason: str) -> None:
    """Cancel a draft or sent request; an awarded one has become an order."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    with transaction.atomic():
        locked = _locked(request)
        if locked.status not in (QuoteRequest.Status.DRAFT, QuoteRequest.Status.SENT):
            raise ValidationError(_("Only a draft or a sent request can be cancelled."))
        was_sent = locked.status == QuoteRequest.Status.SENT
        locked.status = QuoteRequest.Status.CANCELLED
        locked.cancel_reason = reason
        locked.save(update_fields=["status", "cancel_reason"])
        log_action(actor, "procurement.request.cancelled", locked, reason=reason)
        # Invited firms may be preparing a quote: they hear it is off, and why.
        invitations = locked.invitations.select_related("provider") if was_sent else []
        for invitation in invitations:
            for address in contact_addresses(invitation.provider):
                queue_mail(
                    "procurement_request_cancelled",
                    address,
                    {"request": locked, "invitation": invitation, "buyer": locked.buyer},
                )
    _copy_state(request, locked)


# --- reading ---


def requests_of(buyers):
    """The requests of these buyers with their invitation and quote counts."""
    return (
        QuoteRequest.objects.filter(buyer__in=buyers)
        .select_related("buyer__organisation")
        .annotate(
            invitation_count=Count("invitations", distinct=True),
            quote_count=Count("invitations__quote", distinct=True),
        )
        .order_by("-created_at")
    )


def invitations_for(user):
    """Sent invitations to the user's organisations, newest first, with their quotes."""
    return (
        QuoteInvitation.objects.filter(
            provider_id__in=organisation_ids(user), sent_at__isnull=False
        )
        .select_related("request__buyer__organisation", "provider", "quote")
        .order_by("-sent_at", "pk")
    )
