"""The competence profile an organisation's admins maintain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Organisation
from knotenpunkt.matching.forms import ProfileForm
from knotenpunkt.matching.services.profiles import completeness, profile_for, save_profile


@login_required
def profile_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "matching.edit_profile", organisation)
    profile = profile_for(organisation)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        save_profile(request.user, profile, form.profile_data())
        messages.success(request, _("The competence profile is saved."))
        return redirect("matching:profile_edit", organisation.slug)
    return render(
        request,
        "matching/profile_form.html",
        {"organisation": organisation, "form": form, "completeness": completeness(profile)},
        status=400 if form.is_bound else 200,
    )
