"""Public buyers: registration by the administration, verification by the cluster staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.procurement.forms.buyers import BuyerRegistrationForm, BuyerVerificationForm
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.rules import visible_buyers
from knotenpunkt.procurement.service_errors import add_service_errors
from knotenpunkt.procurement.services import buyers as buyer_services


@login_required
def buyer_register(request):
    organisations = buyer_services.organisations_for_registration(request.user)
    if not organisations.exists():
        # Not an error page: most visitors simply are not the ones who can register.
        return render(request, "procurement/buyers/register_not_allowed.html", status=403)
    existing = {
        b.organisation_id: b for b in PublicBuyer.objects.filter(organisation__in=organisations)
    }
    initial = {}
    if len(organisations) == 1 and organisations[0].pk in existing:
        buyer = existing[organisations[0].pk]
        initial = {
            "jurisdiction": buyer.jurisdiction,
            "authority_kind": buyer.authority_kind,
            "leitweg_id": buyer.leitweg_id,
            "invoice_email": buyer.invoice_email,
        }
    form = BuyerRegistrationForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            buyer = buyer_services.register_buyer(
                request.user,
                data["organisation"],
                jurisdiction=data["jurisdiction"],
                authority_kind=data["authority_kind"],
                leitweg_id=data["leitweg_id"],
                invoice_email=data["invoice_email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if buyer.is_verified:
                messages.success(request, _("Your registration is updated."))
            else:
                messages.success(
                    request,
                    _(
                        "Your administration is registered. The cluster staff will check it; "
                        "you can order once it is verified."
                    ),
                )
            return redirect("procurement:buyer_register")
    return render(
        request,
        "procurement/buyers/register.html",
        {
            "form": form,
            "organisations": organisations,
            "existing": list(existing.values()),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def buyer_list(request):
    require_perm(request, "procurement.view_buyers")
    return render(
        request,
        "procurement/buyers/buyer_list.html",
        {"buyers": visible_buyers(request.user)},
    )


@login_required
def buyer_verify(request, pk):
    buyer = get_object_or_404(
        PublicBuyer.objects.select_related("organisation", "verified_by"), pk=pk
    )
    require_perm(request, "procurement.verify_buyer", buyer)
    form = BuyerVerificationForm(request.POST or None, initial={"note": buyer.verification_note})
    if request.method == "POST" and form.is_valid():
        verify = "unverify" not in request.POST
        service = buyer_services.verify_buyer if verify else buyer_services.unverify_buyer
        try:
            service(request.user, buyer, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(buyer)s is verified.") % {"buyer": buyer}
                if verify
                else _("The verification of %(buyer)s is withdrawn.") % {"buyer": buyer},
            )
            return redirect("procurement:buyers")
    return render(
        request,
        "procurement/buyers/buyer_verify.html",
        {"buyer": buyer, "organisation": buyer.organisation, "form": form},
        status=400 if form.is_bound else 200,
    )
