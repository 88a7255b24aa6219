import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from knotenpunkt.directory.services.people import person_for_user
from knotenpunkt.privacy import services
from knotenpunkt.privacy.forms import EraseForm, WithdrawForm
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.sections import privacy_sections
from knotenpunkt.privacy.sources import describe_sources_of


def _own_person(request):
    person = person_for_user(request.user)
    if person is None or not request.user.has_perm("privacy.export_person_data", person):
        raise PermissionDenied
    return person


@login_required
def overview(request):
    person = _own_person(request)
    records = list(person.consents.all()[:50])
    current = services.consent_overview(person)
    describe_sources_of(records + [c["consent"] for c in current])
    return render(
        request,
        "privacy/overview.html",
        {
            "person": person,
            "current": current,
            "consents": records,
            "derived": privacy_sections(person),
            "erase_form": EraseForm(user=request.user),
        },
    )


# What the person reads once a consent is withdrawn: what changes for them.
WITHDRAWN = {
    Consent.Purpose.DIRECTORY_LISTING: gettext_lazy(
        "You have withdrawn your consent: you are no longer shown on your organisations' "
        "public pages."
    ),
    Consent.Purpose.NEWSLETTER: gettext_lazy(
        "You have withdrawn your consent: your newsletter subscriptions have ended and "
        "you will receive no more newsletters."
    ),
    Consent.Purpose.EVENT_INVITATIONS: gettext_lazy(
        "You have withdrawn your consent: you will receive no more invitations to events by e-mail."
    ),
    Consent.Purpose.JOBS_DIGEST: gettext_lazy(
        "You have withdrawn your consent: you will receive no more digests of jobs and training."
    ),
    Consent.Purpose.PORTRAIT: gettext_lazy(
        "You have withdrawn your consent: your portraits on the cluster's website are offline."
    ),
    Consent.Purpose.PROFILING: gettext_lazy(
        "You have withdrawn your consent: what you opened, shared and rated no longer shapes "
        "your feed, and what was recorded of it is deleted."
    ),
}


@login_required
@require_POST
def withdraw(request):
    person = _own_person(request)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This consent cannot be withdrawn here."))
        return redirect("privacy:overview")
    purpose = form.cleaned_data["purpose"]
    if services.withdraw_consent(request.user, person, purpose, ip=request.META.get("REMOTE_ADDR")):
        messages.success(request, str(WITHDRAWN[purpose]))
    else:
        messages.info(request, _("This consent had already been withdrawn."))
    return redirect("privacy:overview")


@login_required
def export(request):
    person = _own_person(request)
    data = services.export_person_data(request.user, person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"knotenpunkt-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def erase(request):
    person = _own_person(request)
    if not request.user.has_perm("privacy.erase_person", person):
        raise PermissionDenied
    form = EraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.erase_person(request.user, person)
        logout(request)
        messages.success(request, _("Your personal data has been erased."))
        return redirect("home")
    return render(request, "privacy/erase.html", {"form": form})
