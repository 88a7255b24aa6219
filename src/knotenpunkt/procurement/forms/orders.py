"""Forms of the buying side: direct orders, orders' cancellation, and the provider's
e-invoice with its lines."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput


class DirectOrderForm(forms.Form):
    buyer = forms.ModelChoiceField(label=_("Ordering administration"), queryset=None)
    title = forms.CharField(
        label=_("What you order"),
        max_length=200,
        help_text=_("E.g. “Appointment booking for the citizens' office, 12 months”."),
    )
    net_value = forms.DecimalField(
        label=_("One-off value (EUR net)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
    )
    monthly_value = forms.DecimalField(
        label=_("Monthly value (EUR net)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=_("For subscriptions and other recurring fees."),
    )
    term_months = forms.IntegerField(
        label=_("Term in months"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("Leave empty for an indefinite term (counted as 48 months, § 3 VgV)."),
    )

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers
        buyer_list = list(buyers)
        # Nearly everyone works at one administration: nothing to choose then.
        self.only_buyer = buyer_list[0] if len(buyer_list) == 1 else None
        if self.only_buyer is not None:
            del self.fields["buyer"]

    def clean(self):
        data = super().clean()
        if self.only_buyer is not None:
            data["buyer"] = self.only_buyer
        if (
            data.get("net_value") is None
            and data.get("monthly_value") is None
            and "net_value" not in self.errors
            and "monthly_value" not in self.errors
        ):
            self.add_error(
                "net_value", _("Give the one-off value, or the monthly value for a subscription.")
            )
        if data.get("term_months") and data.get("monthly_value") is None:
            self.add_error("monthly_value", _("A term needs a monthly value."))
        return data


class CancelOrderForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SupplierInvoiceForm(forms.Form):
    number = forms.CharField(
        label=_("Invoice number"),
        max_length=40,
        help_text=_("Your own invoice number; each number can be used once."),
    )
    issued_on = forms.DateField(label=_("Invoice date"), widget=DateInput())
    service_date = forms.DateField(label=_("Date of service"), widget=DateInput())
    due_on = forms.DateField(label=_("Due"), widget=DateInput())
    seller_email = forms.EmailField(
        label=_("Your e-mail for questions about the invoice"),
        help_text=_("Required in an XRechnung."),
    )
    seller_phone = forms.CharField(
        label=_("Your phone number"), max_length=40, help_text=_("Required in an XRechnung.")
    )
    seller_vat_id = forms.CharField(label=_("Your VAT ID"), max_length=20, required=False)
    seller_tax_number = forms.CharField(
        label=_("Your tax number"),
        max_length=30,
        required=False,
        help_text=_("Needed when you have no VAT ID."),
    )
    seller_iban = forms.CharField(label=_("IBAN"), max_length=34, required=False)
    seller_bic = forms.CharField(label=_("BIC"), max_length=11, required=False)
    seller_bank = forms.CharField(label=_("Bank"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        missing = not data.get("seller_vat_id") and not data.get("seller_tax_number")
        if missing and "seller_vat_id" not in self.errors:
            self.add_error(
                "seller_vat_id",
                _("Give your VAT ID or your tax number: an invoice must show one of them."),
            )
        return data

    def invoice_data(self) -> dict:
        return dict(self.cleaned_data)


class InvoiceLineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=4, min_value=Decimal("0.0001")
    )
    unit_net = forms.DecimalField(
        label=_("Unit price (EUR net)"), max_digits=12, decimal_places=4, min_value=Decimal("0")
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
    )


class BaseInvoiceLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.lines():
            raise ValidationError(_("An invoice needs at least one line."))

    def lines(self) -> list[tuple]:
        return [
            (
                form.cleaned_data["description"],
                form.cleaned_data["quantity"],
                form.cleaned_data["unit_net"],
                form.cleaned_data["vat_rate"],
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


InvoiceLineFormSet = forms.formset_factory(
    InvoiceLineForm, formset=BaseInvoiceLineFormSet, extra=2, can_delete=True
)
