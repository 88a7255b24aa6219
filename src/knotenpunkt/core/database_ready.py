"""Management commands that read the database refuse one that `knotenpunkt migrate` has not
set up, with one line saying so instead of a traceback about a missing table.

    class Command(MigratedDatabaseRequired, BaseCommand): ...
"""

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _


def unapplied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations `knotenpunkt migrate` would still apply, as "app.name"."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def require_migrated_database(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise CommandError (exit code 1) unless the database is reachable and migrated."""
    try:
        set_up = MigrationRecorder(connections[using]).has_table()
        missing = unapplied_migrations(using) if set_up else []
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CommandError(
            _("The database cannot be reached: %(reason)s") % {"reason": reason}, returncode=1
        ) from None
    if not set_up:
        raise CommandError(
            _("The database is not set up: run `knotenpunkt migrate` first."), returncode=1
        )
    if missing:
        raise CommandError(
            _("The database is not up to date: run `knotenpunkt migrate` first."), returncode=1
        )


class MigratedDatabaseRequired:
    """Mixin for a BaseCommand that reads the database: checks it before the command runs."""

    def execute(self, *args, **options):
        require_migrated_database(options.get("database") or DEFAULT_DB_ALIAS)
        return super().execute(*args, **options)
