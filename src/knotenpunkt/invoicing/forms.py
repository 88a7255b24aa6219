from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import check_upload_size
from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.invoicing.models import Invoice

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class ClusterChoiceMixin:
    """The cluster field offers only the clusters the staff member looks after."""

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class InvoiceFilterForm(ClusterChoiceMixin, forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=None,
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=_("All my clusters"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All statuses")), *Invoice.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("Invoices and cancellations")), *Invoice.Kind.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(
        label=_("Number or buyer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class BookingExportForm(ClusterChoiceMixin, forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, widget=PlainSelect, to_field_name="slug"
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("Without a month: the fiscal year beginning in this year."),
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        choices=[("", _("Whole fiscal year")), *MONTHS],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class MarkPaidForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=DateInput(),
        help_text=_("The day the amount arrived on the account."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


class CancelInvoiceForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the cancellation invoice, e.g. “Registration cancelled”."),
    )


class StatementImportForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CAMT.053: XML, or a ZIP of XML files)"),
        help_text=_(
            "Booked incoming transfers that name an open invoice number and pay its total "
            "in full mark that invoice paid on the booking date. Every other entry is "
            "listed with the reason it was not applied."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check: show what would happen, change nothing"), required=False
    )

    def clean_statement(self):
        statement = self.cleaned_data["statement"]
        check_upload_size(statement, "bank_statement")
        return statement
