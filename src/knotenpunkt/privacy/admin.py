from django.contrib import admin

from knotenpunkt.core.admin import PlatformAdminOnly, ReadOnlyAdmin, export_as_csv
from knotenpunkt.privacy.models import Consent


@admin.register(Consent)
class ConsentAdmin(PlatformAdminOnly, ReadOnlyAdmin, admin.ModelAdmin):
    # Platform admins only: the consents of people of every cluster.
    list_display = ["recorded_at", "person", "purpose", "granted", "source", "text_version"]
    list_filter = ["purpose", "granted", "source"]
    search_fields = ["person__last_name", "person__emails__address"]
    readonly_fields = [f.name for f in Consent._meta.fields]
    actions = [export_as_csv]
