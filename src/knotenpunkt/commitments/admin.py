"""The back office of commitments: read only (versions are published and signed on the
pages, which keep published texts unchanged), scoped to the user's clusters."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.commitments import rules as commitment_rules
from knotenpunkt.commitments.models import Commitment, CommitmentVersion, Signature
from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "cluster", "slug", "created_at"]
    list_filter = ["cluster"]
    search_fields = ["title"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return commitment_rules.visible_commitments(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommitmentVersion)
class CommitmentVersionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["commitment", "number", "published_at"]
    list_filter = ["commitment__cluster"]
    list_select_related = ["commitment"]

    def visible_to(self, user) -> QuerySet:
        return commitment_rules.visible_versions(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["organisation", "version", "signed_at", "withdrawn_at"]
    list_filter = ["version__commitment__cluster"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "version__commitment"]

    def visible_to(self, user) -> QuerySet:
        return commitment_rules.visible_signatures(user)

    def has_delete_permission(self, request, obj=None):
        return False
