import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.widgets import DateInput
from knotenpunkt.directory.forms import TopicTreeField, WithTopicTree
from knotenpunkt.directory.models import Cluster
from knotenpunkt.jobs.models import ClusterJobSettings, JobPosting
from knotenpunkt.jobs.services.postings import POSTING_FIELDS, check_valid_until

DEFAULT_VALIDITY = datetime.timedelta(weeks=8)


class PostingForm(WithTopicTree, forms.ModelForm):
    """A posting's content. The services take the cleaned data (`posting_data`), the
    topics and the clusters; the form checks what a person can fix at once."""

    topics = TopicTreeField(label=_("Topics"), required=False)
    application_url = forms.URLField(
        label=capfirst(JobPosting._meta.get_field("application_url").verbose_name),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("Show in the clusters"),
        queryset=Cluster.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one cluster.")},
    )

    class Meta:
        model = JobPosting
        fields = [*POSTING_FIELDS, "topics"]
        widgets = {
            "kind": forms.RadioSelect,
            "work_mode": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 10}),
            "start_date": DateInput,
            "course_start": DateInput,
            "course_end": DateInput,
            "valid_until": DateInput,
        }

    # Shown together, each under its legend; the training fields matter only for
    # training offers, the employment fields for the other kinds.
    GROUPS = (
        (_("What is offered"), ("kind", "title", "description", "topics")),
        (_("Place of work"), ("work_mode", "street", "postcode", "city", "region")),
        (
            _("Employment (jobs, internships, working students, theses)"),
            (
                "employment_type",
                "fixed_term",
                "start_date",
                "salary_min",
                "salary_max",
                "salary_unit",
            ),
        ),
        (
            _("Training offers"),
            ("course_mode", "duration", "course_start", "course_end", "fee"),
        ),
        (_("How to apply"), ("contact_name", "contact_email", "application_url")),
        (_("Publication"), ("valid_until", "clusters")),
    )

    def __init__(self, *args, clusters=(), organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = Cluster.objects.filter(pk__in=[c.pk for c in clusters])
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("name")
        self.fields["kind"].choices = JobPosting.Kind.choices
        self.fields["work_mode"].choices = JobPosting.WorkMode.choices
        if self.instance.pk is not None:
            self.initial["clusters"] = list(self.instance.clusters.all())
            # Clusters not on offer (another cluster's, for its staff) stay as they are;
            # with one of those the posting is shown somewhere even if none is ticked.
            offered = [c.pk for c in clusters]
            if self.instance.clusters.exclude(pk__in=offered).exists():
                self.fields["clusters"].required = False
        else:
            self.initial.setdefault("valid_until", timezone.localdate() + DEFAULT_VALIDITY)
            self.initial.setdefault("clusters", list(clusters))
            if organisation is not None:
                # The organisation's address as a start; a job elsewhere changes it.
                for name in ("street", "postcode", "city", "region"):
                    self.initial.setdefault(name, getattr(organisation, name))

    def groups(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean_valid_until(self):
        day = self.cleaned_data.get("valid_until")
        unchanged = self.instance.pk is not None and day == self.instance.valid_until
        if not unchanged:
            check_valid_until(day, timezone.localdate())
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        on_site = (JobPosting.WorkMode.ON_SITE, JobPosting.WorkMode.HYBRID)
        if cleaned.get("work_mode") in on_site and not cleaned.get("city"):
            self.add_error("city", _("Please name the place of work."))
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if (low is not None or high is not None) and not cleaned.get("salary_unit"):
            self.add_error(
                "salary_unit", _("Please say whether the salary is per year, month or hour.")
            )
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", _("The upper end cannot lie below the lower one."))
        start, end = cleaned.get("course_start"), cleaned.get("course_end")
        if start and end and end < start:
            self.add_error("course_end", _("The course cannot end before it starts."))
        if kind == JobPosting.Kind.JOB and not cleaned.get("employment_type"):
            self.add_error("employment_type", _("Please choose the employment type of the job."))
        if not cleaned.get("contact_email") and not cleaned.get("application_url"):
            raise ValidationError(
                _("Please give an e-mail address for applications or a link to apply.")
            )
        return cleaned

    def posting_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in POSTING_FIELDS}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The poster reads it and can change the posting accordingly."),
    )


class RenewForm(forms.Form):
    valid_until = forms.DateField(label=_("Show until"), widget=DateInput)

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        check_valid_until(day, timezone.localdate())
        return day


class ClusterSettingsForm(forms.ModelForm):
    class Meta:
        model = ClusterJobSettings
        fields = ["review_required"]
