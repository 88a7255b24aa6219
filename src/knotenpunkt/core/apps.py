from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender, using="default", **kwargs):
    """`migrate` is the one setup step: it also creates the database cache's table.

    `createcachetable` does nothing when the table exists or the cache is not the database.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "knotenpunkt.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from knotenpunkt.core import checks, lookups  # noqa: F401 - register on import

        post_migrate.connect(create_cache_table, sender=self)
        from knotenpunkt.core import personal_data  # noqa: F401 - registers the audit log
