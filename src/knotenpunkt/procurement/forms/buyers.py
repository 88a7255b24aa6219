"""Forms for public buyers: registration by the administration, verification by staff."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knotenpunkt.procurement.leitweg import validate_leitweg_id
from knotenpunkt.procurement.models.buyers import PublicBuyer


def _model_field(name: str):
    return PublicBuyer._meta.get_field(name)


class BuyerRegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Administration"), queryset=None, empty_label=None
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        choices=_model_field("jurisdiction").choices,
        help_text=_model_field("jurisdiction").help_text,
    )
    authority_kind = forms.ChoiceField(
        label=_("Kind of contracting authority"), choices=_model_field("authority_kind").choices
    )
    leitweg_id = forms.CharField(
        label=_("Leitweg-ID"),
        max_length=50,
        required=False,
        validators=[validate_leitweg_id],
        help_text=_(
            "Where e-invoices to your administration are routed (XRechnung BT-10), "
            "e.g. 991-33333TEST-33. Without it, providers cannot send you an e-invoice."
        ),
    )
    invoice_email = forms.EmailField(
        label=_("E-mail for invoices"),
        required=False,
        help_text=_("Providers' e-invoices are sent here as XRechnung XML and PDF."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        choices = list(organisations)
        # Nothing to choose for an admin of one administration: the page names it instead.
        self.only_organisation = choices[0] if len(choices) == 1 else None
        if self.only_organisation is not None:
            del self.fields["organisation"]

    def clean(self):
        data = super().clean()
        if self.only_organisation is not None:
            data["organisation"] = self.only_organisation
        return data

    def clean_leitweg_id(self):
        return self.cleaned_data["leitweg_id"].strip()


class BuyerVerificationForm(forms.Form):
    note = forms.CharField(
        label=_("How it was verified"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “called the main office, 03.02.2026”; visible to staff only."),
    )
