"""Forms of the treasurer's fee pages: a schedule version, a fee run, an individual fee."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput
from knotenpunkt.directory.models import Membership, Organisation
from knotenpunkt.memberships.models import BillingDetails, FeeSchedule
from knotenpunkt.memberships.services.schedules import UNBILLED_KINDS

# The kinds a schedule prices (free and in-kind memberships owe nothing) and the size
# columns: every size class, and "" for "any size the schedule does not name".
PRICED_KINDS = [kind for kind in Membership.Kind if kind not in UNBILLED_KINDS]
SIZES = [("", _("any size")), *Organisation.SizeClass.choices]


def rate_field_name(kind: str, size: str) -> str:
    return f"rate_{kind}_{size or 'any'}"


class ScheduleForm(forms.ModelForm):
    """One version of a year's schedule, with a fee field per priced kind and size."""

    class Meta:
        model = FeeSchedule
        fields = [
            "due_date",
            "pro_rata",
            "minimum_fee",
            "maximum_fee",
            "vat_rate",
            "accepts_direct_debit",
            "accepts_transfer",
            "credit_on_exit",
            "change_reason",
        ]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, year: int, previous: FeeSchedule | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.previous = previous
        self.fields["change_reason"].required = previous is not None
        known = {(r.kind, r.size_class): r.amount for r in previous.rates.all()} if previous else {}
        self.rate_rows = []
        for kind in PRICED_KINDS:
            row = []
            for size, size_label in SIZES:
                name = rate_field_name(kind, size)
                self.fields[name] = forms.DecimalField(
                    label=f"{kind.label}, {size_label}",
                    required=False,
                    min_value=Decimal("0"),
                    max_digits=10,
                    decimal_places=2,
                    initial=known.get((kind.value, size)),
                )
                row.append(name)
            self.rate_rows.append((kind.label, row))

    def rate_table(self):
        """Rows of (kind label, bound fields) for the template's grid."""
        return [(label, [self[name] for name in names]) for label, names in self.rate_rows]

    def size_labels(self):
        return [label for _size, label in SIZES]

    def rates(self) -> list[tuple[str, str, Decimal]]:
        return [
            (kind.value, size, self.cleaned_data[rate_field_name(kind, size)])
            for kind in PRICED_KINDS
            for size, _label in SIZES
            if self.cleaned_data.get(rate_field_name(kind, size)) is not None
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.rates():
            raise forms.ValidationError(_("Give at least one fee."))
        return cleaned


class FeeRunForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the due date of the year's fee schedule."),
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(_("The due date lies in the past."))
        return due


class IndividualFeeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Individual yearly fee (EUR)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Empty: the fee from the schedule applies again."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class BillingDetailsForm(forms.ModelForm):
    class Meta:
        model = BillingDetails
        fields = ["invoice_email", "leitweg_id", "purchase_order"]
