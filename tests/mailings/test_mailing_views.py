"""The staff pages for mailings: overview, compose, detail, preview, test send, schedule, cancel."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings.models import (
    Mailing,
    MailingBlock,
    MailingLink,
    MailingList,
    MailingRecipient,
    Segment,
)
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def other_staff(other_cluster):
    user = UserFactory(email="olaf@logistik.example")
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@platform.example", is_superuser=True, is_staff=True)


def png(name="bild.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(mailing_list, blocks=(), initial_blocks=0, **fields) -> dict:
    """POST data for the edit form: the mailing's fields plus the block formset."""
    data = {
        "mailing_list": mailing_list.pk,
        "segment": "",
        "template": "newsletter",
        "subject": "Neues aus dem Cluster",
        "preheader": "Förderung, Termine, Köpfe",
        "language": "de",
        "formal": "on",
        "archive": "none",
        "blocks-TOTAL_FORMS": len(blocks),
        "blocks-INITIAL_FORMS": initial_blocks,
        "blocks-MIN_NUM_FORMS": 0,
        "blocks-MAX_NUM_FORMS": 30,
    }
    for i, block in enumerate(blocks):
        row = {"kind": "text", "position": i + 1}
        row.update(block)
        for key, value in row.items():
            data[f"blocks-{i}-{key}"] = value
    data.update(fields)
    return data


def text_block(text="Hallo {vorname}, das Digitalfrühstück startet wieder.", **extra):
    return {"kind": "text", "heading": "Termine", "text": text, **extra}


def sent_mailing(mailing_list, subject="Versendet", **fields):
    values = {
        "status": Mailing.Status.SENT,
        "started_at": timezone.now() - datetime.timedelta(hours=2),
        "finished_at": timezone.now() - datetime.timedelta(hours=1),
    }
    values.update(fields)
    return Mailing.objects.create(
        cluster=mailing_list.cluster, mailing_list=mailing_list, subject=subject, **values
    )


def add_recipients(mailing, **by_status):
    for status, count in by_status.items():
        for _ in range(count):
            person = PersonFactory()
            MailingRecipient.objects.create(
                mailing=mailing,
                person=person,
                email=f"{person.last_name.lower()}@example.org",
                status=status,
            )


# --- permissions ---------------------------------------------------------------------------

MAILING_VIEWS = [
    ("mailings:mailing_detail", "get"),
    ("mailings:mailing_edit", "get"),
    ("mailings:mailing_progress", "get"),
    ("mailings:mailing_preview", "get"),
    ("mailings:mailing_preview_html", "get"),
    ("mailings:mailing_test", "post"),
    ("mailings:mailing_schedule", "get"),
    ("mailings:mailing_cancel", "post"),
    ("mailings:mailing_resume", "post"),
]


