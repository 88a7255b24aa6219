from django.contrib import admin

from knotenpunkt.core.admin import PlatformAdminOnly
from knotenpunkt.outbox.models import OutgoingMail


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

    def has_add_permission(self, request):
        return False
