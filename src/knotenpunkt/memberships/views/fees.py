"""Staff pages of fee schedules and fee runs."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after


@login_required
def overview(request):
    """The treasurer's start page: per cluster the schedule, runs, debits and open items."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user)
    return render(request, "memberships/fees.html", {"clusters": clusters})
