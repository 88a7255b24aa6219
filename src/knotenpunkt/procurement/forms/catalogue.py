"""Forms of the catalogue: the offering with its documents, the review decision, reviews."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import check_upload_size
from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.procurement.models.catalogue import (
    Interface,
    OfferingDocument,
    OfferingVersion,
    Themenfeld,
)
from knotenpunkt.procurement.services.listing import M2M_FIELDS, VERSION_FIELDS

DOCUMENT_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "png", "jpg", "jpeg"]


class HttpsURLField(forms.URLField):
    """Addresses typed without a scheme are taken as https (Django 6's default)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


FIELDSETS = [
    (
        _("What it is"),
        ["name", "summary", "description", "kind", "category", "procurement_category"],
    ),
    (
        _("Operation and price"),
        [
            "deployment",
            "hosting",
            "hosting_details",
            "price_model",
            "price_amount",
            "price_note",
            "evb_it",
        ],
    ),
    (
        _("Fit for the administration"),
        ["themenfelder", "leika_keys", "interfaces", "reference_customers"],
    ),
    (
        _("Open source and accessibility"),
        ["open_source_licence", "opencode_url", "accessibility", "accessibility_statement_url"],
    ),
    (_("Security and data protection"), ["c5", "iso27001", "avv_available"]),
]


class OfferingForm(forms.ModelForm):
    """All a provider says about an offering. Only the name is needed to save a draft;
    the completeness checklist says what the submission still needs."""

    themenfelder = forms.ModelMultipleChoiceField(
        label=_("OZG Themenfelder"),
        queryset=Themenfeld.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interfaces = forms.ModelMultipleChoiceField(
        label=_("Interfaces"),
        queryset=Interface.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = OfferingVersion
        fields = VERSION_FIELDS + M2M_FIELDS
        field_classes = {
            "opencode_url": HttpsURLField,
            "accessibility_statement_url": HttpsURLField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "reference_customers": forms.Textarea(attrs={"rows": 4}),
            "leika_keys": forms.Textarea(attrs={"rows": 4}),
            "kind": forms.RadioSelect,
            "category": PlainSelect,
            "procurement_category": forms.RadioSelect,
            "deployment": forms.RadioSelect,
            "hosting": forms.RadioSelect,
            "price_model": PlainSelect,
            "accessibility": forms.RadioSelect,
            "c5": forms.RadioSelect,
            "iso27001": forms.RadioSelect,
            "evb_it": PlainSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "name":
                field.required = False
            choices = list(field.choices) if isinstance(field, forms.TypedChoiceField) else []
            if choices and choices[0][0] == "" and str(choices[0][1]).startswith("---"):
                # A draft may leave a choice open; the empty option says so in words.
                field.choices = [("", _("– not stated –")), *choices[1:]]
        self.fields["price_amount"].validators.append(MinValueValidator(0))
        self.fields["price_amount"].widget.attrs["min"] = "0"

    def fieldsets(self):
        """The fields in groups, each rendered as a fieldset with its legend."""
        return [(legend, [self[name] for name in names]) for legend, names in FIELDSETS]

    def version_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in VERSION_FIELDS + M2M_FIELDS}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = OfferingDocument
        fields = ["kind", "title", "file", "issuer", "valid_until"]
        widgets = {
            "kind": PlainSelect,
            "valid_until": DateInput(),
        }
        help_texts = {
            "valid_until": _("For certificates: the expiry date printed on the certificate."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(DOCUMENT_EXTENSIONS))
        self.fields["file"].help_text = _("PDF, office document or image, at most 20 MB.")

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new file, not the stored one
            check_upload_size(file, "document")
        return file

    def clean(self):
        data = super().clean()
        certificate = data.get("kind") in (
            OfferingDocument.Kind.ISO27001,
            OfferingDocument.Kind.C5,
            OfferingDocument.Kind.CERTIFICATE,
        )
        if certificate and not data.get("valid_until") and not self.has_error("valid_until"):
            self.add_error("valid_until", _("A certificate needs its expiry date."))
        return data


DocumentFormSet = forms.inlineformset_factory(
    OfferingVersion, OfferingDocument, form=DocumentForm, extra=2, can_delete=True
)


class ReviewDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the provider"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you request changes: what should the provider change?"),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the record; buyers do not see it."),
    )


class BuyerReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is the best, 1 the worst."),
    )
    text = forms.CharField(
        label=_("Your experience"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How did introduction, operation and support go? Seen by every visitor."),
    )
