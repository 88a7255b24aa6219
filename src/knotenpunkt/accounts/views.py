from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knotenpunkt.accounts import services
from knotenpunkt.accounts.forms import LoginForm, OutboxPasswordResetForm, SignUpForm
from knotenpunkt.core.params import bounded_int
from knotenpunkt.directory.forms import EmailFormSet, PersonForm, PhoneFormSet
from knotenpunkt.directory.services.people import person_for_user, unconfirmed_addresses
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


@login_required
def confirm_address(request, token):
    """The link mailed to an address added to a profile; it needs the account whose
    profile lists the address, so a stranger clicking it confirms nothing."""
    try:
        email = services.confirm_profile_address(request.user, token)
    except services.ConfirmationFailed as failure:
        return render(
            request,
            "accounts/confirm_failed.html",
            {"reason": str(failure), "profile_address": True},
            status=400,
        )
    messages.success(
        request,
        _("The e-mail address %(address)s is confirmed.") % {"address": email.address},
    )
    return redirect("accounts:me")


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
        services.update_own_profile(
            request.user, form, [emails, phones], ip=client_ip(request), language=get_language()
        )
        messages.success(request, _("Your data has been saved."))
        # "Send the link again" is a button of the same form, so nothing typed is lost.
        if resend := _address_to_confirm_again(request, person):
            if services.send_address_confirmation(request.user, resend, language=get_language()):
                messages.success(
                    request,
                    _("We have sent a new confirmation link to %(address)s.")
                    % {"address": resend.address},
                )
            else:
                messages.info(
                    request,
                    _(
                        "A confirmation link was sent to %(address)s a few minutes ago. "
                        "Please check that mailbox, including the spam folder."
                    )
                    % {"address": resend.address},
                )
        return redirect("accounts:me")
    positions = (
        person.positions.current()
        .select_related("organisation")
        .prefetch_related("organisation__memberships__cluster")
    )
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


def _address_to_confirm_again(request, person):
    pk = bounded_int(request.POST.get("resend_confirmation"), minimum=1)
    if pk is None:
        return None
    return unconfirmed_addresses(person).select_related("person").filter(pk=pk).first()


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
