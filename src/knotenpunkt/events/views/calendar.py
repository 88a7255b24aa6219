"""The public calendar, the iCal feeds and files, and the staff's attendee list and figures."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.directory.forms import topic_choices
from knotenpunkt.directory.models import Cluster, Topic
from knotenpunkt.directory.services.taxonomy import topic_and_narrower
from knotenpunkt.events import exports, feeds
from knotenpunkt.events.calendar import CalendarFilters, calendar_events
from knotenpunkt.events.models import Event
from knotenpunkt.events.views.registrations import viewable_event
from knotenpunkt.groups.access import visible_groups
from knotenpunkt.groups.models import Group

PAGE_SIZE = 20
ICS_TYPE = "text/calendar; charset=utf-8"


class CalendarFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=gettext_lazy("All topics"),
    )
    cluster = forms.ModelChoiceField(
        label=gettext_lazy("Organised by"),
        queryset=Cluster.objects.all(),
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=gettext_lazy("All clusters"),
    )
    group = forms.ModelChoiceField(
        label=gettext_lazy("Topic group or club"),
        queryset=Group.objects.none(),
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=gettext_lazy("All groups"),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        widget=PlainSelect,
        choices=[("", gettext_lazy("All formats")), *Event.Format.choices],
    )
    period = forms.ChoiceField(
        label=gettext_lazy("When"),
        required=False,
        widget=PlainSelect,
        choices=[("", gettext_lazy("Upcoming")), ("past", gettext_lazy("Past events"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topic_choices("slug")]
        # An invitation-only club is not even named to those who may not see it.
        self.fields["group"].queryset = visible_groups(user).order_by("name")


def _feed_links(cluster, group) -> list[tuple[str, str]]:
    """Calendar subscriptions matching the filter: the cluster's and the group's feed."""
    links = []
    if cluster is not None:
        label = _("Subscribe to the events of %(name)s (iCal)") % {"name": cluster.name}
        links.append((label, reverse("events:cluster_feed", args=[cluster.slug])))
    if group is not None:
        label = _("Subscribe to the events of %(name)s (iCal)") % {"name": group.name}
        links.append((label, reverse("events:group_feed", args=[group.slug])))
    return links


def calendar(request):
    form = CalendarFilterForm(request.GET or None, user=request.user)
    filters, past, feed_links = CalendarFilters(), False, []
    if form.is_valid():
        data = form.cleaned_data
        filters = CalendarFilters(
            topic_ids=topic_and_narrower(data["topic"]) if data["topic"] else (),
            cluster=data["cluster"],
            group=data["group"],
            format=data["format"],
        )
        past = data["period"] == "past"
        feed_links = _feed_links(data["cluster"], data["group"])
    events = calendar_events(request.user, filters, past=past)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "past": past,
        "feed_links": feed_links,
        "querystring": query_without_page.urlencode(),
    }
    if request.htmx:
        return render(request, "events/calendar.html#results", context)
    return render(request, "events/calendar.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def cluster_feed(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    events = feeds.feed_events(cluster.events.all())
    name = _("Events: %(name)s") % {"name": cluster.name}
    return _ics_response(feeds.calendar_for(events, name).to_ical(), f"{cluster.slug}.ics")


def group_feed(request, slug):
    group = get_object_or_404(Group, slug=slug)
    # A discreet club has no feed for those who may not see it: feed readers are anonymous.
    if not request.user.has_perm("groups.view_group", group):
        raise Http404
    events = feeds.feed_events(group.events.all())
    name = _("Events: %(name)s") % {"name": group.name}
    return _ics_response(feeds.calendar_for(events, name).to_ical(), f"{group.slug}.ics")


def event_ics(request, slug):
    event = viewable_event(request, slug, Event.objects.prefetch_related("topics"))
    response = _ics_response(feeds.event_ics(event), f"{event.slug}.ics")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
def attendees_csv(request, slug):
    event = get_object_or_404(Event, slug=slug)
    require_perm(request, "events.export_attendees", event)
    response = HttpResponse(exports.attendees_csv(event), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.attendees_filename(event)}"'
    return response


@login_required
def attendance(request, slug):
    event = get_object_or_404(exports.with_attendance(Event.objects.all()), slug=slug)
    require_perm(request, "events.view_attendance", event)
    by_ticket_type = exports.attendance_by_ticket_type(event)
    return render(
        request,
        "events/calendar_attendance.html",
        {
            "event": event,
            "attendance": exports.attendance_of(event),
            "by_ticket_type": by_ticket_type,
        },
    )


@login_required
def attendance_overview(request):
    require_perm(request, "events.view_attendance_overview")
    events = exports.attended_events(request.user)
    page = Paginator(
        exports.with_attendance(events).prefetch_related("clusters"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = [(event, exports.attendance_of(event)) for event in page.object_list]
    return render(
        request,
        "events/calendar_attendance_overview.html",
        {"page": page, "rows": rows, "total": exports.total_attendance(events)},
    )
