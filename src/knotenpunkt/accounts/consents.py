"""The words for the sources of the consent records the accounts app writes."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.privacy.sources import register_consent_source

register_consent_source("signup", _("Sign-up for an account"))
register_consent_source("profile", _("My data (profile page)"))
