"""Form widgets the platform needs beyond Django's own."""

import unicodedata

from django import forms
from django.forms.utils import flatatt
from django.forms.widgets import Script
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is ISO (YYYY-MM-DD) whatever the language:
    a German "01.03.2026" would leave the picker empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


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
        # The wrapper draws KERN's arrow, as core/templates/django/forms/widgets/select.html.
        return format_html(
            '<div class="kern-form-input__select-wrapper"><select name="{}"{}>{}</select></div>',
            name,
            flatatt(final_attrs),
            options,
        )


# Trees are labelled with em spaces per level (directory.forms.topic_choices); the picker
# indents by class instead, so that a search result does not keep its parents' indent.
INDENT = "\u2003"
MAX_DEPTH = 4
CHECKBOX_CLASS = "kern-form-check__checkbox"


def search_text(*parts: str) -> str:
    """What the topic picker's script compares a query with: lower case, without accents
    and with ß as ss (topic-picker.js normalises the query the same way)."""
    text = " ".join(" ".join(parts).split()).lower().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class TopicPicker(forms.CheckboxSelectMultiple):
    """Checkboxes for a long list of topics that shows the chosen ones first.

    Without script it is the list of checkboxes, the chosen ones on top under their own
    heading. topic-picker.js adds a search box that filters the list as one types (with a
    live region saying how many match) and the chosen topics as removable buttons above
    it. `search_terms` (value -> words) lets a search find a topic by its synonyms or its
    label in the other language; the form fills it.
    """

    template_name = "core/widgets/topic_picker.html"
    search_terms: dict[str, str] = {}

    class Media:
        css = {"all": ["knotenpunkt/widgets/topic-picker.css"]}
        js = [Script("knotenpunkt/widgets/topic-picker.js", defer=True)]

    def get_context(self, name, value, attrs):
        # Widget's context, not ChoiceWidget's: the options are built here, in Python (a
        # template per option costs about 30 µs, 228 times), not as Django's optgroups.
        context = forms.Widget.get_context(self, name, value, attrs)
        attrs = context["widget"]["attrs"]
        widget_id = attrs.get("id") or f"id_{name}"
        option_attrs = {k: v for k, v in attrs.items() if k != "id"}
        # KERN's checkbox class, whatever a renderer added: Django's CheckboxSelectMultiple
        # is a RadioSelect subclass, so a renderer that asks isinstance() may say "radio".
        classes = [
            c
            for c in option_attrs.get("class", "").split()
            if not c.startswith("kern-form-check__")
        ]
        invalid = option_attrs.get("aria-invalid") == "true"
        classes += [CHECKBOX_CLASS, f"{CHECKBOX_CLASS}--error"] if invalid else [CHECKBOX_CLASS]
        option_attrs["class"] = " ".join(classes)
        chosen_values = set(context["widget"]["value"])
        chosen, others = [], []
        for index, (option_value, label) in enumerate(self.choices):
            option_value = str(option_value)
            is_chosen = option_value in chosen_values
            (chosen if is_chosen else others).append(
                self._option(
                    name, widget_id, index, option_value, str(label), is_chosen, option_attrs
                )
            )
        context["widget"].update(
            {
                "picker_id": widget_id,
                "chosen_html": mark_safe("".join(chosen)),  # noqa: S308 - built by format_html
                "others_html": mark_safe("".join(others)),  # noqa: S308 - built by format_html
                "chosen_count": len(chosen),
                # The script's sentences, with {count} and {topic} for it to fill in.
                "status_one": ngettext("%(count)s topic matches", "%(count)s topics match", 1)
                % {"count": "{count}"},
                "status_other": ngettext("%(count)s topic matches", "%(count)s topics match", 2)
                % {"count": "{count}"},
                "status_none": _("No topic matches. Try a shorter word."),
                "removed": _("%(topic)s removed.") % {"topic": "{topic}"},
                "remove_label": _("Remove %(topic)s") % {"topic": "{topic}"},
            }
        )
        return context

    def _option(self, name, widget_id, index, value, label, checked, attrs) -> str:
        depth = min(len(label) - len(label.lstrip(INDENT)), MAX_DEPTH)
        label = label.lstrip(INDENT)
        option_id = f"{widget_id}_{index}"
        return format_html(
            '<div class="kern-form-check topic-picker__option topic-picker__option--depth-{}"'
            ' data-search="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}{}>'
            '<label class="kern-label" for="{}">{}</label></div>',
            depth,
            search_text(label, self.search_terms.get(value, "")),
            name,
            value,
            option_id,
            mark_safe(" checked") if checked else "",  # noqa: S308 - a constant
            flatatt(attrs),
            option_id,
            label,
        )
