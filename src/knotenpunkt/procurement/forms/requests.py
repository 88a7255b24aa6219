"""Forms of the procurement advisor, quote requests and quotes."""

import datetime

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MinValueValidator
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import check_upload_size
from knotenpunkt.core.widgets import DateInput
from knotenpunkt.procurement.models import AuthorityKind, Category, Jurisdiction
from knotenpunkt.procurement.models.requests import Quote, QuoteRequest

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class AdvisorForm(forms.Form):
    """The advisor's inputs; a GET form, so the result can be bookmarked and shared."""

    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        choices=[c for c in Jurisdiction.choices if c[0] not in ("EU", "DEFAULT")],
    )
    authority = forms.ChoiceField(
        label=_("Kind of contracting authority"), choices=AuthorityKind.choices
    )
    category = forms.ChoiceField(label=_("Procurement category"), choices=Category.choices)
    value = forms.DecimalField(label=_("One-off value (EUR net)"), required=False, **MONEY)
    monthly = forms.DecimalField(label=_("Monthly fee (EUR net)"), required=False, **MONEY)
    term_months = forms.IntegerField(
        label=_("Fixed term in months"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for an indefinite term."),
    )
    option_months = forms.IntegerField(
        label=_("Optional extension in months"), required=False, min_value=0
    )
    option_value = forms.DecimalField(
        label=_("Value of further options (EUR net)"), required=False, **MONEY
    )
    related_value = forms.DecimalField(
        label=_("Purchases of the same kind in the last 12 months (EUR net)"),
        required=False,
        help_text=_("Purchases must not be split (§ 3 Abs. 2 VgV): their value is added."),
        **MONEY,
    )
    framework_entitled = forms.BooleanField(
        label=_("A framework agreement for this is available to us"), required=False
    )
    framework_max_reached = forms.BooleanField(
        label=_("The framework's maximum value is reached"), required=False
    )
    framework_kind = forms.ChoiceField(
        label=_("Kind of framework agreement"),
        required=False,
        choices=[
            ("", _("Own or joint framework agreement")),
            ("KDB", _("Kaufhaus des Bundes (KdB)")),
        ],
    )
    date = forms.DateField(
        label=_("Date of the award"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Thresholds change over time; empty means today."),
    )

    def clean(self):
        data = super().clean()
        if data.get("value") is None and data.get("monthly") is None:
            self.add_error("value", _("Give a one-off value or a monthly fee."))
        if data.get("monthly") is None and (data.get("term_months") or data.get("option_months")):
            self.add_error("monthly", _("A term or option months need a monthly fee."))
        return data


class RequestForm(forms.ModelForm):
    """The buyer's request: subject, need and the values the estimate is made from."""

    buyer = forms.ModelChoiceField(
        label=_("Administration"), queryset=None, empty_label=None, required=True
    )

    class Meta:
        model = QuoteRequest
        fields = [
            "buyer",
            "title",
            "need",
            "offering_category",
            "procurement_category",
            "one_off_value",
            "monthly_value",
            "term_months",
            "option_months",
            "option_value",
        ]
        widgets = {"need": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, buyers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or buyers is None:
            del self.fields["buyer"]
        else:
            self.fields["buyer"].queryset = buyers
            if len(buyers) == 1:
                # One administration: nothing to choose, but the field keeps the value.
                self.fields["buyer"].widget = forms.HiddenInput()
                self.fields["buyer"].initial = buyers[0].pk
        for name in ("one_off_value", "monthly_value", "option_value"):
            self.fields[name].validators.append(MinValueValidator(0))
            self.fields[name].widget.attrs["min"] = "0"

    def clean(self):
        data = super().clean()
        if data.get("one_off_value") is None and data.get("monthly_value") is None:
            self.add_error("one_off_value", _("Give a one-off value or a monthly fee."))
        if data.get("monthly_value") is None and (
            data.get("term_months") or data.get("option_months")
        ):
            self.add_error("monthly_value", _("A term or option months need a monthly fee."))
        return data

    def request_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "buyer"}


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the catalogue"),
        required=False,
        max_length=100,
        help_text=_("Empty shows the listed offerings of this kind."),
    )


class ProposalForm(forms.Form):
    providers = forms.MultipleChoiceField(
        label=_("Providers to ask"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        self.fields["providers"].choices = [
            (str(p.provider.pk), p.provider.name) for p in self.proposals
        ]
        self.fields["providers"].error_messages["required"] = _("Tick at least one provider.")

    def chosen(self):
        ticked = set(self.cleaned_data["providers"])
        return [p for p in self.proposals if str(p.provider.pk) in ticked]


class SendForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline for quotes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("At least one full day ahead, so providers have time to prepare a quote."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            suggested = timezone.localtime() + datetime.timedelta(days=14)
            self.initial.setdefault("deadline", suggested.replace(hour=12, minute=0, second=0))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AwardForm(forms.Form):
    quote = forms.ModelChoiceField(
        label=_("Quote to award"), queryset=Quote.objects.none(), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason for the award"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. the lowest price among the quotes meeting all requirements."),
    )

    def __init__(self, *args, quotes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if quotes is not None:
            self.fields["quote"].queryset = quotes
        self.fields["quote"].label_from_instance = lambda q: (
            gettext("%(provider)s: %(price)s EUR net")
            % {
                "provider": q.invitation.provider.name,
                "price": formats.number_format(q.net_price, 2, use_l10n=True, force_grouping=True),
            }
        )


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["net_price", "description", "valid_until", "document"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "valid_until": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["net_price"].validators.append(MinValueValidator(0))
        self.fields["net_price"].widget.attrs["min"] = "0"

    def clean_valid_until(self):
        day = self.cleaned_data.get("valid_until")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("A quote cannot be binding until a day in the past."))
        return day

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):  # a new file, not the stored one
            check_upload_size(document, "document")
        return document


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you do not quote (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
