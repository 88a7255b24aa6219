from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "knotenpunkt.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from knotenpunkt.accounts import audit_actions, consents, personal_data  # noqa: F401
