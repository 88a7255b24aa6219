"""The back office of participation: read only (processes are run on their pages),
scoped to the processes the user moderates."""

from django.contrib import admin
from django.db.models import Q, QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.participation.models import (
    BoardCard,
    BoardColumn,
    BrainwritingIdea,
    BrainwritingSession,
    DialogueProposal,
    DialogueReport,
    Invitation,
    Measure,
    Mission,
    Phase,
    Process,
    Survey,
    SurveyInvitation,
)
from knotenpunkt.participation.rules import moderated_processes


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "cluster", "organisation", "visibility", "is_published"]
    list_filter = ["visibility", "is_published"]
    search_fields = ["title"]
    list_select_related = ["cluster", "organisation"]

    def visible_to(self, user) -> QuerySet:
        return moderated_processes(user)


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "process", "module", "starts_on", "ends_on"]
    list_filter = ["module"]
    list_select_related = ["process"]

    def visible_to(self, user) -> QuerySet:
        return Phase.objects.filter(process__in=moderated_processes(user))


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["email", "process", "invited_at", "accepted_at"]
    search_fields = ["email"]
    list_select_related = ["process"]

    def visible_to(self, user) -> QuerySet:
        return Invitation.objects.filter(process__in=moderated_processes(user))


@admin.register(BoardColumn)
class BoardColumnAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["phase", "kind", "dots_per_participant", "collecting_open", "voting_open"]
    list_filter = ["kind"]
    list_select_related = ["phase__process"]

    def visible_to(self, user) -> QuerySet:
        return BoardColumn.objects.filter(phase__process__in=moderated_processes(user))


@admin.register(BoardCard)
class BoardCardAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["text", "column", "created_at", "hidden_at", "adopted_at"]
    list_select_related = ["column__phase__process"]
    search_fields = ["text"]
    # Cards are anonymous; the board shows authors to moderators only where the process
    # says so.
    exclude = ["author"]

    def visible_to(self, user) -> QuerySet:
        return BoardCard.objects.filter(column__phase__process__in=moderated_processes(user))


# Citizens' dialogue: moderated on its pages; the back office shows what happened, without
# addresses, accounts or network hashes (moderators see authors only where the process says).


@admin.register(DialogueProposal)
class DialogueProposalAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "dialogue", "state", "status", "created_at"]
    list_filter = ["state", "status"]
    search_fields = ["title"]
    list_select_related = ["dialogue__phase__process"]
    exclude = ["author", "email", "ip_hash", "confirmation_token"]

    def visible_to(self, user) -> QuerySet:
        return DialogueProposal.objects.filter(
            dialogue__phase__process__in=moderated_processes(user)
        )


@admin.register(DialogueReport)
class DialogueReportAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["reason", "proposal", "comment", "created_at", "resolved_at"]
    list_filter = ["reason"]
    list_select_related = ["proposal", "comment"]
    exclude = ["reporter", "ip_hash"]

    def visible_to(self, user) -> QuerySet:
        processes = moderated_processes(user)
        return DialogueReport.objects.filter(
            Q(proposal__dialogue__phase__process__in=processes)
            | Q(comment__proposal__dialogue__phase__process__in=processes)
        )


@admin.register(BrainwritingSession)
class BrainwritingSessionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["phase", "state", "current_round", "rounds", "minutes_per_round"]
    list_filter = ["state"]
    list_select_related = ["phase__process"]

    def visible_to(self, user) -> QuerySet:
        return BrainwritingSession.objects.filter(phase__process__in=moderated_processes(user))


@admin.register(BrainwritingIdea)
class BrainwritingIdeaAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["text", "sheet", "round", "created_at"]
    list_select_related = ["sheet__group"]
    search_fields = ["text"]
    # Anonymous here too: who wrote what shows on the facilitator's page, if the process
    # lets moderators see it.
    exclude = ["author"]

    def visible_to(self, user) -> QuerySet:
        return BrainwritingIdea.objects.filter(
            sheet__group__session__phase__process__in=moderated_processes(user)
        )


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["phase", "current_round", "status", "open_to_participants"]
    list_filter = ["status"]
    list_select_related = ["phase__process"]

    def visible_to(self, user) -> QuerySet:
        return Survey.objects.filter(phase__process__in=moderated_processes(user))


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["email", "survey", "invited_at", "mailed_at"]
    search_fields = ["email"]
    list_select_related = ["survey__phase__process"]
    # The personal link is the expert's key; answers are shown nowhere by person.
    exclude = ["token"]

    def visible_to(self, user) -> QuerySet:
        return SurveyInvitation.objects.filter(survey__phase__process__in=moderated_processes(user))


@admin.register(Mission)
class MissionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "process", "is_cross_cutting"]
    list_filter = ["is_cross_cutting"]
    search_fields = ["title"]
    list_select_related = ["process"]

    def visible_to(self, user) -> QuerySet:
        return Mission.objects.filter(process__in=moderated_processes(user))


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "process", "mission", "status", "origin", "is_chosen"]
    list_filter = ["status", "origin", "is_chosen"]
    search_fields = ["title"]
    list_select_related = ["process", "mission"]
    # Its select would list the activities of every cluster's strategy.
    exclude = ["strategy_activity"]

    def visible_to(self, user) -> QuerySet:
        return Measure.objects.filter(process__in=moderated_processes(user))
