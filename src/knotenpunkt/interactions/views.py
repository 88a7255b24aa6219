"""The cluster management's interaction pages: lists, the record and change forms, one
interaction with its follow-ups, the user's own open follow-ups and the CSV export."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import visible_organisations
from knotenpunkt.interactions.forms import (
    FollowUpForm,
    InteractionFilterForm,
    InteractionForm,
    add_service_errors,
)
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.interactions.rules import readable_notes, visible_follow_ups, visible_interactions
from knotenpunkt.interactions.services import follow_ups as follow_up_services
from knotenpunkt.interactions.services import interactions as services

PAGE_SIZE = 50


def _filtered(request):
    form = InteractionFilterForm(request.GET or None, user=request.user)
    interactions = form.apply(
        visible_interactions(request.user)
        .select_related("cluster", "organisation", "introduced_to", "created_by")
        .order_by("-date", "-pk")
    )
    return form, interactions


@login_required
def interaction_list(request):
    """The interactions of the clusters the user looks after, newest first."""
    require_perm(request, "interactions.view_interactions")
    form, interactions = _filtered(request)
    page = Paginator(interactions.prefetch_related("people"), PAGE_SIZE).get_page(
        bounded_int(request.GET.get("page"), 1, minimum=1)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interactions/interaction_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "open_follow_ups": follow_up_services.open_follow_ups_of(request.user).count(),
        },
    )


@login_required
def interaction_export(request):
    """The filtered interactions as CSV; someone else's private notes stay out."""
    require_perm(request, "interactions.view_interactions")
    _form, interactions = _filtered(request)
    interactions = interactions.prefetch_related("people", "staff", "topics", "follow_ups")
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Date"),
            _("Cluster"),
            _("Kind"),
            _("Organisation"),
            _("People met"),
            _("Staff who took part"),
            _("Topics"),
            _("Short summary"),
            _("Internal notes"),
            _("Introduced to"),
            _("Open follow-ups"),
        ]
    )
    for interaction in interactions:
        writer.writerow(
            [
                interaction.date.isoformat(),
                interaction.cluster.name,
                interaction.get_kind_display(),
                interaction.organisation.name,
                ", ".join(p.full_name for p in interaction.people.all()),
                ", ".join(u.get_full_name() or u.email for u in interaction.staff.all()),
                ", ".join(t.label for t in interaction.topics.all()),
                interaction.summary,
                readable_notes(request.user, interaction),
                interaction.introduced_to.name if interaction.introduced_to else "",
                sum(1 for f in interaction.follow_ups.all() if f.is_open),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="interactions-{stamp}.csv"'
    return response


@login_required
def my_follow_ups(request):
    """The user's own open follow-ups, overdue ones first."""
    require_perm(request, "interactions.view_interactions")
    return render(
        request,
        "interactions/my_follow_ups.html",
        {
            "follow_ups": follow_up_services.open_follow_ups_of(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def interaction_create(request, organisation):
    """Record an interaction with one organisation (staff of its clusters)."""
    organisation = get_object_or_404(visible_organisations(request.user), slug=organisation)
    require_perm(request, "interactions.record_interaction", organisation)
    form = InteractionForm(
        request.POST or None,
        user=request.user,
        organisation=organisation,
        initial=None if request.method == "POST" else _initial(request, organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        follow_ups = []
        if data["follow_up_title"]:
            follow_ups.append((data["follow_up_title"], data["follow_up_due_on"], request.user))
        try:
            interaction = services.record_interaction(
                request.user, organisation, follow_ups=follow_ups, **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interaction has been recorded."))
            return redirect(interaction)
    return render(
        request,
        "interactions/interaction_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.is_bound else 200,
    )


def _initial(request, organisation) -> dict:
    clusters = services.clusters_for(request.user, organisation)
    initial = {
        "date": timezone.localdate(),
        "staff": [request.user.pk],
        "notes_visibility": Interaction.NotesVisibility.STAFF,
    }
    if request.GET.get("kind") in Interaction.Kind.values:
        initial["kind"] = request.GET["kind"]
    first = clusters.first()
    if first is not None:
        initial["cluster"] = first.pk
    return initial


def _interaction(request, pk) -> Interaction:
    # Another cluster's interaction is not there for this user: 404, no oracle for ids.
    return get_object_or_404(
        visible_interactions(request.user).select_related(
            "cluster", "organisation", "introduced_to", "created_by"
        ),
        pk=pk,
    )


def _detail_page(request, interaction, follow_up_form=None, status=200):
    return render(
        request,
        "interactions/interaction_detail.html",
        {
            "interaction": interaction,
            "notes": readable_notes(request.user, interaction),
            "people": interaction.people.order_by("last_name", "first_name"),
            "staff": interaction.staff.order_by("last_name", "email"),
            "topics": interaction.topics.all(),
            "follow_ups": interaction.follow_ups.select_related("assignee").order_by(
                "done_at", "due_on", "pk"
            ),
            "follow_up_form": follow_up_form
            or FollowUpForm(interaction=interaction, user=request.user),
            "today": timezone.localdate(),
            "history": entries_for(interaction)[:20],
        },
        status=status,
    )


@login_required
def interaction_detail(request, pk):
    interaction = _interaction(request, pk)
    require_perm(request, "interactions.change_interaction", interaction)
    return _detail_page(request, interaction)


@login_required
def interaction_edit(request, pk):
    interaction = _interaction(request, pk)
    require_perm(request, "interactions.change_interaction", interaction)
    form = InteractionForm(
        request.POST or None,
        user=request.user,
        organisation=interaction.organisation,
        interaction=interaction,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_interaction(request.user, interaction, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interaction has been saved."))
            return redirect(interaction)
    return render(
        request,
        "interactions/interaction_form.html",
        {"form": form, "organisation": interaction.organisation, "interaction": interaction},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def interaction_delete(request, pk):
    interaction = _interaction(request, pk)
    require_perm(request, "interactions.change_interaction", interaction)
    organisation = interaction.organisation
    services.delete_interaction(request.user, interaction)
    messages.success(request, _("The interaction has been deleted."))
    return redirect(organisation)


@login_required
@require_POST
def follow_up_add(request, pk):
    interaction = _interaction(request, pk)
    require_perm(request, "interactions.change_interaction", interaction)
    form = FollowUpForm(request.POST, interaction=interaction, user=request.user)
    if form.is_valid():
        try:
            follow_up_services.add_follow_up(request.user, interaction, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up has been added."))
            return redirect(interaction)
    return _detail_page(request, interaction, follow_up_form=form, status=400)


@login_required
@require_POST
def follow_up_done(request, pk):
    follow_up = get_object_or_404(
        visible_follow_ups(request.user).select_related("interaction__cluster"), pk=pk
    )
    require_perm(request, "interactions.change_interaction", follow_up.interaction)
    done = request.POST.get("done", "1") != "0"
    follow_up_services.mark_done(request.user, follow_up, done=done)
    messages.success(
        request,
        _("The follow-up is done.") if done else _("The follow-up is open again."),
    )
    if request.POST.get("next") == "mine":
        return redirect("interactions:my_follow_ups")
    return redirect(follow_up.interaction)
