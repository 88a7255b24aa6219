"""The board's search follows the directory: a posting's search document holds its
organisation's name, so when the directory announces a changed organisation (its own
signals, sent explicitly by its services), the organisation's postings are re-indexed."""

from django.dispatch import receiver

from knotenpunkt.directory import signals as directory_signals
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.postings import refresh_search


def _reindex(organisation_ids) -> None:
    postings = JobPosting.objects.filter(organisation_id__in=list(organisation_ids))
    for posting in postings.select_related("organisation", "region").prefetch_related("topics"):
        refresh_search(posting)


@receiver(directory_signals.organisation_changed)
def reindex_postings_of_organisation(sender, organisation, **kwargs):
    _reindex([organisation.pk])


@receiver(directory_signals.organisations_changed)
def reindex_postings_of_organisations(sender, ids, **kwargs):
    _reindex(ids)
