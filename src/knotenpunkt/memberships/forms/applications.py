"""Forms of the application pages: they parse input; the rules are in the service."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput
from knotenpunkt.directory.models import Organisation
from knotenpunkt.memberships.models import ClusterDocument, MembershipApplication
from knotenpunkt.memberships.services.applications import APPLICABLE_KINDS


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names; the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Kind of membership"),
        choices=[(k.value, k.label) for k in APPLICABLE_KINDS],
        widget=forms.RadioSelect,
    )
    size_class = forms.ChoiceField(
        label=_("Size of the organisation"),
        choices=Organisation.SizeClass.choices,
        widget=forms.RadioSelect,
        help_text=_("Employees, as the EU defines small and medium-sized enterprises."),
    )
    start_date = forms.DateField(label=_("Desired start"), widget=DateInput())
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organisation brings to the network and hopes to find there."),
    )
    # Not required here: the service says which document is missing, by its title.
    accepted_documents = forms.MultipleChoiceField(
        label=_("Statutes and fee rules"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["accepted_documents"].choices = [
            (
                str(d.pk),
                _("I have read and accept: %(title)s (version %(version)s)")
                % {"title": d.title, "version": d.version},
            )
            for d in documents
        ]
        if not documents:
            del self.fields["accepted_documents"]

    @classmethod
    def initial_from(cls, application: MembershipApplication) -> dict:
        return {
            "kind": application.kind,
            "size_class": application.size_class,
            "start_date": application.start_date,
            "motivation": application.motivation,
            "accepted_documents": [
                str(pk) for pk in application.acceptances.values_list("document_id", flat=True)
            ],
        }


class StaffMessageForm(forms.Form):
    # Not required here: the service's message says what is missing.
    message = forms.CharField(
        label=_("What should the applicant change or add?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant receives it by e-mail."),
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (submitted or changes requested)")), ("all", _("All"))]
        + list(MembershipApplication.Status.choices),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("All my clusters"),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters


class DocumentForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Document"), choices=ClusterDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: headings, lists, links. Published versions are never changed."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
