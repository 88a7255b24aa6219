"""Forms in KERN's markup, for every form of the platform at once.

KERN styles form controls by class (`kern-form-input__input`, `kern-form-check__checkbox`,
…), with an `--error` variant for a field that failed validation. Rather than naming the
class in every form's widget attrs, the project's form renderer hands Django a bound field
that adds them while it builds the widget's attributes: a form written the Django way
looks like KERN without knowing about it. The templates around the controls (label, hint,
error) are `templates/includes/field.html` and the option templates under
`core/templates/django/forms/widgets/`.
"""

from django import forms
from django.forms import widgets
from django.forms.renderers import TemplatesSetting


def kern_control_class(widget: forms.Widget) -> str:
    # CheckboxSelectMultiple is a subclass of RadioSelect: ask for it first.
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "kern-form-check__checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "kern-form-check__radio"
    if isinstance(widget, forms.Select):  # also SelectMultiple
        return "kern-form-input__select"
    if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
        return ""
    if isinstance(widget, widgets.Input | forms.Textarea):
        return "kern-form-input__input"
    return ""


class KernBoundField(forms.BoundField):
    @property
    def marked_optional(self) -> bool:
        """KERN marks optional fields, not required ones; but in a form where nothing is
        required (a filter, a search) "optional" on every field is noise."""
        return not self.field.required and any(f.required for f in self.form.fields.values())

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        control = kern_control_class(widget)
        if control:
            classes = [attrs.get("class") or widget.attrs.get("class", ""), control]
            if self.errors:
                classes.append(f"{control}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        return attrs


class KernFormRenderer(TemplatesSetting):
    """Renders through the project's template engine, so the KERN option templates in
    core/templates/django/forms/widgets/ win over Django's own (django.forms, last in
    INSTALLED_APPS, supplies the rest)."""

    bound_field_class = KernBoundField
