from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.mailings.models import MailingList


class ListChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        # One installation hosts several clusters: the cluster tells equal names apart.
        return f"{obj.cluster} – {obj.name}"


class SubscribeForm(forms.Form):
    """The public sign-up for newsletters and invitations (first step of double opt-in)."""

    # The address is all the double opt-in needs; a name only makes the mails personal.
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    lists = ListChoiceField(
        label=_("What would you like to receive?"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one list.")},
    )
    consent = forms.BooleanField(
        label=_("I agree to the consent text shown above."),
        error_messages={"required": _("Without your consent we cannot send you mail.")},
    )

    def __init__(self, *args, lists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["lists"].queryset = lists if lists is not None else MailingList.objects.none()


class PreferencesForm(forms.Form):
    """The preference centre: one checkbox per list the person may choose from."""

    lists = ListChoiceField(
        label=_("Your subscriptions"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Lists you tick anew are confirmed by a mail to you first."),
    )

    def __init__(self, *args, lists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists if lists is not None else MailingList.objects.none()
