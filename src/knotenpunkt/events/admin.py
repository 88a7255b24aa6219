"""The organisers' back office for events: the event with its ticket types, questions,
vouchers and guest list in one form; registrations to look up and cancel."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.admin import ScopedAdmin, ScopedInline
from knotenpunkt.core.uploads import validate_image_upload
from knotenpunkt.events.models import (
    Event,
    Invitation,
    Question,
    Registration,
    TicketType,
    Voucher,
)
from knotenpunkt.events.rules import events_looked_after, registrations_looked_after
from knotenpunkt.events.services.registration import cancel_registration
from knotenpunkt.events.services.scheduling import cancel_event, event_changed
from knotenpunkt.events.tasks.feedback import schedule_feedback_survey


class TicketTypeInline(ScopedInline, admin.TabularInline):
    model = TicketType
    extra = 0
    fields = ["name", "price_member", "price_non_member", "vat_rate", "contingent", "position"]


class QuestionInline(ScopedInline, admin.TabularInline):
    model = Question
    extra = 0
    fields = ["label", "kind", "choices", "required", "position"]


class VoucherInline(ScopedInline, admin.TabularInline):
    model = Voucher
    extra = 0
    fields = ["code", "percent_off", "max_uses", "used_count"]
    readonly_fields = ["used_count"]


class InvitationInline(ScopedInline, admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["person", "invited_by", "created_at"]
    readonly_fields = ["invited_by", "created_at"]
    autocomplete_fields = ["person"]


class EventAdminForm(forms.ModelForm):
    """The admin's event form (the admin adds model and fields); checks a new image."""

    def clean_image(self):
        image = self.cleaned_data.get("image")
        # Only a new upload is checked: a stored image passed these checks already.
        if image and hasattr(image, "content_type"):
            validate_image_upload(image)
        return image


@admin.action(description=_("Cancel selected events (informs the attendees)"))
def cancel_selected_events(modeladmin, request, queryset):
    cancelled = 0
    for event in queryset.filter(cancelled_at__isnull=True):
        try:
            cancel_event(request.user, event)
            cancelled += 1
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, f"{event}: {error}")
    messages.success(request, _("%(count)d events cancelled.") % {"count": cancelled})


@admin.register(Event)
class EventAdmin(ScopedAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "starts_at",
        "kind",
        "format",
        "audience",
        "capacity",
        "is_published",
        "cancelled_at",
    ]
    list_filter = ["is_published", "kind", "format", "audience", "clusters"]
    search_fields = ["title", "slug", "city"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["clusters", "groups", "topics"]
    inlines = [TicketTypeInline, QuestionInline, VoucherInline, InvitationInline]
    actions = [*ScopedAdmin.actions, cancel_selected_events]
    readonly_fields = ["cancelled_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "image",
                    "kind",
                    "topics",
                    "language",
                ]
            },
        ),
        (_("Organisers"), {"fields": ["clusters", "groups"]}),
        (
            _("Date and place"),
            {
                "fields": [
                    "format",
                    ("starts_at", "ends_at"),
                    "timezone",
                    "venue_name",
                    "street",
                    ("postcode", "city"),
                    "join_url",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "audience",
                    "capacity",
                    ("registration_opens_at", "registration_closes_at"),
                    "cancellation_deadline",
                    "feedback_url",
                    "is_published",
                    "cancelled_at",
                ]
            },
        ),
    ]

    def visible_to(self, user) -> QuerySet:
        return events_looked_after(user)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Invitation) and instance.invited_by_id is None:
                instance.invited_by = request.user
        formset.save()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # A new time or place goes to the attendees' calendars (an updated invitation).
            event_changed(request.user, obj, form.changed_data)
        schedule_feedback_survey(obj)


@admin.action(description=_("Cancel selected registrations (moves the waiting list up)"))
def cancel_selected(modeladmin, request, queryset):
    cancelled = 0
    for registration in queryset.exclude(status=Registration.Status.CANCELLED):
        try:
            cancel_registration(request.user, registration)
            cancelled += 1
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, f"{registration}: {error}")
    messages.success(request, _("%(count)d registrations cancelled.") % {"count": cancelled})


@admin.register(Registration)
class RegistrationAdmin(ScopedAdmin):
    """Registrations are made and cancelled through the services (capacity, waiting list,
    invoices), so the back office shows them and cancels them, but does not edit them."""

    list_display = [
        "event",
        "person",
        "organisation",
        "ticket_type",
        "status",
        "price_net",
        "created_at",
        "checked_in_at",
    ]
    list_filter = ["status", ("event", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "person__last_name",
        "person__first_name",
        "organisation__name",
        "event__title",
    ]
    list_select_related = ["event", "person", "organisation", "ticket_type"]
    actions = [*ScopedAdmin.actions, cancel_selected]
    readonly_fields = [
        "event",
        "ticket_type",
        "person",
        "organisation",
        "registered_by",
        "status",
        "answers",
        "price_net",
        "voucher",
        "ticket_code",
        "checked_in_at",
        "created_at",
        "cancelled_at",
    ]

    def visible_to(self, user) -> QuerySet:
        return registrations_looked_after(user)

    def has_add_permission(self, request):
        return False
