from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "knotenpunkt.mailings"
    label = "mailings"
    verbose_name = _("Mailings")

    def ready(self):
        import knotenpunkt.mailings.webhooks  # noqa: F401  (connects anymail's tracking signal)
        from knotenpunkt.mailings import consents, measures, personal_data  # noqa: F401

        # Imported for their audit action registrations.
        from knotenpunkt.mailings.services import segments, subscriptions  # noqa: F401
