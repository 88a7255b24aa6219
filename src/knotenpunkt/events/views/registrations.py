from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.events.forms import CheckInForm, RegistrationForm
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.events.rules import registrations_held_or_booked
from knotenpunkt.events.services import registration as registration_services
from knotenpunkt.events.services.tickets import ticket_pdf


def _own_registration(user, event):
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return None
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("ticket_type")
        .filter(person=person)
        .first()
    )


def viewable_event(request, slug, queryset=None) -> Event:
    """The event, if the user may see it; the page, the registration and the .ics answer
    alike. An invitation-only event is not found (its existence stays private, like an
    invitation-only club's); any other hidden event is forbidden."""
    event = get_object_or_404(Event.objects.all() if queryset is None else queryset, slug=slug)
    if not request.user.has_perm("events.view_event", event):
        if event.audience == Event.Audience.INVITATION:
            raise Http404
        raise PermissionDenied
    return event


def event_detail(request, slug, form=None):
    event = viewable_event(request, slug)
    own = _own_registration(request.user, event)
    closed_reason = registration_services.registration_closed_reason(event)
    may_attend = request.user.has_perm("events.attend_event", event)
    if form is None and may_attend and not closed_reason:
        form = RegistrationForm(event=event, user=request.user)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "description_html": render_markdown(event.description),
            "clusters": event.clusters.all(),
            "groups": event.groups.all(),
            "topics": event.topics.all(),
            "ticket_types": event.ticket_types.all(),
            "own_registration": own,
            # The join link is for attendees with a confirmed place, never for the page.
            "show_join_link": bool(
                event.join_url and own and own.status == Registration.Status.CONFIRMED
            ),
            "places_left": registration_services.places_left(event),
            "closed_reason": closed_reason,
            "may_attend": may_attend,
            "form": form,
        },
    )


@login_required
@require_POST
def register(request, slug):
    event = viewable_event(request, slug)
    if getattr(request.user, "person", None) is None:
        messages.error(request, _("Please complete your profile before registering."))
        return redirect(event)
    form = RegistrationForm(request.POST, event=event, user=request.user)
    if form.is_valid():
        try:
            registration = registration_services.register(
                request.user,
                event,
                form.cleaned_data["ticket_type"],
                form.attendee(request.user),
                answers=form.answers(),
                voucher_code=form.cleaned_data.get("voucher", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _("%(name)s is registered. The ticket is on its way by e-mail.")
                    % {"name": registration.person.full_name},
                )
            else:
                messages.info(
                    request,
                    _(
                        "The event is fully booked: %(name)s is on the waiting list and moves "
                        "up automatically when a place becomes free."
                    )
                    % {"name": registration.person.full_name},
                )
            return redirect("events:my_registrations")
    return event_detail(request, slug, form=form)


@login_required
def my_registrations(request):
    """The user's own registrations and those they made for colleagues."""
    mine = (
        registrations_held_or_booked(request.user)
        .filter(event__ends_at__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "ticket_type", "person", "organisation")
        .order_by("event__starts_at", "person__last_name")
    )
    rows = [(r, registration_services.may_still_cancel(r)) for r in mine]
    return render(request, "events/my_registrations.html", {"rows": rows})


@login_required
@require_POST
def cancel(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event", "person"), pk=pk)
    require_perm(request, "events.cancel_registration", registration)
    try:
        registration_services.cancel_registration(request.user, registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The registration of %(name)s for %(event)s has been cancelled.")
            % {"name": registration.person.full_name, "event": registration.event.title},
        )
    return redirect("events:my_registrations")


@login_required
def ticket(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "person", "ticket_type", "organisation"),
        pk=pk,
        status=Registration.Status.CONFIRMED,
    )
    require_perm(request, "events.cancel_registration", registration)
    response = HttpResponse(ticket_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ticket-{registration.event.slug}.pdf"'
    return response


@login_required
def check_in(request, slug):
    """The entrance: scan or type a ticket code, see valid / already used / not valid."""
    event = get_object_or_404(Event, slug=slug)
    require_perm(request, "events.check_in", event)
    result = None
    data = request.POST if request.method == "POST" else None
    form = CheckInForm(data)
    if data is None and request.GET.get("code"):
        # A phone's own camera app opened the link in the QR code: prefill, do not admit
        # on a GET, so a link preview or a reload cannot use up a ticket.
        form = CheckInForm(initial={"code": request.GET["code"]})
    if data is not None and form.is_valid():
        result = registration_services.check_in(request.user, form.cleaned_data["code"], event)
        form = CheckInForm()
    checked_in = event.registrations.filter(
        status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    ).count()
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    context = {
        "event": event,
        "form": form,
        "result": result,
        "checked_in": checked_in,
        "confirmed": confirmed,
    }
    if request.htmx:
        return render(request, "events/check_in.html#panel", context)
    return render(request, "events/check_in.html", context)
