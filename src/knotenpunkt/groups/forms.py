from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import check_upload_size, upload_limit
from knotenpunkt.directory.forms import TopicTreeField
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.directory.services.people import people_known_by_email
from knotenpunkt.groups.models import Group, GroupMembership, Meeting, MeetingDocument
from knotenpunkt.groups.services import GROUP_FIELDS

# Minutes, slides and the office formats a topic group shares; nothing executable.
DOCUMENT_EXTENSIONS = {
    ".pdf",
    ".pptx",
    ".ppt",
    ".odp",
    ".docx",
    ".doc",
    ".odt",
    ".xlsx",
    ".ods",
    ".csv",
    ".txt",
    ".md",
    ".png",
    ".jpg",
    ".jpeg",
}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class LeadGroupForm(forms.ModelForm):
    """What a lead may change about their group."""

    topics = TopicTreeField(label=_("Topics"), required=False)

    class Meta:
        model = Group
        fields = ["summary", "description", "topics", "guests_welcome"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].offer_topic_tree()


class StaffGroupForm(LeadGroupForm):
    """The cluster management also decides name, clusters, policy and exclusions."""

    excluded_topics = TopicTreeField(label=_("Excluded organisation topics"), required=False)

    class Meta(LeadGroupForm.Meta):
        fields = GROUP_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "clusters": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["excluded_topics"].offer_topic_tree()
        self.fields["excluded_topics"].help_text = Group._meta.get_field(
            "excluded_topics"
        ).help_text
        self.fields["clusters"].queryset = clusters_looked_after(user)
        self.fields["name_gender"].choices = [
            ("", _("As the kind: die Fachgruppe, der Club")),
            *Group.Gender.choices,
        ]

    def clean_excluded_wz_prefixes(self):
        raw = self.cleaned_data["excluded_wz_prefixes"]
        prefixes = [p.strip() for p in raw.split(",") if p.strip()]
        for prefix in prefixes:
            if not all(c.isdigit() or c == "." for c in prefix) or not prefix[0].isdigit():
                raise ValidationError(
                    _("“%(prefix)s” is not the start of a WZ code (digits and dots, e.g. 78)."),
                    params={"prefix": prefix},
                )
        return ", ".join(prefixes)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the leads (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        help_text=_("The person must already be known to the platform."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group

    def clean_email(self):
        address = self.cleaned_data["email"].strip().lower()
        person = people_known_by_email(address).first()
        if person is None:
            raise ValidationError(
                _(
                    "Nobody with this e-mail address is known. Ask the cluster management to "
                    "add the person first."
                )
            )
        if GroupMembership.objects.filter(group=self.group, person=person).exists():
            raise ValidationError(
                _("%(name)s is already a member, invited or waiting for approval."),
                params={"name": person.full_name},
            )
        self.cleaned_data["person"] = person
        return address


class AddMemberForm(InviteForm):
    """The cluster management appoints founders and leads directly."""

    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "agenda", "minutes"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return cleaned


class DocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = MeetingDocument
        fields = ["kind", "title", "file", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, slides, office documents or images, at most %(size)s."
        ) % {"size": filesizeformat(upload_limit("document"))}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        check_upload_size(upload, "document")
        if PurePath(upload.name).suffix.lower() not in DOCUMENT_EXTENSIONS:
            raise ValidationError(_("Please upload a PDF, slides, an office document or an image."))
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if has_file == has_url and not self.errors:
            raise ValidationError(_("Add either a file or a link (not both)."))
        if has_url:
            cleaned["kind"] = cleaned.get("kind") or MeetingDocument.Kind.LINK
        return cleaned
