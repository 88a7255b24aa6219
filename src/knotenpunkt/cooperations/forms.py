"""Forms of the cooperation and network pages: they parse input; the rules are in the
services."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.cooperations.models import (
    COUNTRIES,
    Cooperation,
    CooperationPartner,
    PartnerNetwork,
)
from knotenpunkt.cooperations.services.cooperations import FIELDS, Partner
from knotenpunkt.cooperations.services.networks import NETWORK_FIELDS
from knotenpunkt.core.uploads import check_upload_size
from knotenpunkt.core.widgets import DateInput, PlainSelect
from knotenpunkt.directory.forms import TopicTreeField, WithTopicTree, topic_choices
from knotenpunkt.directory.models import Topic

DOCUMENT_EXTENSIONS = ["pdf", "odt", "docx", "png", "jpg", "jpeg"]


def add_service_errors(form, error: ValidationError, formset=None) -> None:
    """Put a service's ValidationError next to the fields it names; partner problems on
    the partner list, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        if field == "partners" and formset is not None:
            formset.service_errors.extend(messages)
        else:
            form.add_error(field if field in form.fields else None, messages)


class ClusterChoice:
    """Mixin: the cluster field offers the clusters the user looks after; with only one,
    the field is left out and that cluster taken."""

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.clusters = list(clusters)
        if len(self.clusters) == 1:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = clusters

    def chosen_cluster(self):
        if "cluster" in self.fields:
            return self.cleaned_data["cluster"]
        return self.clusters[0]


class CooperationForm(ClusterChoice, WithTopicTree, forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, widget=PlainSelect, empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the partners do together, and why."),
    )
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End"), required=False, widget=DateInput(), help_text=_("Empty while it runs.")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Cooperation.Status.choices, widget=PlainSelect
    )
    cluster_role = forms.ChoiceField(
        label=_("Part of the cluster"),
        choices=Cooperation.ClusterRole.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Label assessors ask what the cluster contributed: did it bring the partners "
            "together, moderate the project, or take part as a partner itself?"
        ),
    )
    topics = TopicTreeField(label=_("Topics"), required=False)
    funding_programme = forms.CharField(
        label=_("Funding programme"),
        max_length=200,
        required=False,
        help_text=_("For example ZIM, EFRE or Horizon Europe; empty if not funded."),
    )
    funding_amount = forms.DecimalField(
        label=_("Funding (EUR)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
    )
    outputs = forms.CharField(
        label=_("Outputs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Products, publications, pilots, follow-up projects: what came of it."),
    )

    @classmethod
    def initial_from(cls, cooperation: Cooperation) -> dict:
        return {
            **{name: getattr(cooperation, name) for name in FIELDS},
            "cluster": cooperation.cluster,
            "topics": list(cooperation.topics.all()),
        }

    def cooperation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        widget=PlainSelect,
        empty_label="–",
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CooperationPartner.Role.choices,
        initial=CooperationPartner.Role.PARTNER,
        required=False,
        widget=PlainSelect,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class BasePartnerFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_errors: list[str] = []

    def partners(self) -> list[Partner]:
        """The filled rows (a row without an organisation is left out)."""
        return [
            Partner(
                form.cleaned_data["organisation"],
                form.cleaned_data.get("role") or CooperationPartner.Role.PARTNER,
            )
            for form in self.forms
            if form.cleaned_data.get("organisation") is not None
        ]

    @staticmethod
    def initial_from(partners) -> list[dict]:
        return [{"organisation": p.organisation, "role": p.role} for p in partners]


PartnerFormSet = forms.formset_factory(
    PartnerForm, formset=BasePartnerFormSet, extra=2, max_num=30, validate_max=True
)


class CooperationFilterForm(forms.Form):
    """The list's filters; every one optional, a wrong value is shown next to its field."""

    year = forms.IntegerField(label=_("Start year"), required=False, min_value=1990, max_value=2100)
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, required=False, widget=PlainSelect, empty_label=_("All")
    )
    cluster_role = forms.ChoiceField(
        label=_("Part of the cluster"),
        required=False,
        choices=[("", _("All")), *Cooperation.ClusterRole.choices],
        widget=PlainSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Cooperation.Status.choices],
        widget=PlainSelect,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        widget=PlainSelect,
        empty_label=_("All"),
    )

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        if len(clusters) < 2:
            del self.fields["cluster"]
        else:
            self.fields["cluster"].queryset = clusters
        self.fields["topic"].choices = [("", _("All")), *topic_choices()]

    def filter(self, cooperations):
        if not self.is_valid():
            return cooperations
        data = self.cleaned_data
        if data.get("year"):
            cooperations = cooperations.filter(start_date__year=data["year"])
        if data.get("cluster"):
            cooperations = cooperations.filter(cluster=data["cluster"])
        if data.get("cluster_role"):
            cooperations = cooperations.filter(cluster_role=data["cluster_role"])
        if data.get("status"):
            cooperations = cooperations.filter(status=data["status"])
        if data.get("topic"):
            cooperations = cooperations.filter(topics=data["topic"])
        return cooperations


class NetworkForm(ClusterChoice, forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, widget=PlainSelect, empty_label=None
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PartnerNetwork.Kind.choices, widget=forms.RadioSelect
    )
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, widget=PlainSelect)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who they are and what the cooperation is about."),
    )

    @classmethod
    def initial_from(cls, network: PartnerNetwork) -> dict:
        return {name: getattr(network, name) for name in ("cluster", *NETWORK_FIELDS)}

    def network_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in NETWORK_FIELDS}


class AgreementForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("For example: Memorandum of understanding on joint matchmaking."),
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=DateInput(), help_text=_("Empty if open-ended.")
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
        help_text=_("The signed agreement as PDF, ODT, DOCX or a scan (PNG, JPEG)."),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            check_upload_size(document, "document")
        return document

    def agreement_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("subject", "signed_on", "ends_on")}


def _trip_label(event) -> str:
    day = date_format(timezone.localtime(event.starts_at), "SHORT_DATE_FORMAT")
    return f"{event.title} ({day})"


class TripLinkForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Trip"),
        queryset=None,
        widget=PlainSelect,
        empty_label=None,
        help_text=_("Events of the kind “delegation trip or learning journey” of the cluster."),
    )

    def __init__(self, *args, trips, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = trips
        self.fields["event"].label_from_instance = _trip_label
