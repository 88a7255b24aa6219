"""The Wagtail image form with the platform's wording for the required alternative text."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

alt_text_required_message = _(
    "Please describe what the image shows (alternative text): people who cannot see "
    "the image hear this text instead."
)


class WebsiteImageBaseForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "alt_text" in self.fields:
            self.fields["alt_text"].required = True
            self.fields["alt_text"].error_messages["required"] = alt_text_required_message


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        person = getattr(user, "person", None)
        return f"{person.full_name} ({user.email})" if person else user.email


class PortraitAuthorForm(forms.Form):
    """Whom to invite as a portrait author (people of the cluster's member organisations)
    or whose invitation to end (the site's authors)."""

    user = AuthorChoiceField(
        label=_("Person"),
        queryset=None,
        empty_label=_("Choose a person"),
        help_text=_("People with an account who work at a member organisation of the cluster."),
    )

    def __init__(self, cluster_site, *args, **kwargs):
        # One form per site on the page: ids must differ.
        kwargs.setdefault("auto_id", f"site{cluster_site.pk}-%s")
        super().__init__(*args, **kwargs)
        from knotenpunkt.website.services.sites import author_candidates, portrait_authors

        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(
                Q(pk__in=author_candidates(cluster_site).values("pk"))
                | Q(pk__in=portrait_authors(cluster_site).values("pk"))
            )
            .select_related("person")
            .order_by("person__last_name", "email")
        )
