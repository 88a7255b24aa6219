"""The wordings people agree to, versioned: a consent record stores version and wording."""

from django.utils.translation import gettext_lazy as _

from knotenpunkt.privacy.models import Consent

CONSENT_TEXTS = {
    Consent.Purpose.PRIVACY_POLICY: (
        "2026-11",
        _(
            "I have read the privacy notice and agree that Knotenpunkt processes my data to "
            "provide my account."
        ),
    ),
    Consent.Purpose.DIRECTORY_LISTING: (
        "2026-11",
        _("Show my name and function on my organisation's public directory page."),
    ),
    Consent.Purpose.NEWSLETTER: (
        "2026-11",
        _("Send me the cluster newsletter by e-mail. I can unsubscribe at any time."),
    ),
    Consent.Purpose.EVENT_INVITATIONS: (
        "2026-11",
        _("Send me invitations to events by e-mail. I can unsubscribe at any time."),
    ),
    Consent.Purpose.PORTRAIT: (
        "2026-12",
        _(
            "The cluster may portray me (name, photo, function and the text agreed with me) "
            "on its website. I can withdraw this at any time; the portrait then goes offline."
        ),
    ),
    Consent.Purpose.PROFILING: (
        "2026-12",
        _(
            "Use what I open, share and rate in the member area to rank my personal feed and "
            "to show which items are popular in my network. I can withdraw this at any time "
            "on the feed page; what was recorded is then deleted."
        ),
    ),
    Consent.Purpose.JOBS_DIGEST: (
        "2026-12",
        _(
            "Send me the new jobs and training offers of the week by e-mail. I can "
            "unsubscribe at any time."
        ),
    ),
}
