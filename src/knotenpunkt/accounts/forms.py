from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from knotenpunkt.accounts.models import User
from knotenpunkt.directory.models import Person
from knotenpunkt.outbox.services import queue_mail


class SignUpForm(forms.Form):
    salutation = forms.ChoiceField(label=_("Salutation"), choices=Person.Salutation.choices)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    accept_privacy = forms.BooleanField(label=_("I accept the privacy notice."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_privacy"].label = mark_safe(  # noqa: S308 - our own fixed text
            _(
                'I have read the <a href="%(url)s">privacy notice</a> and agree that my data '
                "is processed to provide my account."
            )
            % {"url": reverse("core:privacy_notice")}
        )

    def clean_email(self):
        # A taken address is not refused here: the form would tell strangers who has an
        # account. The sign-up service mails the owner instead.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "E-mail address or password is wrong, or the e-mail address has not been confirmed yet."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail leaves through the outbox like every other."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": context["token"],
            },
        )
        queue_mail("password_reset", to_email, {"reset_path": path})
