"""Forms of the dunning pages: filters, reminder levels, pauses and payments."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.memberships.models import ReminderLevel
from knotenpunkt.memberships.services.dunning import MANUAL_METHODS


class OpenItemsFilterForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=None,
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=_("All my clusters"),
    )
    level = forms.IntegerField(
        label=_("Dunning level"),
        required=False,
        min_value=0,
        max_value=99,
        help_text=_("0: not reminded yet."),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class ReminderLevelForm(forms.ModelForm):
    class Meta:
        model = ReminderLevel
        fields = ["level", "days_after_due", "fee", "subject", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


class PauseForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, widget=PlainSelect, to_field_name="slug"
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("E.g. instalments agreed, insolvency, the invoice is disputed."),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        if len(clusters) == 1:
            self.fields["cluster"].initial = clusters[0].slug


class PaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Paid by"),
        choices=[(m.value, m.label) for m in MANUAL_METHODS],
        widget=PlainSelect,
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=_("The whole open balance: partial payments cannot be recorded."),
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=DateInput(),
        help_text=_("The day the money arrived."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
