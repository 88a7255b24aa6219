"""Commitment pages: the public text with its signatories (where organisation admins
sign), and the cluster management's pages that draft and publish versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.commitments.forms import CommitmentForm, DraftForm, add_service_errors
from knotenpunkt.commitments.models import Commitment
from knotenpunkt.commitments.rules import visible_commitments
from knotenpunkt.commitments.services import commitments as services
from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.directory.models import Organisation

# --- public -----------------------------------------------------------------------------


def commitment_list(request):
    """The published commitments of every cluster."""
    commitments = list(services.published_commitments())
    return render(request, "commitments/commitment_list.html", {"commitments": commitments})


def _published(slug) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("cluster"), slug=slug)
    return commitment


def commitment_detail(request, slug):
    """The current text, the listed signatories and, for organisation admins of members,
    signing and withdrawing."""
    commitment = _published(slug)
    current = services.current_version(commitment)
    if current is None:
        raise Http404
    organisations = [
        {"organisation": o, "status": services.status_of(commitment, o)}
        for o in services.organisations_to_sign_for(request.user, commitment)
    ]
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "version": current,
            "text_html": render_markdown(current.text),
            "signatories": services.signatories(commitment),
            "organisations": organisations,
            "earlier_versions": commitment.versions.filter(published_at__isnull=False)
            .exclude(pk=current.pk)
            .order_by("-number"),
            "can_manage": request.user.has_perm("commitments.manage_commitment", commitment),
        },
    )


def version_detail(request, slug, number):
    """An earlier published version's text, for signatories comparing what they signed."""
    commitment = _published(slug)
    version = get_object_or_404(
        commitment.versions.filter(published_at__isnull=False), number=number
    )
    return render(
        request,
        "commitments/version_detail.html",
        {
            "commitment": commitment,
            "version": version,
            "text_html": render_markdown(version.text),
            "current": services.current_version(commitment),
        },
    )


def _organisation_for_signing(request, commitment) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=request.POST.get("organisation", ""))
    require_perm(request, "commitments.sign", organisation)
    return organisation


@login_required
@require_POST
def sign(request, slug):
    commitment = _published(slug)
    organisation = _organisation_for_signing(request, commitment)
    try:
        signature = services.sign(request.user, commitment, organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s has signed version %(number)s of “%(title)s”.")
            % {
                "organisation": organisation.name,
                "number": signature.version.number,
                "title": commitment.title,
            },
        )
    return redirect(commitment)


@login_required
@require_POST
def withdraw(request, slug):
    commitment = _published(slug)
    organisation = _organisation_for_signing(request, commitment)
    try:
        services.withdraw(request.user, commitment, organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The signature of %(organisation)s has been withdrawn.")
            % {"organisation": organisation.name},
        )
    return redirect(commitment)


# --- the cluster management -------------------------------------------------------------


@login_required
def manage_list(request):
    """The commitments of the clusters the user looks after, with their signatories."""
    require_perm(request, "commitments.view_commitments")
    commitments = visible_commitments(request.user).select_related("cluster")
    rows = [
        {
            "commitment": c,
            "current": services.current_version(c),
            "draft": services.draft_of(c),
            "signatories": len(services.signatories(c, listed_only=False)),
        }
        for c in commitments.order_by("cluster__name", "title")
    ]
    return render(request, "commitments/manage_list.html", {"rows": rows})


@login_required
def create(request):
    require_perm(request, "commitments.view_commitments")
    form = CommitmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment = services.create_commitment(
                request.user,
                data["cluster"],
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                text=data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The commitment has been saved as a draft. Publish it when it is ready.")
            )
            return redirect("commitments:manage_detail", slug=commitment.slug)
    return render(
        request,
        "commitments/commitment_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _managed(request, slug) -> Commitment:
    # Another cluster's commitment is not there for this user's management pages: 404.
    commitment = get_object_or_404(
        visible_commitments(request.user).select_related("cluster"), slug=slug
    )
    require_perm(request, "commitments.manage_commitment", commitment)
    return commitment


@login_required
def manage_detail(request, slug):
    """Versions, the draft (editable) and every valid signature, listed or not."""
    commitment = _managed(request, slug)
    draft = services.draft_of(commitment)
    form = None
    if draft is not None:
        form = DraftForm(
            request.POST or None,
            initial={"text": draft.text, "change_summary": draft.change_summary},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_draft(request.user, draft, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The draft has been saved."))
                return redirect("commitments:manage_detail", slug=slug)
    elif request.method == "POST":
        messages.error(request, _("There is no draft to save."))
        return redirect("commitments:manage_detail", slug=slug)
    return render(
        request,
        "commitments/manage_detail.html",
        {
            "commitment": commitment,
            "draft": draft,
            "draft_html": render_markdown(draft.text) if draft else "",
            "form": form,
            "current": services.current_version(commitment),
            "versions": commitment.versions.filter(published_at__isnull=False).order_by("-number"),
            "signatories": services.signatories(commitment, listed_only=False),
            "history": entries_for(commitment)[:20],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
@require_POST
def new_version(request, slug):
    commitment = _managed(request, slug)
    services.start_new_version(request.user, commitment)
    messages.success(request, _("A new version has been started from the current text."))
    return redirect("commitments:manage_detail", slug=slug)


@login_required
@require_POST
def publish(request, slug):
    commitment = _managed(request, slug)
    draft = services.draft_of(commitment)
    if draft is None:
        messages.error(request, _("There is no draft to publish."))
        return redirect("commitments:manage_detail", slug=slug)
    try:
        services.publish_version(request.user, draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("commitments:manage_detail", slug=slug)
    messages.success(
        request,
        _("Version %(number)s has been published.") % {"number": draft.number},
    )
    return redirect(commitment)
