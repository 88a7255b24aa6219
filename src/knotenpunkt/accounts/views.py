from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knotenpunkt.accounts import services
from knotenpunkt.accounts.forms import LoginForm, OutboxPasswordResetForm, SignUpForm
from knotenpunkt.directory.forms import EmailFormSet, PersonForm, PhoneFormSet
from knotenpunkt.directory.services.people import person_for_user
from knotenpunkt.privacy.services import current_consents


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:me")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.sign_up(
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            salutation=data["salutation"],
            ip=client_ip(request),
            language=get_language(),
        )
        return render(request, "accounts/signup_done.html", {"email": data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


def confirm(request, token):
    try:
        services.confirm_email(token)
    except services.ConfirmationFailed as failure:
        return render(
            request,
            "accounts/confirm_failed.html",
            {"expired": str(failure) == "expired"},
            status=400,
        )
    messages.success(request, _("Your e-mail address is confirmed. You can log in now."))
    return redirect("accounts:login")


@login_required
def me(request):
    person = person_for_user(request.user)
    if person is None:
        return render(request, "accounts/no_person.html")
    form = PersonForm(request.POST or None, instance=person)
    emails = EmailFormSet(request.POST or None, instance=person, prefix="emails")
    phones = PhoneFormSet(request.POST or None, instance=person, prefix="phones")
    if request.method == "POST" and all(f.is_valid() for f in (form, emails, phones)):
        services.update_own_profile(request.user, form, [emails, phones], ip=client_ip(request))
        messages.success(request, _("Your data has been saved."))
        return redirect("accounts:me")
    positions = person.positions.current().select_related("organisation")
    return render(
        request,
        "accounts/me.html",
        {
            "person": person,
            "form": form,
            "emails": emails,
            "phones": phones,
            "positions": positions,
            "consents": current_consents(person),
        },
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
