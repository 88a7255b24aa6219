"""Follow-ups: the assignee's list, ticking off, and the reminder that goes out once."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from knotenpunkt.interactions.models import FollowUp
from knotenpunkt.interactions.services.follow_ups import send_follow_up_reminders
from knotenpunkt.outbox.models import OutgoingMail

DAY = datetime.date(2026, 5, 4)
KIND = "interactions_follow_ups_due"


def _follow_ups(record, alice, anke):
    interaction = record(
        follow_ups=[
            ("Überfällig: Angebot schicken", DAY - datetime.timedelta(days=3), alice),
            ("Heute: Rückruf", DAY, alice),
            ("Morgen: Termin vereinbaren", DAY + datetime.timedelta(days=1), alice),
            ("Für Anke", DAY, anke),
        ]
    )
    done = FollowUp.objects.create(
        interaction=interaction, title="Erledigt", due_on=DAY, assignee=alice
    )
    done.done_at = done.created_at
    done.save()
    return interaction


def test_each_assignee_gets_one_mail_with_their_due_follow_ups(record, alice, anke):
    _follow_ups(record, alice, anke)
    assert send_follow_up_reminders(DAY) == {"mails": 2, "follow_ups": 3}
    mail = OutgoingMail.objects.get(kind=KIND, to=alice.email)
    assert "Überfällig: Angebot schicken" in mail.body_text
    assert "Heute: Rückruf" in mail.body_text
    assert "Morgen" not in mail.body_text
    assert "Erledigt" not in mail.body_text
    assert "Für Anke" in OutgoingMail.objects.get(kind=KIND, to=anke.email).body_text


def test_a_follow_up_is_reminded_only_once(record, alice, anke):
    _follow_ups(record, alice, anke)
    send_follow_up_reminders(DAY)
    assert send_follow_up_reminders(DAY) == {"mails": 0, "follow_ups": 0}
    # The next day only the one that has become due is mailed.
    assert send_follow_up_reminders(DAY + datetime.timedelta(days=1)) == {
        "mails": 1,
        "follow_ups": 1,
    }
    assert OutgoingMail.objects.filter(kind=KIND).count() == 3


def test_no_reminder_to_someone_who_left_the_cluster_management(record, alice, anke, cluster):
    _follow_ups(record, alice, anke)
    cluster.staff.remove(anke)
    send_follow_up_reminders(DAY)
    assert not OutgoingMail.objects.filter(kind=KIND, to=anke.email).exists()


def test_the_command_reminds_for_a_given_day(record, alice, anke, capsys):
    _follow_ups(record, alice, anke)
    call_command("followup_reminders", "--date", DAY.isoformat())
    assert capsys.readouterr().out.strip().splitlines()[-1] == '{"mails": 2, "follow_ups": 3}'


def test_my_follow_ups_lists_my_open_ones_and_marks_them_done(client_for, record, alice, anke):
    _follow_ups(record, alice, anke)
    client = client_for(alice)
    page = client.get(reverse("interactions:my_follow_ups"))
    titles = [f.title for f in page.context["follow_ups"]]
    assert titles == [
        "Überfällig: Angebot schicken",
        "Heute: Rückruf",
        "Morgen: Termin vereinbaren",
    ]
    first = FollowUp.objects.get(title="Überfällig: Angebot schicken")
    response = client.post(
        reverse("interactions:follow_up_done", args=[first.pk]), {"done": "1", "next": "mine"}
    )
    assert response.url == reverse("interactions:my_follow_ups")
    first.refresh_from_db()
    assert first.done_at is not None


def test_a_follow_up_goes_only_to_staff_of_the_cluster(client_for, record, alice, berta):
    interaction = record()
    response = client_for(alice).post(
        reverse("interactions:follow_up_add", args=[interaction.pk]),
        {"title": "Nachfassen", "due_on": "2026-05-01", "assignee": berta.pk},
    )
    assert response.status_code == 400
    assert "assignee" in response.context["follow_up_form"].errors
    assert not FollowUp.objects.exists()


def test_staff_of_another_cluster_cannot_tick_off_a_follow_up(client_for, record, alice, berta):
    interaction = record(follow_ups=[("Nachfassen", DAY, alice)])
    follow_up = interaction.follow_ups.get()
    response = client_for(berta).post(reverse("interactions:follow_up_done", args=[follow_up.pk]))
    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.done_at is None
