"""Form widgets the platform needs beyond Django's own."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


class PlainSelect(forms.Select):
    """A single <select> rendered in Python rather than one template per option.

    The directory's filters offer a few hundred options on every page view; Django's
    per-option templates cost about 30 µs each there, this costs about 1 µs. No option
    groups; attributes (id, aria-*) are rendered as Django's Select renders them.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(v), SELECTED if str(v) in selected else "", label) for v, label in self.choices),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)
