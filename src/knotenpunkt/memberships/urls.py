from django.urls import path

from knotenpunkt.memberships.views import applications, dunning, fees, sepa

app_name = "memberships"
urlpatterns = [
    # fees: schedules and fee runs
    path("fees/", fees.overview, name="fees"),
    path("fees/<slug:slug>/schedules/", fees.schedules, name="schedules"),
    path("fees/<slug:slug>/schedules/new/", fees.schedule_new, name="schedule_new"),
    path("fees/<slug:slug>/run/", fees.fee_run, name="fee_run"),
    path("fees/runs/<int:pk>/", fees.fee_run_detail, name="fee_run_detail"),
    path("fees/memberships/<int:pk>/", fees.individual_fee, name="individual_fee"),
    path("billing/<slug:slug>/", fees.billing_details, name="billing_details"),
    # applications
    path("apply/", applications.apply, name="apply"),
    path("apply/<slug:cluster>/", applications.apply_to, name="apply_to"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/approve/",
        applications.application_approve,
        name="application_approve",
    ),
    path(
        "applications/<int:pk>/changes/",
        applications.application_ask_for_changes,
        name="application_ask_for_changes",
    ),
    path(
        "applications/<int:pk>/decline/",
        applications.application_decline,
        name="application_decline",
    ),
    path("documents/", applications.documents, name="documents"),
    path(
        "documents/<slug:cluster>/<slug:kind>/<int:version>/",
        applications.document,
        name="document",
    ),
    # sepa: creditor settings, mandates, exports, returns
    path("mandate/<slug:organisation>/<slug:cluster>/", sepa.mandate_give, name="mandate_give"),
    path("sepa/settings/", sepa.settings_list, name="sepa_settings"),
    path("sepa/settings/<slug:cluster>/", sepa.settings_edit, name="sepa_settings_edit"),
    path("sepa/mandates/", sepa.mandate_list, name="mandates"),
    path("sepa/mandates/<int:pk>/", sepa.mandate_detail, name="mandate_detail"),
    path("sepa/mandates/<int:pk>/amend/", sepa.mandate_amend, name="mandate_amend"),
    path("sepa/mandates/<int:pk>/revoke/", sepa.mandate_revoke, name="mandate_revoke"),
    path("sepa/mandates/paper/<slug:cluster>/", sepa.mandate_paper, name="mandate_paper"),
    path("sepa/export/", sepa.export, name="sepa_export"),
    path("sepa/files/", sepa.batch_list, name="debit_batches"),
    path("sepa/files/<int:pk>/", sepa.batch_detail, name="debit_batch"),
    path("sepa/files/<int:pk>/download/", sepa.batch_download, name="debit_batch_download"),
    path("sepa/returns/", sepa.returns_import, name="sepa_returns"),
    path("sepa/debits/<int:pk>/return/", sepa.debit_return, name="debit_return"),
    # dunning: open items, reminder levels, pauses, payments
    path("dunning/", dunning.open_items_list, name="open_items"),
    path("dunning/open-items.csv", dunning.open_items_csv, name="open_items_csv"),
    path(
        "dunning/organisations/<slug:slug>/",
        dunning.organisation_fees,
        name="organisation_fees",
    ),
    path("dunning/organisations/<slug:slug>/pause/", dunning.pause, name="dunning_pause"),
    path("dunning/pauses/<int:pk>/resume/", dunning.resume, name="dunning_resume"),
    path("dunning/invoices/<int:pk>/payment/", dunning.record_payment, name="record_payment"),
    path("dunning/levels/", dunning.reminder_levels, name="reminder_levels"),
    path(
        "dunning/levels/<slug:slug>/usual/",
        dunning.reminder_level_defaults,
        name="reminder_level_defaults",
    ),
    path(
        "dunning/levels/<slug:slug>/new/",
        dunning.reminder_level_create,
        name="reminder_level_create",
    ),
    path("dunning/levels/edit/<int:pk>/", dunning.reminder_level_edit, name="reminder_level_edit"),
]
