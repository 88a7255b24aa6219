"""The procurement advisor, the buyer's quote requests and the provider's invitations.

Quotes are sealed for the buyer until the deadline: before it, the pages show how many
arrived, never a price or a text. A provider sees only its own invitation and quote.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.procurement.forms.requests import (
    AdvisorForm,
    AwardForm,
    CatalogueSearchForm,
    DeclineForm,
    ProposalForm,
    QuoteForm,
    ReasonForm,
    RequestForm,
    SendForm,
)
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.models.requests import Quote, QuoteInvitation, QuoteRequest
from knotenpunkt.procurement.service_errors import add_service_errors
from knotenpunkt.procurement.services import documentation, sealing
from knotenpunkt.procurement.services import requests as request_services
from knotenpunkt.procurement.services.advisor import AdviceError, advise
from knotenpunkt.procurement.services.buyers import buyer_standing
from knotenpunkt.procurement.services.roles import verified_buyers

SEARCH_LIMIT = 20


# --- the advisor ---


def advisor(request):
    """Anyone may ask the advisor; the answer is decision support, not legal advice.

    A buyer starts from its own jurisdiction and kind of authority."""
    standing = buyer_standing(request.user)
    initial = (
        {"jurisdiction": standing.jurisdiction, "authority": standing.authority_kind}
        if standing
        else {}
    )
    form = AdvisorForm(request.GET or None, initial=initial)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = advise(
                data["jurisdiction"],
                data["authority"],
                data["category"],
                value=data["value"],
                monthly=data["monthly"],
                term_months=data["term_months"],
                option_months=data["option_months"],
                option_value=data["option_value"],
                related_value=data["related_value"],
                framework_entitled=data["framework_entitled"],
                framework_max_reached=data["framework_max_reached"],
                framework_kind=data["framework_kind"] or None,
                date=data["date"],
            ).as_json()
        except AdviceError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "procurement/requests/advisor.html",
        {"form": form, "advice": result, "standing": standing},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- the buyer's requests ---


@login_required
def request_list(request):
    require_perm(request, "procurement.buy")
    return render(
        request,
        "procurement/requests/list.html",
        {"quote_requests": request_services.requests_of(verified_buyers(request.user))},
    )


def _buyers(user):
    return PublicBuyer.objects.filter(pk__in=[b.pk for b in verified_buyers(user)]).select_related(
        "organisation"
    )


def _preselected(request) -> OfferingVersion | None:
    pk = bounded_int(request.POST.get("offering") or request.GET.get("offering"), minimum=1)
    if pk is None:
        return None
    version = OfferingVersion.objects.select_related("offering__provider").filter(pk=pk).first()
    return version if version is not None and version.offering.is_listed else None


@login_required
def request_create(request):
    require_perm(request, "procurement.buy")
    offering = _preselected(request)
    initial = {}
    if offering is not None:
        initial = {
            "title": offering.name,
            "offering_category": offering.category,
            "procurement_category": offering.procurement_category,
        }
    form = RequestForm(request.POST or None, buyers=_buyers(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            quote_request = request_services.create_request(
                request.user, form.cleaned_data["buyer"], **form.request_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if offering is not None:
                try:
                    request_services.add_offering(quote_request, offering)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
            messages.success(request, _("The request is saved as a draft. Now choose the firms."))
            return redirect(quote_request)
    return render(
        request,
        "procurement/requests/form.html",
        {"form": form, "quote_request": None, "offering": offering},
        status=400 if form.is_bound else 200,
    )


def _request(request, pk, permission="procurement.view_request") -> QuoteRequest:
    quote_request = get_object_or_404(
        QuoteRequest.objects.select_related(
            "buyer__organisation", "awarded_quote__invitation__provider"
        ),
        pk=pk,
    )
    require_perm(request, permission, quote_request)
    return quote_request


@login_required
def request_edit(request, pk):
    quote_request = _request(request, pk, "procurement.manage_request")
    if quote_request.status != QuoteRequest.Status.DRAFT:
        messages.error(request, _("A sent request can no longer be changed."))
        return redirect(quote_request)
    form = RequestForm(request.POST or None, instance=quote_request)
    if request.method == "POST" and form.is_valid():
        try:
            request_services.update_request(request.user, quote_request, form.request_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is saved and the advice updated."))
            return redirect(quote_request)
    return render(
        request,
        "procurement/requests/form.html",
        {"form": form, "quote_request": quote_request, "offering": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def request_detail(request, pk, *, send_form=None, award_form=None, cancel_form=None):
    quote_request = _request(request, pk)
    user = request.user
    may_manage = user.has_perm("procurement.manage_request", quote_request)
    # The seal holds for platform admins too, whom has_perm lets through everything.
    may_view_quotes = sealing.quotes_visible(quote_request) and user.has_perm(
        "procurement.view_quotes", quote_request
    )
    is_draft = quote_request.status == QuoteRequest.Status.DRAFT
    invitations = list(
        quote_request.invitations.select_related("provider", "offering_version").order_by(
            "provider__name"
        )
    )
    quote_count = Quote.objects.filter(invitation__request=quote_request).count()
    context = {
        "quote_request": quote_request,
        "advice": quote_request.advice,
        "related_orders": documentation.related_orders(quote_request),
        "invitations": invitations,
        "quote_count": quote_count,
        "may_manage": may_manage,
        "may_view_quotes": may_view_quotes,
        "is_draft": is_draft,
    }
    if may_view_quotes:
        # Unsealed: every answer with price and text.
        quotes = {q.invitation_id: q for q in sealing.quotes_for_display(quote_request)}
        for invitation in invitations:
            invitation.the_quote = quotes.get(invitation.pk)
        context["quotes"] = list(quotes.values())
    if may_manage and is_draft:
        search = CatalogueSearchForm(request.GET or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        context.update(
            search_form=search,
            search_results=list(
                request_services.listed_offerings(quote_request, query)[:SEARCH_LIMIT]
            ),
            invited_ids={i.provider_id for i in invitations},
            send_form=send_form or SendForm(),
            send_refusal=request_services.send_refusal(quote_request),
        )
    # A refused award (e.g. the second click) is shown with its error.
    if award_form is not None or (
        may_manage
        and may_view_quotes
        and quote_request.status == QuoteRequest.Status.SENT
        and context.get("quotes")
    ):
        context["award_form"] = award_form or AwardForm(
            quotes=sealing.quotes_for_display(quote_request)
        )
    if may_manage and quote_request.status in (
        QuoteRequest.Status.DRAFT,
        QuoteRequest.Status.SENT,
    ):
        context["cancel_form"] = cancel_form or ReasonForm(prefix="cancel")
    bound = any(f is not None for f in (send_form, award_form, cancel_form))
    return render(
        request, "procurement/requests/detail.html", context, status=400 if bound else 200
    )


@login_required
@require_POST
def request_invite(request, pk):
    """Add the provider of a listed offering the buyer picked from the catalogue."""
    quote_request = _request(request, pk, "procurement.manage_request")
    version = get_object_or_404(OfferingVersion, pk=request.POST.get("offering") or 0)
    try:
        invitation = request_services.add_offering(quote_request, version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(provider)s is added.") % {"provider": invitation.provider.name}
        )
    return redirect(quote_request)


@login_required
def request_propose(request, pk):
    quote_request = _request(request, pk, "procurement.manage_request")
    if quote_request.status != QuoteRequest.Status.DRAFT:
        messages.error(request, _("A sent request can no longer change."))
        return redirect(quote_request)
    if request.method == "POST":
        # Every candidate, so a tick still counts if the list moved since the page was shown.
        proposals = request_services.propose_providers(quote_request, limit=None, related=True)
        form = ProposalForm(request.POST, proposals=proposals)
        if form.is_valid():
            try:
                added = request_services.add_proposals(quote_request, form.chosen())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s provider is added.", "%(count)s providers are added.", len(added)
                    )
                    % {"count": len(added)},
                )
                return redirect(quote_request)
        plan = request_services.proposal_plan(quote_request)
        form.proposals = plan.all
    else:
        plan = request_services.proposal_plan(quote_request)
        # The firms the procedure still needs are ticked; related ones the buyer checks.
        recommended = [str(p.provider.pk) for p in plan.proposals[: plan.recommended]]
        form = ProposalForm(proposals=plan.all, initial={"providers": recommended})
    return render(
        request,
        "procurement/requests/propose.html",
        {"quote_request": quote_request, "form": form, "plan": plan},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def invitation_remove(request, pk):
    invitation = get_object_or_404(
        QuoteInvitation.objects.select_related("request", "provider"), pk=pk
    )
    quote_request = _request(request, invitation.request_id, "procurement.manage_request")
    try:
        request_services.remove_invitation(quote_request, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(provider)s is removed.") % {"provider": invitation.provider.name}
        )
    return redirect(quote_request)


@login_required
@require_POST
def request_send(request, pk):
    quote_request = _request(request, pk, "procurement.manage_request")
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            request_services.send_request(
                request.user, quote_request, deadline=form.cleaned_data["deadline"]
            )
        except ValidationError as error:
            field = "deadline" if getattr(error, "code", None) == "deadline" else None
            form.add_error(field, error)
        else:
            messages.success(request, _("The request is sent to the invited providers."))
            return redirect(quote_request)
    return request_detail(request, pk, send_form=form)


@login_required
@require_POST
def request_award(request, pk):
    quote_request = _request(request, pk, "procurement.manage_request")
    require_perm(request, "procurement.view_quotes", quote_request)
    form = AwardForm(request.POST, quotes=Quote.objects.filter(invitation__request=quote_request))
    if form.is_valid():
        try:
            order = request_services.award(
                request.user,
                quote_request,
                form.cleaned_data["quote"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The quote of %(provider)s is awarded; the order is recorded.")
                % {"provider": order.provider.name},
            )
            return redirect(quote_request)
    return request_detail(request, pk, award_form=form)


@login_required
@require_POST
def request_cancel(request, pk):
    quote_request = _request(request, pk, "procurement.manage_request")
    form = ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            request_services.cancel_request(
                request.user, quote_request, form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The request is cancelled."))
            return redirect(quote_request)
    return request_detail(request, pk, cancel_form=form)


@login_required
def request_documentation(request, pk):
    quote_request = _request(request, pk)
    pdf = documentation.documentation_pdf(
        quote_request,
        include_quotes=request.user.has_perm("procurement.view_quotes", quote_request),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documentation.file_name(quote_request)}"'
    return response


# --- the provider's side ---


@login_required
def invitation_list(request):
    return render(
        request,
        "procurement/requests/invitations.html",
        {"invitations": request_services.invitations_for(request.user)},
    )


def _invitation(request, pk) -> QuoteInvitation:
    invitation = get_object_or_404(
        QuoteInvitation.objects.select_related(
            "request__buyer__organisation", "provider", "offering_version"
        ),
        pk=pk,
        sent_at__isnull=False,
    )
    require_perm(request, "procurement.view_invitation", invitation)
    return invitation


def _quote_initial(quote) -> dict:
    if quote is None:
        return {}
    return {
        "net_price": quote.net_price,
        "description": quote.description,
        "valid_until": quote.valid_until,
    }


@login_required
def invitation_detail(request, pk, *, decline_form=None):
    invitation = _invitation(request, pk)
    quote = sealing.own_quote(request.user, invitation)
    may_quote = request.user.has_perm("procurement.submit_quote", invitation)
    posted = request.method == "POST" and decline_form is None
    form = None
    if posted:
        form = QuoteForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                request_services.submit_quote(
                    request.user,
                    invitation,
                    net_price=form.cleaned_data["net_price"],
                    description=form.cleaned_data["description"],
                    valid_until=form.cleaned_data["valid_until"],
                    document=form.cleaned_data["document"] or None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your quote is saved. You can change it until the deadline."),
                )
                return redirect("procurement:invitation", pk=invitation.pk)
    elif may_quote:
        form = QuoteForm(initial=_quote_initial(quote))
    if decline_form is None and may_quote and quote is None and invitation.declined_at is None:
        decline_form = DeclineForm()
    return render(
        request,
        "procurement/requests/invitation.html",
        {
            "invitation": invitation,
            "quote_request": invitation.request,
            "quote": quote,
            "form": form,
            "may_quote": may_quote,
            "decline_form": decline_form,
        },
        status=400 if posted or (decline_form is not None and decline_form.is_bound) else 200,
    )


@login_required
@require_POST
def invitation_decline(request, pk):
    invitation = _invitation(request, pk)
    require_perm(request, "procurement.submit_quote", invitation)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            request_services.decline_invitation(
                request.user, invitation, form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You have declined; the administration is informed."))
            return redirect("procurement:invitation", pk=invitation.pk)
    return invitation_detail(request, pk, decline_form=form)


@login_required
def quote_document(request, pk):
    """A quote's attached document: for its provider, and the buyer once unsealed."""
    quote = get_object_or_404(Quote.objects.select_related("invitation__request__buyer"), pk=pk)
    user = request.user
    may_open = sealing.is_quoting_provider(user, quote.invitation) or (
        sealing.quotes_visible(quote.invitation.request)
        and (
            user.has_perm("procurement.view_invitation", quote.invitation)
            or user.has_perm("procurement.view_quotes", quote.invitation.request)
        )
    )
    if not may_open:
        raise PermissionDenied
    if not quote.document:
        raise Http404
    name = quote.document.name.rsplit("/", 1)[-1]
    return FileResponse(quote.document.open("rb"), as_attachment=True, filename=name)
