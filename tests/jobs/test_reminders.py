"""`knotenpunkt jobs-reminders`: the poster hears once, a week before the end, and a
posting past its date is marked expired."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.postings import renew_posting
from knotenpunkt.outbox.models import OutgoingMail
from tests.jobs.conftest import make_posting


def run_command():
    call_command("jobs_reminders", stdout=StringIO())


def reminders():
    return OutgoingMail.objects.filter(kind="jobs_expiry_reminder")


def test_the_poster_is_reminded_once_a_week_before_the_end(bob, member_org):
    today = timezone.localdate()
    ending = make_posting(bob, member_org, valid_until=today + datetime.timedelta(days=7))
    make_posting(
        bob, member_org, title="Läuft noch lange", valid_until=today + datetime.timedelta(days=30)
    )

    run_command()
    run_command()

    (mail,) = reminders()
    assert mail.to == bob.email
    assert ending.title in mail.subject
    assert f"/jobs/{ending.slug}/renew/" in mail.body_text
    ending.refresh_from_db()
    assert ending.reminder_sent_at is not None


def test_an_extended_posting_is_reminded_again_before_its_new_end(bob, member_org):
    today = timezone.localdate()
    posting = make_posting(bob, member_org, valid_until=today + datetime.timedelta(days=3))
    run_command()
    renew_posting(bob, posting, today + datetime.timedelta(days=5))
    run_command()
    assert reminders().count() == 2


def test_drafts_and_withdrawn_postings_are_not_reminded(bob, member_org):
    soon = timezone.localdate() + datetime.timedelta(days=2)
    make_posting(bob, member_org, publish=False, valid_until=soon)
    withdrawn = make_posting(bob, member_org, title="Besetzt", valid_until=soon)
    JobPosting.objects.filter(pk=withdrawn.pk).update(status=JobPosting.Status.WITHDRAWN)
    run_command()
    assert not reminders().exists()


def test_a_posting_past_its_date_is_marked_expired(bob, member_org):
    posting = make_posting(bob, member_org)
    JobPosting.objects.filter(pk=posting.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    run_command()
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.EXPIRED
    assert not reminders().exists()
