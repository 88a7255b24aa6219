"""`{% letter_layout as letter %}`: the DIN 5008 geometry for letter templates (invoices,
tickets), so that every letter follows `settings.LETTER_FORM` without its view passing it."""

from django import template

from knotenpunkt.core.letters import letter_form

register = template.Library()


@register.simple_tag
def letter_layout() -> dict[str, str]:
    return letter_form().css()
