from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from knotenpunkt.core.uploads import validate_image_upload
from knotenpunkt.core.widgets import PlainSelect
from knotenpunkt.directory.fields import (
    ORGANISATION_PROFILE_FIELDS,
    PERSON_PROFILE_FIELDS,
    form_fields,
)
from knotenpunkt.directory.models import (
    Cluster,
    Organisation,
    Person,
    PersonEmail,
    PersonPhone,
    Position,
    Region,
    Topic,
)
from knotenpunkt.directory.services.taxonomy import topic_tree
from knotenpunkt.directory.validators import normalise_vat_id


def topic_choices(key: str = "pk") -> list[tuple]:
    """Topics in tree order, indented by depth, for checkboxes and filter selects."""
    return [(getattr(t, key), "\u2003" * depth + t.label) for t, depth in topic_tree()]


class TopicTreeField(forms.ModelMultipleChoiceField):
    """Topics as checkboxes in tree order; the form sets the choices per request."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Topic.objects.all(), **kwargs)


class WithTopicTree:
    """Mixin: fills the `topics` field's choices (labels follow the active language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices()


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.all(),
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=_("All clusters"),
    )
    actor_type = forms.ChoiceField(
        label=_("Actor type"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All actor types")), *Organisation.ActorType.choices],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        widget=PlainSelect,
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        widget=PlainSelect,
        to_field_name="ags",
        empty_label=_("All regions"),
    )
    size_class = forms.ChoiceField(
        label=_("Size"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All sizes")), *Organisation.SizeClass.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topic_choices("slug")]


class OrganisationProfileForm(WithTopicTree, forms.ModelForm):
    topics = TopicTreeField(label=_("Topics"), required=False)
    # People type "firma.de"; assume https as Django 6 will.
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = form_fields(ORGANISATION_PROFILE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo)
        return logo

    def clean_vat_id(self):
        return normalise_vat_id(self.cleaned_data.get("vat_id", ""))

    def clean_register_number(self):
        return " ".join(self.cleaned_data.get("register_number", "").split())


class PersonForm(WithTopicTree, forms.ModelForm):
    topics = TopicTreeField(label=_("Interests"), required=False)

    class Meta:
        model = Person
        fields = form_fields(PERSON_PROFILE_FIELDS)


class PersonEmailForm(forms.ModelForm):
    class Meta:
        model = PersonEmail
        fields = ["address", "kind", "is_primary"]

    def clean_address(self):
        return self.cleaned_data["address"].strip().lower()


class PersonPhoneForm(forms.ModelForm):
    class Meta:
        model = PersonPhone
        fields = ["number", "kind"]


EmailFormSet = inlineformset_factory(
    Person,
    PersonEmail,
    form=PersonEmailForm,
    extra=1,
    can_delete=True,
    max_num=5,
    validate_max=True,
)
PhoneFormSet = inlineformset_factory(
    Person,
    PersonPhone,
    form=PersonPhoneForm,
    extra=1,
    can_delete=True,
    max_num=5,
    validate_max=True,
)


class AddColleagueForm(forms.Form):
    """An organisation admin adds a colleague (new or already known by e-mail)."""

    salutation = forms.ChoiceField(label=_("Salutation"), choices=Person.Salutation.choices)
    title = forms.CharField(label=_("Academic title"), max_length=50, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"))
    phone = PhoneNumberField(label=_("Phone"), required=False)
    function = forms.ChoiceField(label=_("Function"), choices=Position.Function.choices)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    is_admin = forms.BooleanField(
        label=_("May edit this organisation's profile and people"), required=False
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["function", "job_title", "is_admin"]
