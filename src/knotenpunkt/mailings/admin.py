from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.admin import AuditedAdmin, PlatformAdminOnly, ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.mailings.models import Bounce, MailingList, Subscription
from knotenpunkt.mailings.rules import visible_mailing_lists


@admin.register(MailingList)
class MailingListAdmin(ScopedAdmin):
    list_display = ["name", "cluster", "kind", "topic", "group", "is_active"]
    list_filter = ["kind", "is_active", ("cluster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["topic", "group"]

    def visible_to(self, user) -> QuerySet:
        return visible_mailing_lists(user)


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read-only: a subscription changes only through its owner (double opt-in, the
    preference centre), never by staff, so every change carries the person's consent."""

    list_display = ["person", "mailing_list", "status", "requested_at", "confirmed_at"]
    list_filter = ["status", ("mailing_list", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__last_name", "person__first_name", "mailing_list__name"]
    list_select_related = ["person", "mailing_list__cluster"]

    def visible_to(self, user) -> QuerySet:
        return Subscription.objects.filter(mailing_list__in=visible_mailing_lists(user))


@admin.register(Bounce)
class BounceAdmin(PlatformAdminOnly, ReadOnlyAdmin, AuditedAdmin):
    """Read-only: why an address is no longer mailed. Platform admins only: most bounces
    come without our Message-ID and belong to no cluster, and each names an address and
    the mail server's diagnostic."""

    list_display = [
        "address",
        "permanent",
        "suppressed",
        "occurred_at",
        "diagnostic",
        "source",
        "mailing",
    ]
    list_filter = ["permanent", "suppressed", "source"]
    search_fields = ["address", "diagnostic"]
    date_hierarchy = "occurred_at"
    list_select_related = ["recipient__mailing"]
    readonly_fields = ["mailing"]
    exclude = ["recipient"]

    @admin.display(description=_("mailing"))
    def mailing(self, obj):
        return obj.recipient.mailing if obj.recipient_id else "–"
