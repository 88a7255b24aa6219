from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedConfig(AppConfig):
    name = "knotenpunkt.feed"
    label = "feed"
    verbose_name = _("Personal feed")

    def ready(self):
        from knotenpunkt.feed import (  # noqa: F401
            merge_relations,
            personal_data,
            receivers,
            sources,
        )

        receivers.connect_notices()
