"""Needs: the list, posting and editing, the need's page with suggestions and contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.matching.forms import InterestForm, NeedForm
from knotenpunkt.matching.models import Contact, Need, Suggestion
from knotenpunkt.matching.services import contacts as contact_services
from knotenpunkt.matching.services import needs as need_services


def need_list(request):
    needs = need_services.open_needs_for_listing(request.user)
    return render(
        request,
        "matching/need_list.html",
        {"needs": needs, "may_post": request.user.has_perm("matching.post_need")},
    )


@login_required
def need_create(request):
    require_perm(request, "matching.post_need")
    form = NeedForm(
        request.POST or None,
        organisations=need_services.organisations_for_posting(request.user),
        clusters=need_services.clusters_for_posting(),
    )
    if request.method == "POST" and form.is_valid():
        need = need_services.post_need(
            request.user, form.cleaned_data["organisation"], form.need_data()
        )
        messages.success(request, _("Your need is posted."))
        return redirect(need)
    return render(
        request,
        "matching/need_form.html",
        {"form": form, "need": None},
        status=400 if form.is_bound else 200,
    )


def _need(request, pk) -> Need:
    need = get_object_or_404(
        Need.objects.select_related("organisation", "cluster", "author"), pk=pk
    )
    if not request.user.has_perm("matching.view_need", need):
        # Not even whether it exists: a staff-only need is the cluster's confidence.
        raise PermissionDenied
    return need


@login_required
def need_edit(request, pk):
    need = _need(request, pk)
    require_perm(request, "matching.edit_need", need)
    form = NeedForm(
        request.POST or None,
        instance=need,
        organisations=need_services.organisations_for_posting(request.user),
        clusters=need_services.clusters_for_posting(),
    )
    if request.method == "POST" and form.is_valid():
        need_services.change_need(request.user, need, form.need_data())
        messages.success(request, _("The need is saved."))
        return redirect(need)
    return render(
        request,
        "matching/need_form.html",
        {"form": form, "need": need},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def need_close(request, pk):
    need = _need(request, pk)
    require_perm(request, "matching.edit_need", need)
    need_services.close_need(request.user, need)
    messages.success(request, _("The need is closed; it no longer appears in the lists."))
    return redirect(need)


def _interest_form(request, need, data=None):
    viewer = need_services.viewer_for(request.user)
    organisations = need_services.organisations_for_posting(request.user).exclude(
        pk=need.organisation_id
    )
    if not viewer.may_offer_help(need):
        return None
    already = Contact.objects.filter(need=need, provider__in=organisations).values("provider")
    organisations = organisations.exclude(pk__in=already)
    if not organisations.exists():
        return None
    return InterestForm(data, organisations=organisations)


def need_detail(request, pk, interest_form=None):
    need = _need(request, pk)
    viewer = need_services.viewer_for(request.user)
    need_services.mark_authors(viewer, [need])
    suggestions = []
    may_see_suggestions = request.user.has_perm("matching.view_suggestions", need)
    if may_see_suggestions:
        suggestions = need_services.shown_suggestions(need)
    contacts = contact_services.contacts_for_page(request.user, need)
    for contact in contacts:
        contact.show_details = contact.status in need_services.REVEALING_STATUSES
        if contact.show_details:
            contact.details = contact_services.details(contact.provider, contact.person)
    author_details = None
    if any(c.show_details for c in contacts) and not viewer.speaks_for(need):
        author_details = contact_services.details(
            need.organisation, contact_services.author_contact_person(need)
        )
    if interest_form is None and request.user.is_authenticated:
        interest_form = _interest_form(request, need)
    return render(
        request,
        "matching/need_detail.html",
        {
            "need": need,
            "suggestions": suggestions,
            "may_see_suggestions": may_see_suggestions,
            "speaks_for_need": viewer.speaks_for(need),
            "may_decide": request.user.has_perm("matching.decide_contact", Contact(need=need)),
            "may_edit": request.user.has_perm("matching.edit_need", need),
            "contacts": contacts,
            "author_details": author_details,
            "interest_form": interest_form,
        },
        status=400 if interest_form is not None and interest_form.is_bound else 200,
    )


@login_required
@require_POST
def express_interest(request, pk):
    need = _need(request, pk)
    require_perm(request, "matching.express_interest", need)
    form = _interest_form(request, need, request.POST)
    if form is None:
        messages.info(request, _("Your organisation has already expressed interest."))
        return redirect(need)
    if form.is_valid():
        try:
            contact_services.express_interest(
                request.user, need, form.cleaned_data["provider"], form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your interest is sent. You will hear from the author by e-mail.")
            )
            return redirect(need)
    return need_detail(request, pk, interest_form=form)


@login_required
@require_POST
def suggestion_feedback(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("need", "provider"), pk=pk)
    require_perm(request, "matching.give_feedback", suggestion.need)
    fitting = request.POST.get("fitting") == "yes"
    need_services.rate_suggestion(request.user, suggestion, fitting)
    messages.success(request, _("Thank you: your rating improves future suggestions."))
    return redirect(suggestion.need)


def _contact(request, pk, permission) -> Contact:
    contact = get_object_or_404(
        Contact.objects.select_related("need__organisation", "need__cluster", "provider"), pk=pk
    )
    require_perm(request, permission, contact)
    return contact


def _decide(request, pk, permission, action, success):
    contact = _contact(request, pk, permission)
    try:
        action(request.user, contact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(contact.need)


@login_required
@require_POST
def contact_accept(request, pk):
    return _decide(
        request,
        pk,
        "matching.decide_contact",
        contact_services.accept_contact,
        _("Contact accepted: you both have each other's contact details now."),
    )


@login_required
@require_POST
def contact_decline(request, pk):
    return _decide(
        request,
        pk,
        "matching.decide_contact",
        contact_services.decline_contact,
        _("Contact declined; the provider has been told."),
    )


@login_required
@require_POST
def contact_cooperation(request, pk):
    return _decide(
        request,
        pk,
        "matching.mark_cooperation",
        contact_services.mark_cooperation,
        _("Recorded: the cooperation has started."),
    )
