"""What the jobs app tells the privacy app about the digest's consents: the words for its
sources, and that withdrawing the digest consent on the privacy page ends the subscription.
(The confirmation link and the one-click unsubscribe use the mailings' source codes.)"""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.jobs.services.digest import unsubscribe
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import on_consent_withdrawn
from knotenpunkt.privacy.sources import register_consent_source

register_consent_source("jobs board", _("Job digest settings on the job board"))
register_consent_source("jobs digest form", _("Sign-up form for the job digest"))


def _end_digest(person, *, source, ip=None) -> None:
    # Records the withdrawal itself (services.digest.unsubscribe).
    unsubscribe(person, source=source, ip=ip)


on_consent_withdrawn(Consent.Purpose.JOBS_DIGEST, _end_digest)
