"""Forms of the SEPA pages: they parse input; the checks are in the services, whose
ValidationErrors are put next to the fields they name (`add_errors`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.directory.models import Organisation
from knotenpunkt.memberships.models import Mandate
from knotenpunkt.memberships.services.returns import reason_choices


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class DirectDebitSettingsForm(forms.Form):
    creditor_id = forms.CharField(
        label=_("Creditor identifier"),
        max_length=40,
        help_text=_(
            "Gläubiger-Identifikationsnummer from the Bundesbank, e.g. DE98ZZZ09999999999."
        ),
    )
    creditor_name = forms.CharField(
        label=_("Creditor name"),
        max_length=70,
        required=False,
        help_text=_("As the bank account is held; empty means the invoices' seller name."),
    )
    mandate_prefix = forms.CharField(
        label=_("Mandate reference prefix"),
        max_length=10,
        required=False,
        help_text=_("E.g. DIWISH gives mandate references like DIWISH-42-1."),
    )
    return_fee = forms.DecimalField(
        label=_("Fee for a returned debit (EUR)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        initial=0,
        help_text=_("What the bank charges the cluster for a return; added to the open item."),
    )


class MandateDetailsForm(forms.Form):
    """The debtor's account and structured address, as the bank needs them."""

    account_holder = forms.CharField(label=_("Account holder"), max_length=70)
    iban = forms.CharField(label=_("IBAN"), max_length=42)
    bic = forms.CharField(
        label=_("BIC"),
        max_length=14,
        required=False,
        help_text=_("Only needed for accounts outside the EEA."),
    )
    street = forms.CharField(label=_("Street and number"), max_length=70)
    postcode = forms.CharField(label=_("Postcode"), max_length=16)
    city = forms.CharField(label=_("City"), max_length=35)
    country = forms.CharField(
        label=_("Country"), max_length=2, initial="DE", help_text=_("Two letters, e.g. DE.")
    )
    scheme = forms.ChoiceField(
        label=_("Kind of direct debit"),
        choices=Mandate.Scheme.choices,
        initial=Mandate.Scheme.CORE,
        widget=forms.RadioSelect,
        help_text=_(
            "The business-to-business scheme has no refund right and must also be "
            "confirmed to your bank."
        ),
    )
    signed_by = forms.CharField(
        label=_("Signed by"), max_length=150, help_text=_("First name and surname.")
    )


class MandateGiveForm(MandateDetailsForm):
    consent = forms.BooleanField(
        label=_("I have read the mandate text and give the mandate for the organisation."),
        error_messages={"required": _("Please confirm the mandate text to give the mandate.")},
    )


class PaperMandateForm(MandateDetailsForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=PlainSelect
    )
    signed_on = forms.DateField(label=_("Date of signature"), widget=DateInput())
    reference = forms.CharField(
        label=_("Mandate reference"),
        max_length=35,
        required=False,
        help_text=_("As printed on the paper mandate; empty gives the next free one."),
    )

    field_order = ["organisation", "signed_on", "reference"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class AmendMandateForm(forms.Form):
    reference = forms.CharField(label=_("Mandate reference"), max_length=35)
    account_holder = forms.CharField(label=_("Account holder"), max_length=70)
    iban = forms.CharField(label=_("IBAN"), max_length=42)
    bic = forms.CharField(label=_("BIC"), max_length=14, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=70)
    postcode = forms.CharField(label=_("Postcode"), max_length=16)
    city = forms.CharField(label=_("City"), max_length=35)
    country = forms.CharField(label=_("Country"), max_length=2)
    signed_by = forms.CharField(label=_("Signed by"), max_length=150)


class RevokeMandateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = forms.DateField(label=_("Revoked on"), widget=DateInput())


class MandateFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *Mandate.Status.choices],
        required=False,
        widget=PlainSelect,
    )


class ClusterChoiceMixin(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, to_field_name="slug", widget=PlainSelect
    )

    def __init__(self, *args, clusters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        if clusters is not None and len(clusters) == 1:
            self.fields["cluster"].initial = clusters[0].slug


class ExportForm(ClusterChoiceMixin):
    collection_date = forms.DateField(label=_("Collection date"), widget=DateInput())
    scheme = forms.ChoiceField(
        label=_("Kind of direct debit"),
        choices=Mandate.Scheme.choices,
        initial=Mandate.Scheme.CORE,
        widget=PlainSelect,
        help_text=_("Banks take CORE and B2B debits in separate files."),
    )


class ReturnsImportForm(ClusterChoiceMixin):
    notification = forms.FileField(
        label=_("Debit notification (CAMT.054) or statement (CAMT.053)"),
        help_text=_("The XML file from the online banking that lists the returned debits."),
    )


class ManualReturnForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("Reason"), choices=(), widget=PlainSelect)
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = reason_choices()
