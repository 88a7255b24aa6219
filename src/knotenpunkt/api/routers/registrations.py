"""Event registrations of the token's user: their own and those they made for colleagues
(the list on "My registrations", events.rules.registrations_held_or_booked), registering
themselves and cancelling, through the same services as the pages
(events.services.registration: capacity under the event's row lock, validation, the
confirmation mail through the outbox). The online join link goes to the attendee with a
confirmed place only, as on the event page."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_personal_token, require_scope
from knotenpunkt.api.openapi import SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.scopes import REGISTRATIONS_READ, REGISTRATIONS_WRITE
from knotenpunkt.events.models import Registration, TicketType
from knotenpunkt.events.rules import registrations_held_or_booked
from knotenpunkt.events.services import registration as registration_services
from knotenpunkt.events.views.registrations import viewable_event

router = Router(tags=["registrations"])

# Ids as the database stores them (a larger number is no id, not a server error).
RegistrationId = Annotated[int, Path(ge=1, le=2**63 - 1)]
ORDERINGS = {
    "starts_at": ("event__starts_at", "pk"),
    "-starts_at": ("-event__starts_at", "-pk"),
}


class EventRef(Schema):
    slug: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cancelled: bool
    url: str

    @staticmethod
    def resolve_cancelled(event) -> bool:
        return event.cancelled_at is not None

    @staticmethod
    def resolve_url(event, context) -> str:
        return context["request"].build_absolute_uri(event.get_absolute_url())


class TicketTypeRef(Schema):
    id: int
    name: str


class RegistrationOut(Schema):
    id: int
    status: choice_of(Registration.Status)
    event: EventRef
    ticket_type: TicketTypeRef
    attendee: str = Field(description="The attendee's name.")
    own: bool = Field(description="The token's user attends (else: booked for a colleague).")
    organisation: str | None = Field(description="Slug of the organisation registered for.")
    price_net: Decimal = Field(description="Net price in EUR.")
    registered_at: datetime.datetime
    cancelled_at: datetime.datetime | None
    may_cancel: bool = Field(description="Whether it may still be cancelled by its holder.")
    ticket_url: str | None = Field(description="The ticket (PDF) page, for confirmed places.")
    join_url: str | None = Field(
        description="The online event's link: for the attendee's confirmed place only."
    )

    @staticmethod
    def resolve_registered_at(registration) -> datetime.datetime:
        return registration.created_at

    @staticmethod
    def resolve_attendee(registration) -> str:
        return registration.person.full_name

    @staticmethod
    def resolve_own(registration, context) -> bool:
        return registration.person.user_id == context["request"].user.pk

    @staticmethod
    def resolve_organisation(registration) -> str | None:
        return registration.organisation.slug if registration.organisation_id else None

    @staticmethod
    def resolve_may_cancel(registration) -> bool:
        return registration_services.may_still_cancel(registration)

    @staticmethod
    def resolve_ticket_url(registration, context) -> str | None:
        if registration.status != Registration.Status.CONFIRMED:
            return None
        path = reverse("events:ticket", args=[registration.pk])
        return context["request"].build_absolute_uri(path)

    @staticmethod
    def resolve_join_url(registration, context) -> str | None:
        confirmed = registration.status == Registration.Status.CONFIRMED
        attendee = registration.person.user_id == context["request"].user.pk
        return (registration.event.join_url or None) if confirmed and attendee else None


class RegistrationFilters(Schema):
    period: Literal["", "upcoming", "past"] = Field(
        "", description="upcoming (events not yet over) or past; without it, both."
    )
    status: choice_of(Registration.Status) | None = None
    ordering: Literal["", "starts_at", "-starts_at"] = Field(
        "", description="By the event's start; without it, latest first for past, else soonest."
    )


class RegistrationIn(Schema):
    ticket_type: int | None = Field(
        None,
        ge=1,
        le=2**63 - 1,
        description="The ticket type's id; may be left out if the event has only one.",
    )
    answers: dict[str, str | bool] = Field(
        default_factory=dict, description="Answers to the event's questions by question id."
    )
    voucher: str = Field("", max_length=40, pattern=TEXT, description="A voucher code.")
    waiting_list: bool = Field(
        True,
        description="Take a place on the waiting list if the event is full (as the page "
        "does); false: refuse instead.",
    )


def _registrations(request):
    return registrations_held_or_booked(request.user).select_related(
        "event", "ticket_type", "person", "organisation"
    )


def _one(request, registration_id: int) -> Registration:
    return get_object_or_404(_registrations(request), pk=registration_id)


@router.get(
    "/registrations",
    response=list[RegistrationOut],
    auth=TokenAuth(),
    summary="List your registrations",
)
@paginate(PageNumbers)
def list_registrations(request, filters: Query[RegistrationFilters]):
    """The token user's own registrations and those they made for colleagues, as on
    "My registrations". Scope registrations:read; a personal token."""
    require_scope(request, REGISTRATIONS_READ)
    require_personal_token(request)
    found = _registrations(request)
    now = timezone.now()
    if filters.period == "upcoming":
        found = found.filter(event__ends_at__gte=now)
    elif filters.period == "past":
        found = found.filter(event__ends_at__lt=now)
    if filters.status:
        found = found.filter(status=filters.status)
    ordering = filters.ordering or ("-starts_at" if filters.period == "past" else "starts_at")
    return found.order_by(*ORDERINGS[ordering])


@router.get(
    "/registrations/{registration_id}",
    response=RegistrationOut,
    auth=TokenAuth(),
    summary="One of your registrations",
)
def get_registration(request, registration_id: RegistrationId):
    """A registration of the token's user (or one they made for a colleague). Scope
    registrations:read."""
    require_scope(request, REGISTRATIONS_READ)
    require_personal_token(request)
    return _one(request, registration_id)


def _ticket_type(event, chosen: int | None) -> TicketType:
    ticket_types = TicketType.objects.filter(event=event)
    if chosen is not None:
        found = ticket_types.filter(pk=chosen).first()
        if found is None:
            raise ValidationError({"ticket_type": _("Please choose a ticket of this event.")})
        return found
    only = list(ticket_types[:2])
    if len(only) == 1:
        return only[0]
    if not only:
        raise ValidationError(_("This event takes no registrations here."))
    raise ValidationError({"ticket_type": _("Please choose one of the event's tickets.")})


@router.post(
    "/events/{slug}/registrations",
    response={201: RegistrationOut},
    auth=TokenAuth(),
    summary="Register for an event",
)
def register(request, slug: Annotated[str, Path(pattern=SLUG)], data: RegistrationIn):
    """Register the token's user as on the event page: a confirmed place while there is
    one, else a place on the waiting list (or a refusal, with waiting_list false). The
    confirmation mail follows as after the page. Scope registrations:write; audited with
    the token's name."""
    require_scope(request, REGISTRATIONS_WRITE)
    require_personal_token(request)
    try:
        event = viewable_event(request, slug)
    except PermissionDenied as hidden:
        # Like GET /events/{slug}: what the caller may not see is not found.
        raise Http404 from hidden
    person = getattr(request.user, "person", None)
    if person is None or person.erased_at is not None:
        raise AuthorizationError(message=_("Please complete your profile before registering."))
    registration = registration_services.register(
        request.user,
        event,
        _ticket_type(event, data.ticket_type),
        person,
        answers=data.answers,
        voucher_code=data.voucher,
        waiting_list=data.waiting_list,
        via=request.api_token.name,
    )
    return Status(201, _one(request, registration.pk))


@router.post(
    "/registrations/{registration_id}/cancel",
    response=RegistrationOut,
    auth=TokenAuth(),
    summary="Cancel a registration",
)
def cancel(request, registration_id: RegistrationId):
    """Cancel a registration of the token's user (or one they made for a colleague) until
    the event's cancellation deadline, as on "My registrations"; the waiting list moves
    up. Scope registrations:write; audited with the token's name."""
    require_scope(request, REGISTRATIONS_WRITE)
    require_personal_token(request)
    registration = _one(request, registration_id)
    registration_services.cancel_registration(
        request.user, registration, via=request.api_token.name
    )
    return _one(request, registration_id)
