from django.contrib import admin

from knotenpunkt.outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False
