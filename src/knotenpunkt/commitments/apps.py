from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    """Commitments a cluster publishes (a code of digital ethics, a sustainability pledge),
    versioned, and the organisations that sign them."""

    name = "knotenpunkt.commitments"
    label = "commitments"
    verbose_name = _("Commitments")
