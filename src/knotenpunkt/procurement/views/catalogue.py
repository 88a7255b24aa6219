"""The catalogue's pages: search, compare, an offering's page, the provider's listing
work, the staff review and buyer reviews. Views parse input, ask the rules and call the
services in `services/listing.py`, `catalogue_search.py` and `reviews.py`."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.directory.models import Organisation, Position
from knotenpunkt.procurement.forms.catalogue import (
    BuyerReviewForm,
    DocumentFormSet,
    OfferingForm,
    ReviewDecisionForm,
    WithdrawForm,
)
from knotenpunkt.procurement.models.catalogue import Offering, OfferingDocument, OfferingVersion
from knotenpunkt.procurement.rules import visible_versions_to_review
from knotenpunkt.procurement.services import catalogue_search, listing, reviews
from knotenpunkt.procurement.services.roles import organisation_ids

Status = OfferingVersion.Status
PAGE_SIZE = 20
SHOWN_TO_BUYERS = (Status.PUBLISHED, Status.SUPERSEDED)


def _offering(slug) -> Offering:
    return get_object_or_404(Offering.objects.select_related("provider", "published"), slug=slug)


def _is_insider(user, offering) -> bool:
    """The provider's people and the staff who look after it see versions not listed."""
    return user.has_perm("procurement.view_unlisted_offering", offering)


def _may_see_version(user, version) -> bool:
    return user.has_perm("procurement.view_offering_version", version)


def _version_with_details(pk) -> OfferingVersion:
    return (
        OfferingVersion.objects.select_related("offering__provider", "offering__published")
        .prefetch_related("themenfelder", "interfaces", "documents")
        .get(pk=pk)
    )


# --- search and compare ---


def catalogue(request):
    query = request.GET.get("q", "")[:200]
    result = catalogue_search.search(query, request.GET)
    page = Paginator(result.versions, PAGE_SIZE).get_page(request.GET.get("page"))
    for version in page.object_list:
        version.badges = catalogue_search.badges(version)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "procurement/catalogue/search.html",
        {
            "result": result,
            "page": page,
            "querystring": querystring.urlencode(),
            "filtered": bool(result.query or result.filters),
            # Filters in use open the disclosure, so the buyer sees what narrows the list.
            "active_filters": sum(len(values) for values in result.filters.values()),
        },
    )


def compare(request):
    ids = request.GET.getlist("ids") + request.GET.getlist("compare")
    try:
        rows = catalogue_search.compare(ids)
    except ValidationError as error:
        return render(
            request,
            "procurement/catalogue/compare.html",
            {"errors": error.messages, "rows": []},
            status=400,
        )
    return render(request, "procurement/catalogue/compare.html", {"rows": rows, "errors": []})


# --- an offering's page ---


def _certificates(version):
    return {
        "c5": catalogue_search.certificate_claim(version, OfferingDocument.Kind.C5),
        "iso27001": catalogue_search.certificate_claim(version, OfferingDocument.Kind.ISO27001),
    }


def _version_page(request, offering, version, *, review_form=None, status=200):
    insider = _is_insider(request.user, offering)
    is_current = offering.is_listed and version.pk == offering.published_id
    may_review = is_current and request.user.has_perm("procurement.review_offering", offering)
    if may_review and review_form is None:
        review_form = BuyerReviewForm()
    working = offering.working_version() if insider else None
    return render(
        request,
        "procurement/catalogue/offering_detail.html",
        {
            "offering": offering,
            "version": version,
            "description_html": render_markdown(version.description),
            "price": catalogue_search.price_text(version) if version.price_model else "",
            "documents": list(version.documents.all()),
            "certificates": _certificates(version),
            "reviews": list(reviews.reviews_for(offering)),
            "average_rating": reviews.average_rating(offering),
            "review_form": review_form if may_review else None,
            "is_current": is_current,
            "insider": insider,
            "working": working if working and working.pk != version.pk else None,
            "may_edit": request.user.has_perm("procurement.edit_offering", offering),
            "may_buy": is_current and request.user.has_perm("procurement.buy"),
            "checklist": listing.completeness(version) if insider and version.is_editable else [],
        },
        status=status,
    )


def offering_detail(request, slug, review_form=None, status=200):
    offering = _offering(slug)
    if not request.user.has_perm("procurement.view_offering", offering):
        # Drafts and withdrawn offerings do not exist for outsiders.
        raise Http404
    if offering.is_listed:
        version = offering.published
    elif _is_insider(request.user, offering):
        version = (
            offering.working_version()
            or offering.published
            or offering.versions.order_by("-number").first()
        )
    else:
        raise Http404
    if version is None:
        raise Http404
    version = _version_with_details(version.pk)
    return _version_page(request, offering, version, review_form=review_form, status=status)


def offering_version(request, slug, number):
    offering = _offering(slug)
    version = get_object_or_404(offering.versions.all(), number=number)
    version.offering = offering
    if not _may_see_version(request.user, version):
        raise Http404
    return _version_page(request, offering, _version_with_details(version.pk))


def document(request, pk):
    """Files leave only through this check: a draft's documents stay with the provider."""
    document = get_object_or_404(
        OfferingDocument.objects.select_related("version__offering__provider"), pk=pk
    )
    if not _may_see_version(request.user, document.version) or not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePath(document.file.name).name)


