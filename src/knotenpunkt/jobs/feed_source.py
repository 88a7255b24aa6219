"""Listed job postings and training offers as a source of the members' personal feed.

An item per listed posting (published, its date not passed): public, from the posting
organisation, about its topics, in the clusters it is shown in. It leaves the feed the
day after `valid_until` (`expires_at`), and at the next refresh once it is withdrawn.
Registered in JobsConfig.ready; the feed sits below jobs and never imports it.
"""

import datetime

from django.utils import timezone

from knotenpunkt.feed.registry import FeedItem, register_source
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.board import listed_postings

SOURCE = "jobs"


def shown_until(posting: JobPosting) -> datetime.datetime:
    """The end of the posting's last day, in the installation's time zone."""
    next_day = posting.valid_until + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def collect_postings(ids=None):
    postings = listed_postings().prefetch_related("topics", "clusters")
    if ids is not None:
        postings = postings.filter(pk__in=ids)
    for posting in postings.iterator(chunk_size=500):
        yield FeedItem(
            key=f"jobs.jobposting:{posting.pk}",
            kind=posting.kind,
            title=posting.title,
            summary=posting.description[:300],
            url=posting.get_absolute_url(),
            published_at=posting.published_at or posting.created_at,
            expires_at=shown_until(posting),
            topic_ids=tuple(sorted(t.pk for t in posting.topics.all())),
            organisation_id=posting.organisation_id,
            cluster_ids=tuple(sorted(c.pk for c in posting.clusters.all())),
            audience="public",
        )


def visible_posting_ids(user, ids) -> set[int]:
    """The board's rule: what is listed there, everybody may see."""
    return set(listed_postings().filter(pk__in=ids).values_list("pk", flat=True))


def register() -> None:
    register_source(
        SOURCE,
        collect_postings,
        kinds=dict(JobPosting.Kind.choices),
        models=("jobs.JobPosting",),
        visible=visible_posting_ids,
    )
