from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from knotenpunkt.participation.models import Phase, Process


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = [
            "title",
            "summary",
            "description",
            "visibility",
            "attribute_ideas",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class NewProcessForm(ProcessForm):
    owner = forms.ChoiceField(label=_("Run by"))

    class Meta(ProcessForm.Meta):
        fields = ["owner", *ProcessForm.Meta.fields]

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {self._key(owner): owner for owner in owners}
        self.fields["owner"].choices = [(key, str(o)) for key, o in self.owners.items()]

    @staticmethod
    def _key(owner) -> str:
        return f"{owner._meta.model_name}-{owner.pk}"

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["title", "module", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A phase cannot end before it starts."))
        return cleaned


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One address per line (or separated by commas)."),
    )

    def clean_emails(self):
        addresses = [
            part.strip()
            for line in self.cleaned_data["emails"].splitlines()
            for part in line.split(",")
            if part.strip()
        ]
        wrong = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                wrong.append(address)
        if wrong:
            raise ValidationError(
                _("Not an e-mail address: %(addresses)s") % {"addresses": ", ".join(wrong)}
            )
        if len(addresses) > 500:
            raise ValidationError(_("At most 500 addresses at a time."))
        return addresses


class ModeratorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the account"),
        help_text=_("The person must have an account on the platform."),
    )
