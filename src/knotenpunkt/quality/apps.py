from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "knotenpunkt.quality"
    label = "quality"
    verbose_name = _("Data quality")

    def ready(self):
        # Merge: audit codes, and the snapshots as personal data (export and erasure).
        from knotenpunkt.quality import audit_actions, personal_data  # noqa: F401

        # Duplicates: audit codes, the directory's change signals, personal-data erasure.
        from knotenpunkt.quality.services import duplicates, similarity_keys  # noqa: F401
