"""A person's settings for mails about fitting new needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.directory.services.people import person_for_user
from knotenpunkt.matching.forms import AlertSettingForm
from knotenpunkt.matching.services.alerts import save_setting, setting_for


@login_required
def alert_settings(request):
    person = person_for_user(request.user)
    if person is None:
        return render(request, "accounts/no_person.html")
    form = AlertSettingForm(request.POST or None, instance=setting_for(person))
    if request.method == "POST" and form.is_valid():
        save_setting(person, form.cleaned_data["need_alerts"], form.cleaned_data["frequency"])
        messages.success(request, _("Your alert settings are saved."))
        return redirect("matching:alert_settings")
    return render(
        request,
        "matching/alert_settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
