"""The back office shows personas of the clusters the user looks after, asking the same
rules as the pages. Memberships are not registered: nobody lists a persona's people."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ScopedAdmin
from knotenpunkt.personas.models import Persona
from knotenpunkt.personas.rules import visible_personas
from knotenpunkt.personas.services import describe_persona


@admin.register(Persona)
class PersonaAdmin(ScopedAdmin):
    list_display = ["name", "cluster", "size", "is_active", "computed_at"]
    list_filter = ["is_active", "cluster"]
    list_select_related = ["cluster"]
    fields = ["cluster", "slug", "name", "description", "goals", "is_active", "size", "computed_at"]
    readonly_fields = ["cluster", "slug", "is_active", "size", "computed_at"]

    def visible_to(self, user) -> QuerySet:
        return visible_personas(user)

    def save_model(self, request, obj, form, change):
        # The same service as the page: audited there, edited_at set.
        describe_persona(
            request.user, obj, name=obj.name, description=obj.description, goals=obj.goals
        )

    def has_add_permission(self, request):
        return False  # personas are computed, not entered

    def has_delete_permission(self, request, obj=None):
        return False  # the next computation would bring it back; it goes inactive instead
