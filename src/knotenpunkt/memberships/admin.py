"""The back office of membership fees: every admin scoped by the app's `visible_…` rules."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.memberships import rules as membership_rules
from knotenpunkt.memberships.models import (
    BillingDetails,
    ClusterDocument,
    DebitBatch,
    DirectDebitSettings,
    DunningPause,
    FeeCharge,
    FeeRate,
    FeeRun,
    FeeSchedule,
    Mandate,
    MembershipApplication,
    PaymentRecord,
    Reminder,
    ReminderLevel,
)


# fee schedules and runs
class FeeRateInline(admin.TabularInline):
    model = FeeRate
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeeSchedule)
class FeeScheduleAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: a schedule is saved as a new version on the fee pages, never edited."""

    list_display = ["cluster", "year", "version", "due_date", "pro_rata", "created_at"]
    list_filter = ["cluster", "year"]
    list_select_related = ["cluster"]
    inlines = [FeeRateInline]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_schedules(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeRun)
class FeeRunAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["cluster", "year", "started_at", "invoices", "total", "skipped"]
    list_filter = ["cluster", "year"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_fee_runs(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeeCharge)
class FeeChargeAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: charges are what fee runs billed, tied to their invoices."""

    list_display = ["membership", "year", "kind", "period_start", "period_end", "amount", "invoice"]
    list_filter = ["kind", "year", "membership__cluster"]
    search_fields = ["membership__organisation__name", "invoice__number"]
    list_select_related = ["membership__organisation", "membership__cluster", "invoice"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_fee_charges(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BillingDetails)
class BillingDetailsAdmin(ScopedAdmin):
    list_display = ["organisation", "invoice_email", "leitweg_id"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_billing_details(user)


# sepa
@admin.register(DirectDebitSettings)
class DirectDebitSettingsAdmin(ScopedAdmin):
    list_display = ["cluster", "creditor_id", "creditor_name", "mandate_prefix", "return_fee"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_direct_debit_settings(user)


@admin.register(Mandate)
class MandateAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: a mandate is given, amended and revoked on the SEPA pages, which keep
    its history and audit every step."""

    list_display = ["reference", "organisation", "cluster", "scheme", "status", "signed_on"]
    list_filter = ["status", "scheme", "source", "cluster"]
    search_fields = ["reference", "organisation__name", "account_holder"]
    list_select_related = ["organisation", "cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_mandates(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DebitBatch)
class DebitBatchAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: a file is what was sent to the bank."""

    list_display = ["message_id", "cluster", "collection_date", "transactions", "total"]
    list_filter = ["cluster", "collection_date"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_debit_batches(user)

    def has_delete_permission(self, request, obj=None):
        return False


# dunning
@admin.register(ReminderLevel)
class ReminderLevelAdmin(ScopedAdmin):
    list_display = ["cluster", "level", "days_after_due", "fee", "subject"]
    list_filter = ["cluster"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_reminder_levels(user)


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: reminders are written by the daily run, together with their mail."""

    list_display = ["invoice", "level", "fee", "sent_on", "sent_to"]
    list_filter = ["level", "sent_on"]
    search_fields = ["invoice__number", "invoice__buyer_name"]
    list_select_related = ["invoice"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_reminders(user)


@admin.register(DunningPause)
class DunningPauseAdmin(ScopedAdmin):
    list_display = ["organisation", "cluster", "reason", "paused_at", "ended_at"]
    list_filter = ["cluster"]
    search_fields = ["organisation__name", "reason"]
    list_select_related = ["organisation", "cluster"]
    autocomplete_fields = ["organisation"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_dunning_pauses(user)


@admin.register(PaymentRecord)
class PaymentRecordAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: a payment is recorded on the open items page, which marks the invoice
    paid in the same step; a row added here would leave the invoice open."""

    list_display = ["invoice", "method", "amount", "paid_on", "recorded_by"]
    list_filter = ["method", "paid_on"]
    search_fields = ["invoice__number", "invoice__buyer_name"]
    list_select_related = ["invoice", "recorded_by"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_payment_records(user)


# applications
@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: staff decide on the application pages, which admit the member and mail
    the applicant in the same step."""

    list_display = ["organisation", "cluster", "kind", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "kind", "cluster"]
    search_fields = ["organisation__name", "applicant__email"]
    list_select_related = ["organisation", "cluster"]
    date_hierarchy = "submitted_at"

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_applications(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClusterDocument)
class ClusterDocumentAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: a published version is never changed (acceptances point at it); a new
    version is published on the documents page."""

    list_display = ["title", "cluster", "kind", "version", "valid_from", "created_at"]
    list_filter = ["kind", "cluster"]
    search_fields = ["title"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return membership_rules.visible_documents(user)

    def has_delete_permission(self, request, obj=None):
        return False
