"""What the mailings app tells the privacy app about consents: the words for the sources
its consent records name, which mailing list a record concerned, and that withdrawing the
newsletter or invitations consent on the privacy page ends those subscriptions."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.mailings.services.subscriptions import consent_purpose, unsubscribe
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import on_consent_withdrawn
from knotenpunkt.privacy.sources import register_consent_source, register_source_details

register_consent_source("subscribe form", _("Sign-up form for news and invitations"))
register_consent_source("double opt-in confirmation", _("Confirmation link in the e-mail"))
register_consent_source("preference centre", _("Subscription settings"))
register_consent_source("unsubscribe", _("Unsubscribe link in a mailing"))
register_consent_source("one-click unsubscribe", _("Unsubscribe link in a mailing"))
register_consent_source("provider: complaint", _("Spam report to the e-mail provider"))
register_consent_source("provider: unsubscribe", _("Unsubscribed at the e-mail provider"))
register_consent_source("api", _("Through the API (an access token of the person)"))


def mailing_list_names(details: set[str]) -> dict[str, str]:
    """'cluster/list' (as subscriptions._source writes it) -> the list's and cluster's name."""
    pairs = {tuple(d.split("/", 1)) for d in details if d.count("/") == 1}
    if not pairs:
        return {}
    lists = MailingList.objects.filter(
        cluster__slug__in={c for c, _l in pairs}, slug__in={s for _c, s in pairs}
    ).select_related("cluster")
    return {
        f"{ml.cluster.slug}/{ml.slug}": f"{ml.name} ({ml.cluster.name})"
        for ml in lists
        if (ml.cluster.slug, ml.slug) in pairs
    }


register_source_details(mailing_list_names)


def _end_subscriptions(purpose: str):
    def end(person, *, source, ip=None) -> None:
        subscriptions = person.subscriptions.filter(
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING]
        ).select_related("mailing_list")
        for subscription in subscriptions:
            if consent_purpose(subscription.mailing_list) == purpose:
                # Records the withdrawal per list, naming it (subscriptions._record).
                unsubscribe(person, subscription.mailing_list, source=source, ip=ip)

    return end


for _purpose in (Consent.Purpose.NEWSLETTER, Consent.Purpose.EVENT_INVITATIONS):
    on_consent_withdrawn(_purpose, _end_subscriptions(_purpose))
