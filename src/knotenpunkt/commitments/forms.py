"""Forms of the commitment pages: they parse input; the rules are in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.commitments.models import Commitment, CommitmentVersion
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after

# Paths under /commitments/ that are pages, not commitments.
RESERVED_SLUGS = {"manage"}


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class CommitmentForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Short address"),
        max_length=80,
        help_text=_("Part of the web address, e.g. digital-ethics: letters, digits and hyphens."),
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=300, required=False, help_text=_("One sentence for lists.")
    )
    text = forms.CharField(
        label=_("Text of the first version"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=CommitmentVersion._meta.get_field("text").help_text,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters_looked_after(user)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS or Commitment.objects.filter(slug=slug).exists():
            raise ValidationError(_("This short address is taken; choose another."))
        return slug


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=CommitmentVersion._meta.get_field("text").help_text,
    )
    change_summary = forms.CharField(
        label=_("What changed"),
        max_length=500,
        required=False,
        help_text=_("For the signatories: what is new in this version."),
    )
