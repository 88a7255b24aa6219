from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.privacy.services import WITHDRAWABLE


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my personal data will be erased and cannot be restored.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password


class WithdrawForm(forms.Form):
    """The button beside a consent on the privacy page: which one to withdraw."""

    purpose = forms.ChoiceField(choices=[(p, p.label) for p in WITHDRAWABLE])
