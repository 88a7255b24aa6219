import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.directory.services.people import person_for_user
from knotenpunkt.privacy import services
from knotenpunkt.privacy.forms import EraseForm


def _own_person(request):
    person = person_for_user(request.user)
    if person is None or not request.user.has_perm("privacy.export_person_data", person):
        raise PermissionDenied
    return person


@login_required
def overview(request):
    person = _own_person(request)
    return render(
        request,
        "privacy/overview.html",
        {
            "person": person,
            "consents": person.consents.all()[:50],
            "erase_form": EraseForm(user=request.user),
        },
    )


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
