from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.core.admin import PlatformAdminOnly
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import release_held_mail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(PlatformAdminOnly, admin.ModelAdmin):
    # Platform admins only: the mails of every cluster, with the links they carry
    # (password resets, confirmations) that would let a reader take over an account.
    list_display = [
        "created_at",
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "retry_after",
        "last_error",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    actions = ["send_held_mails"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected held mails"), permissions=["change"])
    def send_held_mails(self, request, queryset):
        released = release_held_mail(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d held mail is queued for delivery.",
                "%(count)d held mails are queued for delivery.",
                released,
            )
            % {"count": released},
            messages.SUCCESS if released else messages.WARNING,
        )
