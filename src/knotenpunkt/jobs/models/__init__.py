"""Postings (with the clusters' review settings) and the weekly digest's subscriptions."""

from knotenpunkt.jobs.models.digest import JobDigestSubscription
from knotenpunkt.jobs.models.postings import ClusterJobSettings, JobPosting

__all__ = ["ClusterJobSettings", "JobDigestSubscription", "JobPosting"]