@login_required
@require_POST
def offering_review_write(request, slug):
    offering = _offering(slug)
    require_perm(request, "procurement.review_offering", offering)
    form = BuyerReviewForm(request.POST)
    if form.is_valid():
        try:
            reviews.write_review(
                request.user,
                offering,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your review is published."))
            return redirect(offering)
    return offering_detail(request, slug, review_form=form, status=400)


# --- the provider's listing work ---


def _administered_organisations(user):
    return Organisation.objects.filter(
        pk__in=Position.objects.current()
        .filter(person__user=user, is_admin=True)
        .values("organisation")
    ).order_by("name")


@login_required
def my_offerings(request):
    organisations = list(_administered_organisations(request.user))
    offerings = (
        Offering.objects.filter(provider__in=organisations)
        .select_related("published")
        .prefetch_related("versions")
        .order_by("slug")
    )
    by_provider = {o.pk: [] for o in organisations}
    for offering in offerings:
        versions = sorted(offering.versions.all(), key=lambda v: v.number, reverse=True)
        offering.latest = versions[0] if versions else None
        offering.working = next((v for v in versions if v.status not in SHOWN_TO_BUYERS), None)
        by_provider[offering.provider_id].append(offering)
    groups = [(o, by_provider[o.pk]) for o in organisations]
    return render(request, "procurement/catalogue/my_offerings.html", {"groups": groups})


def _document_formset(request, version):
    return DocumentFormSet(
        request.POST or None,
        request.FILES or None,
        instance=version,
        prefix="documents",
        queryset=OfferingDocument.objects.filter(version=version) if version.pk else None,
    )


def _after_save(request, version):
    """Where a saved draft leads: the review (when "submit" was pressed) or the form again."""
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft is saved."))
        return redirect("procurement:offering_edit", version.offering.slug)
    try:
        listing.submit(request.user, version)
    except ValidationError as error:
        messages.error(
            request,
            _("Your changes are saved, but the offering cannot be submitted yet: %(items)s")
            % {"items": " ".join(error.messages)},
        )
        return redirect("procurement:offering_edit", version.offering.slug)
    messages.success(
        request, _("Submitted for review. The cluster staff will check it and tell you by e-mail.")
    )
    return redirect(version.offering)


@login_required
def offering_create(request, organisation):
    provider = get_object_or_404(Organisation, slug=organisation)
    require_perm(request, "procurement.list_offering", provider)
    form = OfferingForm(request.POST or None)
    documents = _document_formset(request, OfferingVersion())
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        try:
            with transaction.atomic():
                version = listing.start_offering(request.user, provider, **form.version_data())
                documents.instance = version
                documents.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_save(request, version)
    return render(
        request,
        "procurement/catalogue/offering_form.html",
        {"form": form, "documents": documents, "provider": provider, "version": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def offering_edit(request, slug):
    offering = _offering(slug)
    require_perm(request, "procurement.edit_offering", offering)
    version = offering.working_version()
    if version is None:
        # Starting a new version writes a row: it happens on a button, never on a GET.
        if request.method == "POST" and request.POST.get("action") == "start":
            listing.new_version(request.user, offering)
            return redirect("procurement:offering_edit", offering.slug)
        return render(request, "procurement/catalogue/new_version.html", {"offering": offering})
    version.offering = offering
    checklist = listing.completeness(version)
    if not version.is_editable:
        return render(
            request,
            "procurement/catalogue/offering_locked.html",
            {"offering": offering, "version": version, "checklist": checklist},
        )
    form = OfferingForm(request.POST or None, instance=version)
    documents = _document_formset(request, version)
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        try:
            with transaction.atomic():
                listing.update_draft(request.user, version, **form.version_data())
                documents.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_save(request, version)
    return render(
        request,
        "procurement/catalogue/offering_form.html",
        {
            "form": form,
            "documents": documents,
            "provider": offering.provider,
            "offering": offering,
            "version": version,
            "checklist": checklist,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def offering_withdraw(request, slug):
    offering = _offering(slug)
    require_perm(request, "procurement.edit_offering", offering)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        listing.withdraw(request.user, offering, form.cleaned_data["reason"])
        messages.success(
            request,
            _("The offering is withdrawn from the catalogue. Orders keep the listed version."),
        )
        if offering.provider_id in organisation_ids(request.user):
            return redirect("procurement:my_offerings")
        return redirect("procurement:catalogue")
    return render(
        request,
        "procurement/catalogue/withdraw.html",
        {"offering": offering, "form": form},
        status=400 if form.is_bound else 200,
    )


# --- the staff review ---


@login_required
def review_queue(request):
    require_perm(request, "procurement.view_review_queue")
    versions = visible_versions_to_review(request.user)
    return render(request, "procurement/catalogue/review_queue.html", {"versions": versions})


@login_required
def review_listing(request, pk):
    version = get_object_or_404(
        OfferingVersion.objects.select_related(
            "offering__provider", "offering__published"
        ).prefetch_related("themenfelder", "interfaces", "documents"),
        pk=pk,
    )
    offering = version.offering
    require_perm(request, "procurement.review_listing", offering)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "publish":
                listing.publish(request.user, version)
                messages.success(request, _("Published: buyers see this version now."))
                return redirect(reverse("procurement:review_queue"))
            if action == "request_changes":
                listing.request_changes(request.user, version, form.cleaned_data["note"])
                messages.success(request, _("Sent back to the provider with your note."))
                return redirect(reverse("procurement:review_queue"))
            form.add_error(None, _("Choose to publish or to request changes."))
        except ValidationError as error:
            missing_note = action == "request_changes" and not form.cleaned_data["note"]
            form.add_error("note" if missing_note else None, error)
    return render(
        request,
        "procurement/catalogue/review_listing.html",
        {
            "version": version,
            "offering": offering,
            "form": form,
            "checklist": listing.completeness(version),
            "changes": listing.changes_against_published(version),
            "description_html": render_markdown(version.description),
            "price": catalogue_search.price_text(version) if version.price_model else "",
            "documents": list(version.documents.all()),
            "certificates": _certificates(version),
        },
        status=400 if form.is_bound else 200,
    )
