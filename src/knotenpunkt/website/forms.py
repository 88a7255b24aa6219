"""The Wagtail image form with the platform's wording for the required alternative text."""

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
