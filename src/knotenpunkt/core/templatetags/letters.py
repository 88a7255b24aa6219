"""`{% letter_layout as letter %}`: the DIN 5008 geometry for letter templates (invoices,
tickets), so that every letter follows `settings.LETTER_FORM` without its view passing it."""

import phonenumbers
from django import template
from django.conf import settings

from knotenpunkt.core.letters import letter_form

register = template.Library()


@register.simple_tag
def letter_layout() -> dict[str, str]:
    return letter_form().css()


@register.filter
def phone_international(value: str) -> str:
    """A stored number (E.164, "+49431987650") as DIN 5008 writes it on a letter:
    "+49 431 987650". Anything phonenumbers cannot read is shown as it was stored."""
    try:
        number = phonenumbers.parse(value, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
