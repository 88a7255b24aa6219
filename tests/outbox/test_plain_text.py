"""Subjects and text bodies are plain text: what people typed arrives as they typed it,
while the HTML body still escapes it."""

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import queue_mail


def test_a_name_with_an_ampersand_is_not_escaped_in_subject_and_text(db):
    mail = queue_mail(
        "groups_request_approved",
        "jan@example.org",
        {
            "name": "Jan <Admin> & Co",
            "group": "Games & Kreativwirtschaft",
            "subject": "Willkommen in der Fachgruppe Games & Kreativwirtschaft",
            "approved": "Sie sind jetzt Mitglied der Fachgruppe Games & Kreativwirtschaft.",
            "group_path": "/groups/games/",
        },
        language="de",
    )

    mail = OutgoingMail.objects.get(pk=mail.pk)
    assert mail.subject == "Willkommen in der Fachgruppe Games & Kreativwirtschaft"
    assert "Games & Kreativwirtschaft" in mail.body_text
    assert "Jan <Admin> & Co" in mail.body_text
    assert "&amp;" not in mail.subject + mail.body_text
    # The HTML body is HTML: there the ampersand and the angle brackets are escaped.
    assert "Jan &lt;Admin&gt; &amp; Co" in mail.body_html
