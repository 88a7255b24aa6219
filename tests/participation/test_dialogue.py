"""The citizens' dialogue: writing, moderating (before or after), confirming by e-mail,
hiding with a public reason, reporting, supporting, answering; who may do what."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.participation.models import (
    Dialogue,
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    Phase,
    Process,
)
from knotenpunkt.participation.services import dialogue as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from tests.factories import UserFactory

State = DialogueProposal.State


def make_dialogue(process, *, identity="account", moderation="post", running=True):
    today = timezone.localdate()
    start = today - timedelta(days=1) if running else today + timedelta(days=5)
    phase = add_phase(
        None,
        process,
        title="Ihre Ideen",
        module=Phase.Module.DIALOGUE,
        starts_on=start,
        ends_on=start + timedelta(days=20),
    )
    dialogue = services.dialogue_of(phase)
    dialogue.identity = identity
    dialogue.moderation = moderation
    dialogue.save()
    return dialogue


@pytest.fixture
def public_process(cluster, alice):
    return create_process(
        alice,
        cluster,
        title="Innenstadt 2035",
        summary="Was wünschen Sie sich?",
        visibility=Process.Visibility.PUBLIC,
        is_published=True,
    )


def page_url(dialogue):
    return reverse("participation:dialogue", args=[dialogue.phase_id])


def new_url(dialogue):
    return reverse("participation:dialogue_proposal_new", args=[dialogue.phase_id])


def write(client, dialogue, title="Mehr Bänke am Markt", ip="203.0.113.7", **extra):
    data = {"title": title, "text": "Zum Ausruhen beim Einkaufen.", **extra}
    return client.post(new_url(dialogue), data, REMOTE_ADDR=ip)


def confirmation_path(mail):
    return re.search(r"/participation/dialogue/confirm/[^/\s]+/", mail.body_text).group(0)


# --- moderation before and after ----------------------------------------------------------


@pytest.mark.django_db
def test_pre_moderation_keeps_a_proposal_private_until_a_moderator_publishes_it(
    client, client_for, public_process, carol, alice, dave
):
    dialogue = make_dialogue(public_process, moderation="pre")
    response = write(client_for(carol), dialogue)
    proposal = DialogueProposal.objects.get()
    assert response.status_code == 302
    assert proposal.state == State.PENDING
    # The author sees it, marked; others do not.
    assert f'data-proposal="{proposal.pk}"' in client.get(page_url(dialogue)).content.decode()
    client.logout()
    assert f'data-proposal="{proposal.pk}"' not in client.get(page_url(dialogue)).content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 404
    queue = client_for(alice).get(
        reverse("participation:dialogue_moderation", args=[dialogue.phase_id])
    )
    assert f'data-queue="proposal-{proposal.pk}"' in queue.content.decode()
    client.post(
        reverse("participation:dialogue_moderate", args=["proposal", proposal.pk]),
        {"action": "approve"},
    )
    client.logout()
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    page = client.get(page_url(dialogue)).content.decode()
    assert f'data-proposal="{proposal.pk}"' in page
    assert "Mehr Bänke am Markt" in page


@pytest.mark.django_db
def test_post_moderation_publishes_at_once_and_hiding_shows_the_reason_instead(
    client, client_for, public_process, carol, alice
):
    dialogue = make_dialogue(public_process, moderation="post")
    write(client_for(carol), dialogue, title="Beleidigender Titel")
    proposal = DialogueProposal.objects.get()
    assert proposal.state == State.PUBLISHED
    client.logout()
    assert "Beleidigender Titel" in client.get(page_url(dialogue)).content.decode()

    moderate = reverse("participation:dialogue_moderate", args=["proposal", proposal.pk])
    client_for(alice)
    missing_note = client.post(moderate, {"action": "hide", "reason": "insulting", "note": ""})
    assert missing_note.status_code == 400
    assert 'aria-describedby="id_note_error"' in missing_note.content.decode()
    client.post(
        moderate, {"action": "hide", "reason": "insulting", "note": "Bitte sachlich bleiben."}
    )
    client.logout()
    proposal.refresh_from_db()
    assert proposal.state == State.HIDDEN
    for url in (page_url(dialogue), proposal.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Beleidigender Titel" not in page
        assert "Zum Ausruhen" not in page
        assert 'data-hidden-reason="insulting"' in page
        assert "Bitte sachlich bleiben." in page


# --- e-mail identity ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_proposal_by_email_waits_for_the_link_and_the_link_publishes_it(client, public_process):
    dialogue = make_dialogue(public_process, identity="email", moderation="post")
    without = write(client, dialogue)
    assert without.status_code == 400
    assert not DialogueProposal.objects.exists()
    assert 'value="Mehr Bänke am Markt"' in without.content.decode()

    response = write(client, dialogue, email="Erika@Example.org")
    assert response.status_code == 200
    proposal = DialogueProposal.objects.get()
    assert proposal.state == State.UNCONFIRMED
    assert proposal.email == "erika@example.org"
    assert f'data-proposal="{proposal.pk}"' not in client.get(page_url(dialogue)).content.decode()

    mail = OutgoingMail.objects.get(kind="participation_dialogue_confirm")
    assert mail.to == "erika@example.org"
    assert "Mehr Bänke am Markt" in mail.subject
    path = confirmation_path(mail)
    assert path in mail.body_html
    # Opening the link (a mail scanner does) changes nothing; the button confirms.
    assert client.get(path).status_code == 200
    assert DialogueProposal.objects.get().state == State.UNCONFIRMED
    assert client.post(path).status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    assert f'data-proposal="{proposal.pk}"' in client.get(page_url(dialogue)).content.decode()


@pytest.mark.django_db
def test_a_confirmed_comment_goes_to_the_queue_under_pre_moderation(
    client, client_for, public_process, alice
):
    dialogue = make_dialogue(public_process, identity="email", moderation="pre")
    proposal = services.submit_proposal(
        dialogue, services.Writer(alice), title="Radweg", text="Entlang der Bahn."
    )
    services.approve(alice, proposal)
    client.post(
        reverse("participation:dialogue_comment_new", args=[proposal.pk]),
        {"comment-text": "Unbedingt!", "comment-email": "max@example.org"},
    )
    comment = DialogueComment.objects.get()
    assert comment.state == State.UNCONFIRMED
    client.post(confirmation_path(OutgoingMail.objects.get(to="max@example.org")))
    comment.refresh_from_db()
    assert comment.state == State.PENDING
    assert "Unbedingt!" not in client.get(proposal.get_absolute_url()).content.decode()
    queue = client_for(alice).get(
        reverse("participation:dialogue_moderation", args=[dialogue.phase_id])
    )
    assert f'data-queue="comment-{comment.pk}"' in queue.content.decode()


@pytest.mark.django_db
def test_an_expired_confirmation_link_publishes_nothing(client, public_process):
    dialogue = make_dialogue(public_process, identity="email")
    write(client, dialogue, email="erika@example.org")
    DialogueProposal.objects.update(created_at=timezone.now() - timedelta(days=30))
    client.post(confirmation_path(OutgoingMail.objects.get()))
    assert DialogueProposal.objects.get().state == State.UNCONFIRMED


# --- who may write ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_account_is_required_when_the_dialogue_says_so(client, client_for, public_process, dave):
    dialogue = make_dialogue(public_process, identity="account")
    response = write(client, dialogue)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not DialogueProposal.objects.exists()
    write(client_for(dave), dialogue)
    assert DialogueProposal.objects.get().author == dave


@pytest.mark.django_db
def test_anonymous_dialogue_takes_proposals_without_any_identity(client, public_process):
    dialogue = make_dialogue(public_process, identity="anonymous", moderation="post")
    write(client, dialogue)
    proposal = DialogueProposal.objects.get()
    assert proposal.state == State.PUBLISHED
    assert proposal.author is None
    assert proposal.email == ""
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_people_without_account_cannot_write_in_a_members_only_process(client, process):
    dialogue = make_dialogue(process, identity="anonymous")
    assert client.get(page_url(dialogue)).status_code == 404
    assert write(client, dialogue).status_code == 404
    assert not DialogueProposal.objects.exists()


@pytest.mark.django_db
def test_nobody_writes_before_the_phase_opens(client_for, public_process, carol):
    dialogue = make_dialogue(public_process, running=False)
    page = client_for(carol).get(page_url(dialogue))
    assert page.status_code == 200
    assert 'data-testid="new-proposal"' not in page.content.decode()
    assert write(client_for(carol), dialogue).status_code == 403
    assert not DialogueProposal.objects.exists()


# --- comments -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_comments_have_one_level_of_replies(client_for, public_process, carol, dave):
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    url = reverse("participation:dialogue_comment_new", args=[proposal.pk])
    client = client_for(dave)
    client.post(url, {"comment-text": "Gute Idee"})
    first = DialogueComment.objects.get()
    client.post(url, {"comment-text": "Finde ich auch", "comment-parent": first.pk})
    reply = DialogueComment.objects.get(text="Finde ich auch")
    client.post(url, {"comment-text": "Antwort auf Antwort", "comment-parent": reply.pk})
    deeper = DialogueComment.objects.get(text="Antwort auf Antwort")
    assert reply.parent == first
    assert deeper.parent == first
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert page.index("Gute Idee") < page.index("Finde ich auch") < page.index("Antwort auf")


# --- reports ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anyone_reports_a_comment_and_the_report_reaches_the_queue(
    client, client_for, public_process, carol, alice
):
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    comment = services.submit_comment(proposal, services.Writer(carol), text="Werbung hier")
    url = reverse("participation:dialogue_report", args=["comment", comment.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "spam", "note": "Link zu einem Shop"})
    assert response.status_code == 302
    report = DialogueReport.objects.get()
    assert report.comment == comment
    assert report.reporter is None
    queue = client_for(alice).get(
        reverse("participation:dialogue_moderation", args=[dialogue.phase_id])
    )
    assert f'data-report="{report.pk}"' in queue.content.decode()
    client.post(reverse("participation:dialogue_dismiss_report", args=[report.pk]))
    report.refresh_from_db()
    assert report.resolved_at is not None
    queue = client.get(reverse("participation:dialogue_moderation", args=[dialogue.phase_id]))
    assert f'data-report="{report.pk}"' not in queue.content.decode()


# --- support ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_account_supports_a_proposal_once(client_for, public_process, carol, dave):
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    url = reverse("participation:dialogue_support", args=[proposal.pk])
    client = client_for(dave)
    client.post(url)
    client.post(url)
    assert proposal.supports.count() == 1
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'data-support-count="1"' in page


@pytest.mark.django_db
def test_an_address_supports_once_and_counts_after_confirmation(client, public_process, carol):
    dialogue = make_dialogue(public_process, identity="email")
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    url = reverse("participation:dialogue_support", args=[proposal.pk])
    assert client.post(url, {"support-email": "kein"}).status_code == 400
    client.post(url, {"support-email": "erika@example.org"})
    client.post(url, {"support-email": "ERIKA@example.org"})
    assert proposal.supports.count() == 1
    assert OutgoingMail.objects.count() == 1
    assert services.support_count(proposal) == 0
    client.post(confirmation_path(OutgoingMail.objects.get()))
    assert services.support_count(proposal) == 1
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'data-support-count="1"' in page


# --- answers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_answer_and_status_are_public_and_the_list_filters_by_status(
    client, client_for, public_process, carol, alice
):
    dialogue = make_dialogue(public_process)
    accepted = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    services.submit_proposal(
        dialogue, services.Writer(carol), title="Seilbahn", text="Zum Rathaus."
    )
    url = reverse("participation:dialogue_answer", args=[accepted.pk])
    client_for(alice)
    assert client.post(url, {"answer-status": "accepted", "answer-answer": ""}).status_code == 400
    client.post(url, {"answer-status": "accepted", "answer-answer": "Wird 2027 **gebaut**."})
    client.logout()
    detail = client.get(accepted.get_absolute_url()).content.decode()
    assert 'data-status="accepted"' in detail
    assert "<strong>gebaut</strong>" in detail
    listing = client.get(page_url(dialogue), {"status": "accepted"}).content.decode()
    assert f'data-proposal="{accepted.pk}"' in listing
    assert "Seilbahn" not in listing


@pytest.mark.django_db
def test_markdown_in_a_proposal_is_sanitised(client, public_process, carol):
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue,
        services.Writer(carol),
        title="Skript",
        text="*Hallo* <script>alert(1)</script> [x](javascript:alert(1))",
    )
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "<em>Hallo</em>" in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page


# --- rate limits --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_flood_from_one_address_is_stopped_and_keeps_the_text_in_the_form(
    client, public_process, settings
):
    settings.DIALOGUE_WRITES_PER_PERSON_PER_HOUR = 3
    settings.DIALOGUE_WRITES_PER_NETWORK_PER_HOUR = 100
    dialogue = make_dialogue(public_process, identity="email")
    codes = [
        write(
            client, dialogue, title=f"Spam {n}", email="spam@example.org", ip=f"198.51.100.{n}"
        ).status_code
        for n in range(10)
    ]
    assert codes == [200] * 3 + [429] * 7
    assert DialogueProposal.objects.count() == 3
    assert OutgoingMail.objects.count() == 3
    refused = write(client, dialogue, title="Spam kept", email="spam@example.org")
    assert 'value="Spam kept"' in refused.content.decode()
    assert "Zum Ausruhen beim Einkaufen." in refused.content.decode()
    assert 'role="alert"' in refused.content.decode()
    # Someone else is not affected.
    assert write(client, dialogue, email="anna@example.org").status_code == 200
    # Nor is the spammer an hour later.
    DialogueProposal.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert write(client, dialogue, email="spam@example.org").status_code == 200


@pytest.mark.django_db
def test_a_flood_from_one_network_is_stopped_whatever_the_addresses(
    client, client_for, public_process, settings, carol
):
    settings.DIALOGUE_WRITES_PER_NETWORK_PER_HOUR = 5
    dialogue = make_dialogue(public_process, identity="anonymous")
    for n in range(12):
        # The same IPv6 /64 with changing interface ids.
        write(client, dialogue, title=f"Flut {n}", ip=f"2001:db8:1:2::{n + 1:x}")
    assert DialogueProposal.objects.count() == 5
    assert write(client, dialogue, ip="2001:db8:9:9::1").status_code == 302
    assert write(client_for(carol), dialogue, ip="192.0.2.44").status_code == 302
    assert DialogueProposal.objects.count() == 7


@pytest.mark.django_db
def test_a_flood_of_comments_from_one_account_is_stopped(
    client_for, public_process, settings, dave
):
    settings.DIALOGUE_WRITES_PER_PERSON_PER_HOUR = 4
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(dave), title="Radweg", text="Entlang der Bahn."
    )
    url = reverse("participation:dialogue_comment_new", args=[proposal.pk])
    client = client_for(dave)
    codes = [
        client.post(url, {"comment-text": f"Kommentar {n}"}, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(6)
    ]
    assert codes == [302, 302, 302, 429, 429, 429]
    assert proposal.comments.count() == 3


@pytest.mark.django_db
def test_a_flood_of_reports_from_one_network_is_stopped(client, public_process, settings, carol):
    settings.DIALOGUE_WRITES_PER_NETWORK_PER_HOUR = 3
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    url = reverse("participation:dialogue_report", args=["proposal", proposal.pk])
    codes = [
        client.post(
            url, {"reason": "spam", "note": f"Nr. {n}"}, REMOTE_ADDR="192.0.2.9"
        ).status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert DialogueReport.objects.count() == 3


# --- permissions --------------------------------------------------------------------------


@pytest.mark.django_db
def test_moderation_is_refused_to_those_who_do_not_moderate(client_for, public_process, carol):
    dialogue = make_dialogue(public_process, moderation="pre")
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol), title="Radweg", text="Entlang der Bahn."
    )
    client = client_for(carol)
    refused = [
        client.get(reverse("participation:dialogue_moderation", args=[dialogue.phase_id])),
        client.get(reverse("participation:dialogue_settings", args=[dialogue.phase_id])),
        client.post(
            reverse("participation:dialogue_moderate", args=["proposal", proposal.pk]),
            {"action": "approve"},
        ),
        client.post(
            reverse("participation:dialogue_answer", args=[proposal.pk]),
            {"answer-status": "accepted", "answer-answer": "Ja"},
        ),
    ]
    assert [r.status_code for r in refused] == [403] * 4
    proposal.refresh_from_db()
    assert proposal.state == State.PENDING
    assert proposal.status == DialogueProposal.Status.OPEN


@pytest.mark.django_db
def test_staff_of_another_cluster_see_nothing_of_an_unpublished_process(
    client_for, public_process, other_cluster, alice
):
    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(alice), title="Radweg", text="Entlang der Bahn."
    )
    public_process.is_published = False
    public_process.save()
    outsider = UserFactory(email="olga@logistik.example")
    other_cluster.staff.add(outsider)
    client = client_for(outsider)
    urls = [
        page_url(dialogue),
        proposal.get_absolute_url(),
        reverse("participation:dialogue_moderation", args=[dialogue.phase_id]),
        reverse("participation:dialogue_report", args=["proposal", proposal.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert not outsider.has_perm("participation.view_dialogue", dialogue)
    assert not AnonymousUser().has_perm("participation.view_dialogue", dialogue)


@pytest.mark.django_db
def test_moderators_set_identity_moderation_and_topics(client_for, public_process, alice):
    dialogue = make_dialogue(public_process)
    client = client_for(alice)
    url = reverse("participation:dialogue_settings", args=[dialogue.phase_id])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {"identity": "email", "moderation": "pre", "intro": "", "topics": "Verkehr\nGrün\n"},
    )
    dialogue.refresh_from_db()
    assert dialogue.identity == Dialogue.Identity.EMAIL
    assert dialogue.moderation == Dialogue.Moderation.PRE
    assert sorted(t.title for t in dialogue.topics.all()) == ["Grün", "Verkehr"]
    form = client.get(new_url(dialogue)).content.decode()
    assert 'name="topic"' in form


@pytest.mark.django_db
def test_errors_are_linked_to_their_fields(client_for, public_process, carol):
    dialogue = make_dialogue(public_process)
    response = client_for(carol).post(new_url(dialogue), {"title": "", "text": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_title_error"' in page
    assert 'id="id_title_error"' in page
    assert 'href="#id_title"' in page


@pytest.mark.django_db
def test_the_list_page_needs_few_queries(
    client_for, public_process, carol, settings, django_assert_max_num_queries
):
    settings.DIALOGUE_WRITES_PER_PERSON_PER_HOUR = 100
    dialogue = make_dialogue(public_process)
    topic = dialogue.topics.create(title="Verkehr")
    for n in range(15):
        services.submit_proposal(
            dialogue, services.Writer(carol), title=f"Idee {n}", text="…", topic=topic
        )
    client = client_for(carol)
    with django_assert_max_num_queries(25):
        assert client.get(page_url(dialogue)).status_code == 200


@pytest.mark.django_db
def test_the_back_office_shows_proposals_and_reports_scoped_and_without_addresses(
    client_for, public_process, carol, other_cluster
):
    from django.contrib.auth.models import Permission

    dialogue = make_dialogue(public_process)
    proposal = services.submit_proposal(
        dialogue, services.Writer(carol, ip="192.0.2.1"), title="Radweg", text="…"
    )
    report = services.report(proposal, services.Writer(carol), reason="spam")
    pages = [
        reverse("admin:participation_dialogueproposal_changelist"),
        reverse("admin:participation_dialogueproposal_change", args=[proposal.pk]),
        reverse("admin:participation_dialoguereport_changelist"),
        reverse("admin:participation_dialoguereport_change", args=[report.pk]),
    ]
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client = client_for(root)
    assert [client.get(url).status_code for url in pages] == [200] * 4
    assert "carol@nordlicht.example" not in client.get(pages[1]).content.decode()
    outsider = UserFactory(email="olga@logistik.example", is_staff=True)
    other_cluster.staff.add(outsider)
    outsider.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_dialogueproposal", "view_dialoguereport"])
    )
    client = client_for(outsider)
    assert "Radweg" not in client.get(pages[0]).content.decode()
    assert client.get(pages[1]).status_code == 404
    assert client.get(pages[3]).status_code == 404
