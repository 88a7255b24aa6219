from django.urls import path

from knotenpunkt.memberships.views import applications, dunning, fees, sepa

app_name = "memberships"
urlpatterns = [
    # fees: schedules and fee runs
    path("fees/", fees.overview, name="fees"),
    # applications
    # sepa: creditor settings, mandates, exports, returns
    # dunning: open items, reminder levels, pauses, payments
]
