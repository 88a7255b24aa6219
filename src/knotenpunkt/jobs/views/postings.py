"""Posting, editing and the life of a posting; the cluster management's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.jobs.forms.postings import (
    DEFAULT_VALIDITY,
    ClusterSettingsForm,
    PostingForm,
    RejectForm,
    RenewForm,
)
from knotenpunkt.jobs.models import ClusterJobSettings, JobPosting
from knotenpunkt.jobs.rules import organisations_for_posting, own_postings, visible_postings
from knotenpunkt.jobs.services import postings as services
from knotenpunkt.jobs.views.board import detail_response

Status = JobPosting.Status
LIST_SIZE = 100


def _posting(slug) -> JobPosting:
    return get_object_or_404(JobPosting.objects.select_related("organisation", "region"), slug=slug)


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _submitted_message(posting: JobPosting) -> str:
    if posting.status == Status.IN_REVIEW:
        return _("The posting is with the cluster management for review.")
    return _("The posting is published.")


@login_required
def posting_new(request):
    """Which organisation to post for: straight to the form when there is only one."""
    require_perm(request, "jobs.post_job")
    organisations = list(organisations_for_posting(request.user).order_by("name"))
    if len(organisations) == 1:
        return redirect("jobs:create", organisation=organisations[0].slug)
    return render(request, "jobs/choose_organisation.html", {"organisations": organisations})


@login_required
def posting_create(request, organisation):
    organisation = get_object_or_404(Organisation, slug=organisation)
    require_perm(request, "jobs.post_job", organisation)
    clusters = services.clusters_for_posting(request.user, organisation)
    form = PostingForm(request.POST or None, clusters=clusters, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            posting = services.create_posting(
                request.user,
                organisation,
                form.posting_data(),
                topics=form.cleaned_data["topics"],
                clusters=form.cleaned_data["clusters"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "publish" in request.POST:
                posting = services.submit_posting(request.user, posting)
                messages.success(request, _submitted_message(posting))
            else:
                messages.success(request, _("The draft is saved. Publish it when it is ready."))
            return redirect(posting)
    return render(
        request,
        "jobs/posting_form.html",
        {"form": form, "organisation": organisation, "posting": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def posting_edit(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.edit_posting", posting)
    clusters = services.clusters_for_posting(request.user, posting.organisation)
    form = PostingForm(request.POST or None, instance=posting, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        try:
            posting = services.change_posting(
                request.user,
                posting,
                form.posting_data(),
                topics=form.cleaned_data["topics"],
                clusters=form.cleaned_data["clusters"],
            )
            if "publish" in request.POST and posting.status in (
                Status.DRAFT,
                Status.REJECTED,
                Status.WITHDRAWN,
            ):
                posting = services.submit_posting(request.user, posting)
                messages.success(request, _submitted_message(posting))
            elif posting.status == Status.IN_REVIEW:
                messages.success(
                    request, _("Saved. The posting is with the cluster management for review.")
                )
            else:
                messages.success(request, _("The posting is saved."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(posting)
    return render(
        request,
        "jobs/posting_form.html",
        {"form": form, "organisation": posting.organisation, "posting": posting},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def posting_submit(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.edit_posting", posting)
    try:
        posting = services.submit_posting(request.user, posting)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(request, _submitted_message(posting))
    return redirect(posting)


@login_required
@require_POST
def posting_withdraw(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.edit_posting", posting)
    services.withdraw_posting(request.user, posting)
    messages.success(request, _("The posting is withdrawn; it no longer appears on the board."))
    return redirect(posting)


@login_required
def posting_renew(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.edit_posting", posting)
    today = timezone.localdate()
    if not services.may_be_renewed(posting, today):
        messages.error(request, _("Only a published or expired posting can be extended."))
        return redirect(posting)
    form = RenewForm(
        request.POST or None,
        initial={"valid_until": min(today + DEFAULT_VALIDITY, services.latest_valid_until(today))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.renew_posting(request.user, posting, form.cleaned_data["valid_until"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The posting is extended."))
            return redirect(posting)
    return render(
        request,
        "jobs/renew.html",
        {"form": form, "posting": posting, "latest": services.latest_valid_until(today)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def posting_approve(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.review_posting", posting)
    try:
        services.approve_posting(request.user, posting)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(request, _("The posting is approved and published."))
    return redirect("jobs:review")


@login_required
@require_POST
def posting_reject(request, slug):
    posting = _posting(slug)
    require_perm(request, "jobs.review_posting", posting)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return detail_response(request, posting, reject_form=form)
    try:
        services.reject_posting(request.user, posting, form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect(posting)
    messages.success(request, _("The posting is rejected; the poster is told why."))
    return redirect("jobs:review")


@login_required
def my_postings(request):
    """The postings of the organisations the user administers, and those they posted."""
    postings = (
        JobPosting.objects.filter(
            Q(pk__in=own_postings(request.user).values("pk")) | Q(posted_by=request.user)
        )
        .select_related("organisation")
        .order_by("-updated_at", "-pk")[:LIST_SIZE]
    )
    today = timezone.localdate()
    rows = [(p, Status(p.current_status(today)).label) for p in postings]
    return render(
        request,
        "jobs/mine.html",
        {"rows": rows, "may_post": request.user.has_perm("jobs.post_job")},
    )


@login_required
def review(request):
    """The cluster management's page: postings waiting for review, the latest others of
    their clusters, and each cluster's review setting."""
    require_perm(request, "jobs.review_postings")
    postings = visible_postings(request.user).select_related("organisation")
    waiting = list(postings.filter(status=Status.IN_REVIEW).order_by("updated_at", "pk"))
    today = timezone.localdate()
    others = [
        (p, Status(p.current_status(today)).label)
        for p in postings.exclude(status=Status.IN_REVIEW).order_by("-updated_at", "-pk")[
            :LIST_SIZE
        ]
    ]
    clusters = list(clusters_looked_after(request.user).order_by("name"))
    settings = {s.cluster_id: s for s in ClusterJobSettings.objects.filter(cluster__in=clusters)}
    cluster_forms = [
        (
            cluster,
            ClusterSettingsForm(
                instance=settings.get(cluster.pk) or ClusterJobSettings(cluster=cluster),
                prefix=f"cluster-{cluster.pk}",
            ),
        )
        for cluster in clusters
    ]
    return render(
        request,
        "jobs/review.html",
        {
            "waiting": waiting,
            "others": others,
            "cluster_forms": cluster_forms,
            "reject_form": RejectForm(),
        },
    )


@login_required
@require_POST
def cluster_settings(request, cluster):
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=cluster)
    require_perm(request, "jobs.configure_board", cluster)
    form = ClusterSettingsForm(request.POST, prefix=f"cluster-{cluster.pk}")
    if form.is_valid():
        services.save_cluster_settings(
            request.user, cluster, review_required=form.cleaned_data["review_required"]
        )
        messages.success(
            request, _("The settings of %(cluster)s are saved.") % {"cluster": cluster}
        )
    return redirect("jobs:review")
