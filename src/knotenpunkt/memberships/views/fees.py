"""Staff pages of fee schedules and fee runs, and an organisation's billing details."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.memberships.forms.fees import (
    BillingDetailsForm,
    FeeRunForm,
    IndividualFeeForm,
    ScheduleForm,
    rate_field_name,
)
from knotenpunkt.memberships.models import BillingDetails, FeeOverride
from knotenpunkt.memberships.rules import visible_fee_runs, visible_schedules
from knotenpunkt.memberships.services.fee_runs import plan_fee_run, run_fees
from knotenpunkt.memberships.services.schedules import (
    save_schedule,
    schedule_in_force,
    set_individual_fee,
)


def _cluster(request, slug):
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=slug)
    require_perm(request, "memberships.manage_fees", cluster)
    return cluster


@login_required
def overview(request):
    """The treasurer's start page: per cluster this year's and next year's schedule and
    the latest fee runs, with the way to everything else."""
    require_perm(request, "memberships.view_fees")
    year = timezone.localdate().year
    clusters = [
        {
            "cluster": cluster,
            "schedules": [(y, schedule_in_force(cluster, y)) for y in (year, year + 1)],
            "runs": list(visible_fee_runs(request.user).filter(cluster=cluster)[:3]),
        }
        for cluster in clusters_looked_after(request.user)
    ]
    return render(request, "memberships/fees.html", {"clusters": clusters, "year": year})


@login_required
def schedules(request, slug):
    cluster = _cluster(request, slug)
    versions = (
        visible_schedules(request.user)
        .filter(cluster=cluster)
        .prefetch_related("rates")
        .select_related("created_by")
    )
    return render(request, "memberships/schedules.html", {"cluster": cluster, "versions": versions})


@login_required
def schedule_new(request, slug):
    """A new version of a year's schedule, prefilled from the version in force."""
    cluster = _cluster(request, slug)
    year = bounded_int(
        request.POST.get("year") or request.GET.get("year"),
        default=timezone.localdate().year,
        minimum=2000,
        maximum=2100,
    )
    previous = schedule_in_force(cluster, year) or schedule_in_force(cluster, year - 1)
    same_year = previous if previous is not None and previous.year == year else None
    form = ScheduleForm(
        request.POST or None,
        year=year,
        previous=same_year,
        initial=_initial_from(previous, year),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule = save_schedule(
                request.user,
                cluster,
                year,
                rates=form.rates(),
                **{k: v for k, v in data.items() if not k.startswith("rate_")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The fee schedule %(year)s (version %(version)s) is saved and in force.")
                % {"year": year, "version": schedule.version},
            )
            return redirect("memberships:schedules", slug=cluster.slug)
    return render(
        request,
        "memberships/schedule_form.html",
        {"cluster": cluster, "form": form, "year": year, "previous": same_year},
    )


def _initial_from(previous, year: int) -> dict:
    if previous is None:
        return {}
    initial = {
        field: getattr(previous, field)
        for field in ScheduleForm.Meta.fields
        if field not in ("change_reason", "due_date")
    }
    due = previous.due_date
    initial["due_date"] = due.replace(year=due.year + (year - previous.year))
    if previous.year != year:
        # Last year's fees as the starting point of a new year's schedule.
        for rate in previous.rates.all():
            initial[rate_field_name(rate.kind, rate.size_class)] = rate.amount
    return initial


@login_required
def fee_run(request, slug):
    """Preview a run (what would be billed, exempted, left out), then run it."""
    cluster = _cluster(request, slug)
    form = FeeRunForm(request.POST or None, initial={"year": timezone.localdate().year})
    plan = None
    if request.method == "POST" and form.is_valid():
        year, due = form.cleaned_data["year"], form.cleaned_data["due_date"]
        try:
            if request.POST.get("action") == "run":
                result = run_fees(request.user, cluster, year, due_date=due)
                summary = result.summary()
                if result.run is None:
                    messages.info(request, _("Nothing to bill: every membership is billed."))
                    return redirect("memberships:fee_run", slug=cluster.slug)
                messages.success(
                    request,
                    _(
                        "%(invoices)s fee invoices issued, %(total)s EUR in all; they are "
                        "being mailed. %(skipped)s memberships were not billed."
                    )
                    % summary,
                )
                return redirect("memberships:fee_run_detail", pk=result.run.pk)
            plan = plan_fee_run(cluster, year, due)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "memberships/fee_run.html",
        {
            "cluster": cluster,
            "form": form,
            "plan": plan,
            "runs": visible_fee_runs(request.user).filter(cluster=cluster)[:10],
        },
    )


@login_required
def fee_run_detail(request, pk):
    run = get_object_or_404(visible_fee_runs(request.user).select_related("cluster"), pk=pk)
    require_perm(request, "memberships.manage_fees", run.cluster)
    charges = run.charges.select_related("membership__organisation", "invoice").order_by(
        "membership__organisation__name"
    )
    return render(request, "memberships/fee_run_detail.html", {"run": run, "charges": charges})


@login_required
def individual_fee(request, pk):
    membership = get_object_or_404(
        Membership.objects.filter(cluster__in=clusters_looked_after(request.user)).select_related(
            "organisation", "cluster"
        ),
        pk=pk,
    )
    require_perm(request, "memberships.manage_fees", membership.cluster)
    override = FeeOverride.objects.filter(membership=membership).first()
    form = IndividualFeeForm(
        request.POST or None,
        initial={"amount": override.amount, "reason": override.reason} if override else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_individual_fee(
                request.user, membership, form.cleaned_data["amount"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The individual fee is saved."))
            return redirect("directory:organisation", slug=membership.organisation.slug)
    year = timezone.localdate().year
    schedule = schedule_in_force(membership.cluster, year)
    return render(
        request,
        "memberships/individual_fee.html",
        {"membership": membership, "form": form, "override": override, "schedule": schedule},
    )


@login_required
def billing_details(request, slug):
    """Where an organisation's fee invoices go: its admins and the staff set it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "directory.edit_organisation", organisation)
    details = BillingDetails.objects.filter(organisation=organisation).first()
    form = BillingDetailsForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation = organisation
        form.save()
        messages.success(request, _("The billing details are saved."))
        return redirect("memberships:billing_details", slug=organisation.slug)
    return render(
        request,
        "memberships/billing_details.html",
        {"organisation": organisation, "form": form},
    )