@pytest.mark.parametrize(("name", "method"), MAILING_VIEWS)
def test_a_member_may_not_open_any_page_of_a_mailing(client_for, carol, mailing, name, method):
    response = getattr(client_for(carol), method)(reverse(name, args=[mailing.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "method"), MAILING_VIEWS)
def test_staff_of_another_cluster_may_not_open_any_page_of_a_mailing(
    client_for, other_staff, mailing, name, method
):
    response = getattr(client_for(other_staff), method)(reverse(name, args=[mailing.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["mailings:mailings", "mailings:mailing_create"])
def test_a_member_may_not_see_the_overview_or_start_a_mailing(client_for, carol, name):
    assert client_for(carol).get(reverse(name)).status_code == 403


def test_an_organisation_admin_may_not_see_the_overview(client_for, bob):
    assert client_for(bob).get(reverse("mailings:mailings")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login(client, mailing):
    response = client.get(reverse("mailings:mailing_detail", args=[mailing.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_platform_admin_may_open_a_mailing_of_any_cluster(client_for, admin_user, mailing):
    response = client_for(admin_user).get(reverse("mailings:mailing_detail", args=[mailing.pk]))
    assert response.status_code == 200


# --- overview ------------------------------------------------------------------------------


def test_the_overview_lists_only_the_mailings_of_the_users_clusters(
    client_for, alice, mailing, other_cluster
):
    elsewhere = MailingList.objects.create(cluster=other_cluster, name="Logistik", slug="log")
    Mailing.objects.create(cluster=other_cluster, mailing_list=elsewhere, subject="Fremd")
    response = client_for(alice).get(reverse("mailings:mailings"))
    assert response.status_code == 200
    assert "Neues aus dem Cluster" in response.content.decode()
    assert "Fremd" not in response.content.decode()


def test_the_overview_shows_the_newest_mailing_first(client_for, alice, newsletter, mailing):
    newer = Mailing.objects.create(
        cluster=newsletter.cluster, mailing_list=newsletter, subject="Noch neuer"
    )
    response = client_for(alice).get(reverse("mailings:mailings"))
    assert [m.pk for m in response.context["mailings"]][:2] == [newer.pk, mailing.pk]


def test_the_overview_shows_sent_skipped_and_failed_counts_of_a_sent_mailing(
    client_for, alice, newsletter
):
    done = sent_mailing(newsletter)
    add_recipients(done, sent=3, skipped=2, failed=1)
    response = client_for(alice).get(reverse("mailings:mailings"))
    assert "3 sent, 2 not sent, 1 failed" in response.content.decode()


def test_the_overview_needs_few_queries_however_many_mailings(
    client_for, alice, newsletter, django_assert_max_num_queries
):
    segment = Segment.objects.create(
        cluster=newsletter.cluster, name="CIOs", definition={"field": "member", "op": "is"}
    )
    for i in range(12):
        done = sent_mailing(newsletter, subject=f"Ausgabe {i}", segment=segment)
        add_recipients(done, sent=2, failed=1)
    Mailing.objects.create(cluster=newsletter.cluster, mailing_list=newsletter, subject="Entwurf")
    client = client_for(alice)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("mailings:mailings"))
    assert response.status_code == 200
    assert "Ausgabe 11" in response.content.decode()


# --- create and edit -----------------------------------------------------------------------


def test_staff_of_one_cluster_get_the_form_with_only_their_clusters_lists(
    client_for, alice, newsletter, other_cluster
):
    MailingList.objects.create(cluster=other_cluster, name="Logistik-News", slug="log")
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    assert response.status_code == 200
    lists = list(response.context["form"].fields["mailing_list"].queryset)
    assert lists == [newsletter]


def test_the_target_group_choice_offers_only_the_clusters_segments(
    client_for, alice, newsletter, other_cluster
):
    ours = Segment.objects.create(cluster=newsletter.cluster, name="CIOs", definition={})
    Segment.objects.create(cluster=other_cluster, name="Fremde", definition={})
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    assert list(response.context["form"].fields["segment"].queryset) == [ours]


def test_staff_of_several_clusters_choose_the_cluster_first(
    client_for, alice, newsletter, other_cluster
):
    other_cluster.staff.add(alice)
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    assert response.status_code == 200
    assert "form" in response.context
    assert "blocks" not in response.context
    assert 'name="cluster"' in response.content.decode()


def test_a_cluster_the_user_does_not_staff_cannot_be_chosen(client_for, alice, other_cluster):
    response = client_for(alice).get(
        reverse("mailings:mailing_create") + f"?cluster={other_cluster.pk}"
    )
    assert response.status_code == 404


def test_creating_a_mailing_saves_it_with_its_blocks_and_shows_it(client_for, alice, newsletter):
    response = client_for(alice).post(
        reverse("mailings:mailing_create"), form_data(newsletter, [text_block()])
    )
    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == mailing.get_absolute_url()
    assert mailing.cluster == newsletter.cluster
    assert mailing.status == Mailing.Status.DRAFT
    assert mailing.created_by == alice
    assert [b.heading for b in mailing.blocks.all()] == ["Termine"]
    assert AuditEntry.objects.filter(action="mailings.mailing.created").exists()


def test_a_list_of_another_cluster_is_refused(client_for, alice, newsletter, other_cluster):
    foreign = MailingList.objects.create(cluster=other_cluster, name="Logistik", slug="log")
    response = client_for(alice).post(
        reverse("mailings:mailing_create"), form_data(foreign, [text_block()])
    )
    assert response.status_code == 400
    assert "mailing_list" in response.context["form"].errors
    assert not Mailing.objects.exists()


def test_counting_opens_and_clicks_is_off_unless_ticked(client_for, alice, newsletter):
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    field = response.context["form"]["track_engagement"]
    assert field.value() is False
    assert "off by default" in str(field.help_text).lower()


def blocks_errors(response) -> list[str]:
    return [
        message
        for form in response.context["blocks"]
        for messages in form.errors.values()
        for message in messages
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"kind": "text", "heading": "Hallo", "text": ""}, "A text block needs a text."),
        ({"kind": "image", "image_alt": "Ein Bild"}, "An image block needs an image."),
        ({"kind": "event", "heading": "Termin"}, "An event teaser needs an event."),
        ({"kind": "portrait", "heading": "Mitglied"}, "A member portrait needs an organisation."),
    ],
)
def test_a_block_without_what_its_kind_needs_is_refused_with_a_clear_message(
    client_for, alice, newsletter, block, message
):
    response = client_for(alice).post(
        reverse("mailings:mailing_create"), form_data(newsletter, [block])
    )
    assert response.status_code == 400
    assert message in blocks_errors(response)
    assert not Mailing.objects.exists()


def test_an_image_needs_a_description(client_for, alice, newsletter):
    data = form_data(newsletter, [{"kind": "image", "image_alt": ""}])
    data["blocks-0-image"] = png()
    response = client_for(alice).post(reverse("mailings:mailing_create"), data)
    assert response.status_code == 400
    assert "Please describe the image for people who cannot see it." in blocks_errors(response)


def test_an_image_block_with_image_and_description_is_saved(client_for, alice, newsletter):
    data = form_data(newsletter, [{"kind": "image", "image_alt": "Das Team beim Frühstück"}])
    data["blocks-0-image"] = png()
    response = client_for(alice).post(reverse("mailings:mailing_create"), data)
    assert response.status_code == 302
    block = MailingBlock.objects.get()
    assert block.image.name.startswith("mailings/")
    assert block.image_alt == "Das Team beim Frühstück"


def test_a_file_that_is_no_image_is_refused(client_for, alice, newsletter):
    data = form_data(newsletter, [{"kind": "image", "image_alt": "Kein Bild"}])
    data["blocks-0-image"] = SimpleUploadedFile("bild.png", b"not an image", "image/png")
    response = client_for(alice).post(reverse("mailings:mailing_create"), data)
    assert response.status_code == 400
    assert not MailingBlock.objects.exists()


def test_event_choices_are_the_clusters_published_events_upcoming_first(
    client_for, alice, cluster, other_cluster, newsletter
):
    now = timezone.now()
    later = EventFactory(title="Später", starts_at=now + datetime.timedelta(days=60))
    soon = EventFactory(title="Bald", starts_at=now + datetime.timedelta(days=3))
    past = EventFactory(title="Vorbei", starts_at=now - datetime.timedelta(days=10))
    draft = EventFactory(title="Unveröffentlicht", is_published=False)
    foreign = EventFactory(title="Fremd")
    for event in (later, soon, past, draft):
        event.clusters.add(cluster)
    foreign.clusters.add(other_cluster)
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    events = list(response.context["blocks"].forms[0].fields["event"].queryset)
    assert [e.title for e in events] == ["Bald", "Später", "Vorbei"]


def test_portrait_choices_are_the_member_organisations_of_the_cluster(
    client_for, alice, member_org, other_cluster, newsletter
):
    outsider = OrganisationFactory(name="Anderswo AG")
    MembershipFactory(organisation=outsider, cluster=other_cluster)
    response = client_for(alice).get(reverse("mailings:mailing_create"))
    organisations = list(response.context["blocks"].forms[0].fields["organisation"].queryset)
    assert organisations == [member_org]


def test_an_event_teaser_with_the_clusters_event_is_saved(client_for, alice, cluster, newsletter):
    event = EventFactory(title="KI-Frühstück", clusters=[cluster])
    response = client_for(alice).post(
        reverse("mailings:mailing_create"),
        form_data(newsletter, [{"kind": "event", "event": event.pk}]),
    )
    assert response.status_code == 302
    assert MailingBlock.objects.get().event == event


def test_editing_changes_the_mailing_and_its_blocks(client_for, alice, newsletter, mailing):
    block = mailing.blocks.get()
    data = form_data(
        newsletter,
        [text_block("Neuer Text", id=block.pk, heading="Neu")],
        initial_blocks=1,
        subject="Geänderter Betreff",
    )
    response = client_for(alice).post(reverse("mailings:mailing_edit", args=[mailing.pk]), data)
    assert response.status_code == 302
    mailing.refresh_from_db()
    block.refresh_from_db()
    assert mailing.subject == "Geänderter Betreff"
    assert (block.heading, block.text) == ("Neu", "Neuer Text")


def test_a_block_ticked_for_deletion_is_removed(client_for, alice, newsletter, mailing):
    keep = MailingBlock.objects.create(mailing=mailing, position=2, text="Bleibt")
    first = mailing.blocks.order_by("position").first()
    data = form_data(
        newsletter,
        [
            text_block(id=first.pk, DELETE="on"),
            text_block("Bleibt", id=keep.pk, heading=""),
        ],
        initial_blocks=2,
    )
    response = client_for(alice).post(reverse("mailings:mailing_edit", args=[mailing.pk]), data)
    assert response.status_code == 302
    assert list(mailing.blocks.all()) == [keep]


def test_a_sent_mailing_cannot_be_edited(client_for, alice, newsletter):
    done = sent_mailing(newsletter)
    response = client_for(alice).get(reverse("mailings:mailing_edit", args=[done.pk]), follow=True)
    assert response.redirect_chain[-1][0] == done.get_absolute_url()
    assert "cannot be changed" in response.content.decode()


def test_a_scheduled_mailing_can_still_be_edited(client_for, alice, mailing):
    mailing.status = Mailing.Status.SCHEDULED
    mailing.scheduled_for = timezone.now() + datetime.timedelta(days=1)
    mailing.save()
    response = client_for(alice).get(reverse("mailings:mailing_edit", args=[mailing.pk]))
    assert response.status_code == 200


# --- detail --------------------------------------------------------------------------------


def test_the_detail_page_says_how_many_people_the_mailing_reaches_now(
    client_for, alice, mailing, subscribe
):
    subscribe("erika@example.org")
    subscribe("fiete@example.org")
    response = client_for(alice).get(reverse("mailings:mailing_detail", args=[mailing.pk]))
    assert response.context["recipients_count"] == 2
    assert "would reach 2 people" in response.content.decode()


def test_the_detail_page_of_a_draft_offers_preview_test_and_scheduling(client_for, alice, mailing):
    content = (
        client_for(alice).get(reverse("mailings:mailing_detail", args=[mailing.pk])).content
    ).decode()
    assert reverse("mailings:mailing_preview", args=[mailing.pk]) in content
    assert reverse("mailings:mailing_schedule", args=[mailing.pk]) in content
    assert reverse("mailings:mailing_test", args=[mailing.pk]) in content
    assert reverse("mailings:mailing_cancel", args=[mailing.pk]) not in content


def test_a_mailing_being_sent_shows_a_progress_bar_that_refreshes_itself(
    client_for, alice, mailing
):
    mailing.status = Mailing.Status.SENDING
    mailing.started_at = timezone.now()
    mailing.save()
    add_recipients(mailing, sent=3, pending=1)
    content = (
        client_for(alice).get(reverse("mailings:mailing_detail", args=[mailing.pk])).content
    ).decode()
    assert '<progress id="mailing-progress-bar" max="100" value="75">' in content
    assert f'hx-get="{reverse("mailings:mailing_progress", args=[mailing.pk])}"' in content
    assert 'hx-trigger="every 2s"' in content


def test_the_progress_fragment_stops_refreshing_when_sending_is_done(client_for, alice, newsletter):
    done = sent_mailing(newsletter)
    add_recipients(done, sent=4)
    response = client_for(alice).get(
        reverse("mailings:mailing_progress", args=[done.pk]), headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="mailing-progress"')
    assert "<html" not in content
    assert 'value="100"' in content
    assert "hx-trigger" not in content


def test_the_progress_address_without_htmx_leads_to_the_detail_page(client_for, alice, mailing):
    response = client_for(alice).get(reverse("mailings:mailing_progress", args=[mailing.pk]))
    assert response.status_code == 302
    assert response["Location"] == mailing.get_absolute_url()


def test_with_counting_on_the_detail_page_shows_opens_and_clicks_per_link(
    client_for, alice, newsletter
):
    done = sent_mailing(newsletter, track_engagement=True, open_count=17)
    MailingLink.objects.create(
        mailing=done, position=0, url="https://example.org/foerderung", clicks=5
    )
    content = (
        client_for(alice).get(reverse("mailings:mailing_detail", args=[done.pk])).content
    ).decode()
    assert "Opened 17 times." in content
    assert "https://example.org/foerderung" in content
    assert '<td class="kern-table__cell">5</td>' in content


def test_without_counting_no_engagement_figures_are_shown(client_for, alice, newsletter):
    done = sent_mailing(newsletter, open_count=0)
    content = (
        client_for(alice).get(reverse("mailings:mailing_detail", args=[done.pk])).content
    ).decode()
    assert "Clicks per link" not in content


# --- preview -------------------------------------------------------------------------------


def test_the_preview_page_frames_the_html_version_and_shows_the_text(client_for, alice, mailing):
    response = client_for(alice).get(reverse("mailings:mailing_preview", args=[mailing.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<iframe" in content
    assert f'src="{reverse("mailings:mailing_preview_html", args=[mailing.pk])}"' in content
    assert 'title="HTML version of the mailing"' in content
    assert " sandbox " in content
    assert "<pre" in content
    assert "Liebe Grüße an die" in response.context["text"]


def test_the_html_preview_is_the_mail_itself_with_a_policy_for_its_inline_styles(
    client_for, alice, mailing
):
    response = client_for(alice).get(reverse("mailings:mailing_preview_html", args=[mailing.pk]))
    policy = response["Content-Security-Policy"]
    assert response.status_code == 200
    assert "Neues aus dem Cluster" in response.content.decode()
    assert "style-src 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "img-src 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_other_pages_keep_the_strict_policy(client_for, alice, mailing):
    response = client_for(alice).get(reverse("mailings:mailing_preview", args=[mailing.pk]))
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_preview_is_neutral_unless_a_recipient_is_chosen(client_for, alice, mailing, subscribe):
    subscribe("erika@example.org", first_name="Erika", last_name="Ehlers", salutation="ms")
    response = client_for(alice).get(reverse("mailings:mailing_preview", args=[mailing.pk]))
    assert response.context["person"] is None
    assert "Ehlers" not in response.context["text"]


def test_the_preview_can_show_the_mail_as_a_recipient_gets_it(
    client_for, alice, mailing, subscribe
):
    erika = subscribe("erika@example.org", first_name="Erika", last_name="Ehlers", salutation="ms")
    response = client_for(alice).get(
        reverse("mailings:mailing_preview", args=[mailing.pk]) + f"?person={erika.pk}"
    )
    assert response.context["person"] == erika
    assert "Ehlers" in response.context["text"]
    assert f"?person={erika.pk}" in response.content.decode()


def test_the_preview_as_a_person_outside_the_mailing_falls_back_to_neutral(
    client_for, alice, mailing
):
    stranger = PersonFactory(first_name="Fremd", last_name="Fremdling")
    response = client_for(alice).get(
        reverse("mailings:mailing_preview_html", args=[mailing.pk]) + f"?person={stranger.pk}"
    )
    assert response.status_code == 200
    assert "Fremdling" not in response.content.decode()


# --- test send -----------------------------------------------------------------------------


def test_the_test_send_form_suggests_the_users_own_address(client_for, alice, mailing):
    response = client_for(alice).get(reverse("mailings:mailing_detail", args=[mailing.pk]))
    assert response.context["test_form"]["addresses"].value() == "alice@cluster.example"


def test_a_test_send_queues_one_mail_per_address_and_says_how_many(client_for, alice, mailing):
    response = client_for(alice).post(
        reverse("mailings:mailing_test", args=[mailing.pk]),
        {"addresses": "alice@cluster.example, bea@cluster.example\ncarl@cluster.example"},
        follow=True,
    )
    assert sorted(OutgoingMail.objects.values_list("to", flat=True)) == [
        "alice@cluster.example",
        "bea@cluster.example",
        "carl@cluster.example",
    ]
    assert OutgoingMail.objects.first().subject.startswith("[Test]")
    assert "Test mails are on their way to 3 addresses." in response.content.decode()


def test_a_test_send_to_more_than_ten_addresses_is_refused(client_for, alice, mailing):
    addresses = ", ".join(f"t{i}@example.org" for i in range(11))
    response = client_for(alice).post(
        reverse("mailings:mailing_test", args=[mailing.pk]), {"addresses": addresses}
    )
    assert response.status_code == 400
    assert "At most 10 addresses" in response.content.decode()
    assert not OutgoingMail.objects.exists()


def test_a_test_send_to_an_invalid_address_is_refused(client_for, alice, mailing):
    response = client_for(alice).post(
        reverse("mailings:mailing_test", args=[mailing.pk]), {"addresses": "alice@, bea@x.de"}
    )
    assert response.status_code == 400
    assert "is not a valid e-mail address" in response.content.decode()
    assert not OutgoingMail.objects.exists()


def test_a_test_send_needs_a_post(client_for, alice, mailing):
    response = client_for(alice).get(reverse("mailings:mailing_test", args=[mailing.pk]))
    assert response.status_code == 405


# --- schedule and cancel -------------------------------------------------------------------


def test_the_schedule_page_confirms_the_recipient_count_and_asks_for_a_time(
    client_for, alice, mailing, subscribe
):
    subscribe("erika@example.org")
    response = client_for(alice).get(reverse("mailings:mailing_schedule", args=[mailing.pk]))
    content = response.content.decode()
    assert response.context["recipients_count"] == 1
    assert "would reach 1 person" in content
    assert 'type="datetime-local"' in content


def test_scheduling_for_a_later_time_plans_the_mailing(client_for, alice, mailing):
    when = timezone.localtime() + datetime.timedelta(days=2)
    response = client_for(alice).post(
        reverse("mailings:mailing_schedule", args=[mailing.pk]),
        {"send_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    mailing.refresh_from_db()
    assert response.status_code == 302
    assert mailing.status == Mailing.Status.SCHEDULED
    assert mailing.scheduled_for == when.replace(second=0, microsecond=0)


def test_scheduling_without_a_time_sends_now(client_for, alice, mailing):
    response = client_for(alice).post(
        reverse("mailings:mailing_schedule", args=[mailing.pk]), {"send_at": ""}, follow=True
    )
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SCHEDULED
    assert mailing.scheduled_for <= timezone.now()
    assert "The mailing is being sent now." in response.content.decode()


def test_a_mailing_without_content_cannot_be_scheduled_and_the_page_says_why(
    client_for, alice, mailing
):
    mailing.blocks.all().delete()
    response = client_for(alice).post(
        reverse("mailings:mailing_schedule", args=[mailing.pk]), {"send_at": ""}
    )
    mailing.refresh_from_db()
    assert response.status_code == 400
    assert "Add at least one content block before sending." in response.content.decode()
    assert mailing.status == Mailing.Status.DRAFT


def test_a_scheduling_time_in_the_past_is_refused(client_for, alice, mailing):
    when = timezone.localtime() - datetime.timedelta(days=1)
    response = client_for(alice).post(
        reverse("mailings:mailing_schedule", args=[mailing.pk]),
        {"send_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    mailing.refresh_from_db()
    assert response.status_code == 400
    assert mailing.status == Mailing.Status.DRAFT


def test_cancelling_a_scheduled_mailing_stops_it(client_for, alice, mailing):
    mailing.status = Mailing.Status.SCHEDULED
    mailing.scheduled_for = timezone.now() + datetime.timedelta(days=1)
    mailing.save()
    response = client_for(alice).post(
        reverse("mailings:mailing_cancel", args=[mailing.pk]), follow=True
    )
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.CANCELLED
    assert "The mailing is cancelled" in response.content.decode()


def test_cancelling_a_draft_explains_that_it_is_not_possible(client_for, alice, mailing):
    response = client_for(alice).post(
        reverse("mailings:mailing_cancel", args=[mailing.pk]), follow=True
    )
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT
    assert "can be cancelled" in response.content.decode()


def test_a_sent_mailing_offers_no_scheduling(client_for, alice, newsletter):
    done = sent_mailing(newsletter)
    response = client_for(alice).get(
        reverse("mailings:mailing_schedule", args=[done.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == done.get_absolute_url()
