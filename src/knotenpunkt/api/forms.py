from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.api.scopes import scope_choices
from knotenpunkt.api.tokens import LIFETIMES_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Where the token will be used, e.g. “Website” or “CRM”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one of the offered scopes.")},
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
    )
    organisation = forms.ModelChoiceField(
        label=_("Acts for"),
        required=False,
        queryset=None,
        empty_label=_("Me (a personal token)"),
        help_text=_("An organisation token acts for that organisation only, e.g. for its website."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scope_choices()
        # Worded here, in the language of the request.
        self.fields["lifetime_days"].choices = [
            (days, ngettext("%(days)s day", "%(days)s days", days) % {"days": days})
            for days in LIFETIMES_DAYS
        ]
        self.fields["organisation"].queryset = organisations
        if not organisations.exists():
            del self.fields["organisation"]


class ApplicationForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the application"),
        max_length=100,
        help_text=_("People see it on the consent page, e.g. “Nordlicht CRM connector”."),
    )
    client_type = forms.ChoiceField(
        label=_("Kind of application"),
        widget=forms.RadioSelect,
        choices=[
            (
                "confidential",
                _("Runs on a server and can keep a client secret (confidential client)"),
            ),
            (
                "public",
                _("Runs in a browser or on a device, without a secret: PKCE only (public client)"),
            ),
        ],
        initial="confidential",
    )
    redirect_uris = forms.CharField(
        label=_("Redirect addresses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, exactly as the application sends them; https, or "
            "http://localhost while developing."
        ),
    )
