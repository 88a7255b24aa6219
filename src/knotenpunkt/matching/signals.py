"""The matching index follows the directory: when an organisation's data changes (its
description, topics, name, listing), its matching document is rebuilt in the background.

The directory announces changes through its own signals (directory/signals.py), which it
sends explicitly from its services; it does not know this app.
"""

from django.db import transaction
from django.dispatch import receiver

from knotenpunkt.directory import signals as directory_signals


@receiver(directory_signals.organisation_changed)
def reindex_changed_organisation(sender, organisation, **kwargs):
    from knotenpunkt.matching.tasks import reindex_organisation_task

    organisation_id = organisation.pk
    transaction.on_commit(lambda: reindex_organisation_task.enqueue(organisation_id))


@receiver(directory_signals.organisations_changed)
def reindex_changed_organisations(sender, ids, **kwargs):
    from knotenpunkt.matching.tasks import reindex_organisations_task

    organisation_ids = list(ids)
    transaction.on_commit(lambda: reindex_organisations_task.enqueue(organisation_ids))
