"""The personal feed: ranking with reasons, follows, visibility, sharing, rating, consent."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.feed.models import FeedEntry, Follow, Notice, Rating, Share, Usage
from knotenpunkt.feed.rules import viewer_for
from knotenpunkt.feed.services import entries, follows, ranking, sharing, usage
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import erase_person, export_person_data, record_consent
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MeetingFactory,
    PersonEmailFactory,
)


def refresh():
    entries.refresh_all()


def feed_of(user, **kwargs):
    user = type(user).objects.get(pk=user.pk)  # a fresh viewer
    return ranking.personal_feed(viewer_for(user), user, **kwargs)


def titles(page):
    return [item.entry.title for item in page.items]


@pytest.fixture
def events(cluster, cloud, security):
    cloud_event = EventFactory(title="Cloud-Frühstück", clusters=[cluster])
    cloud_event.topics.add(cloud)
    other = EventFactory(title="Sicherheitstag", clusters=[cluster])
    other.topics.add(security)
    refresh()
    return cloud_event, other


def test_a_person_following_cloud_sees_the_cloud_event_first_with_the_reason(bob, cloud, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    page = feed_of(bob)
    assert titles(page)[0] == "Cloud-Frühstück"
    assert page.items[0].reason_text == "Because you follow the topic Cloud"


def test_watching_puts_an_item_on_top(bob, cloud, security, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    follows.set_follow(bob.person, Follow.Target.TOPIC, security.pk, Follow.Level.WATCHING)
    page = feed_of(bob)
    assert titles(page)[0] == "Sicherheitstag"
    assert page.items[0].watched


def test_a_muted_topic_is_never_shown(bob, cloud, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.MUTED)
    assert "Cloud-Frühstück" not in titles(feed_of(bob))


def test_a_muted_group_is_never_shown(bob, cluster):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster])
    MeetingFactory(group=group, title="KI-Treffen")
    refresh()
    assert "KI-Gruppe: KI-Treffen" in titles(feed_of(bob))
    follows.set_follow(bob.person, Follow.Target.GROUP, group.pk, Follow.Level.MUTED)
    assert "KI-Gruppe: KI-Treffen" not in titles(feed_of(bob))


def test_items_of_ones_group_give_the_group_as_reason(bob, cluster):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster], policy="cluster_members")
    GroupMembershipFactory(group=group, person=bob.person)
    MeetingFactory(group=group, title="KI-Treffen")
    refresh()
    page = feed_of(bob)
    assert titles(page) == ["KI-Gruppe: KI-Treffen"]
    assert page.items[0].reason_text == "From your group KI-Gruppe"


def test_group_items_are_hidden_from_non_members(bob, dave, cluster):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster], policy="cluster_members")
    MeetingFactory(group=group, title="KI-Treffen")
    refresh()
    assert titles(feed_of(bob)) == []
    assert titles(feed_of(dave)) == []


def test_members_only_items_are_hidden_from_non_members_and_other_clusters(
    bob, dave, cluster, other_cluster
):
    EventFactory(title="Mitgliederabend", clusters=[cluster], audience="members")
    EventFactory(title="Logistiktreffen", clusters=[other_cluster], audience="members")
    refresh()
    assert titles(feed_of(bob)) == ["Mitgliederabend"]
    assert titles(feed_of(dave)) == []


def test_the_cluster_management_sees_members_only_items_of_its_cluster(alice, cluster):
    from tests.factories import PersonFactory

    PersonFactory(user=alice, first_name="Alice", last_name="Albers")
    EventFactory(title="Mitgliederabend", clusters=[cluster], audience="members")
    refresh()
    assert titles(feed_of(alice)) == ["Mitgliederabend"]


def test_a_source_app_has_the_last_word_on_the_page(bob, cluster):
    event = EventFactory(title="Abgesagt", clusters=[cluster])
    refresh()
    # The event is unpublished after the refresh: the entry is stale, the events app says no.
    type(event).objects.filter(pk=event.pk).update(is_published=False)
    assert titles(feed_of(bob)) == []


def test_invitation_only_events_and_staff_needs_never_enter_the_feed(cluster, member_org):
    from knotenpunkt.matching.models import Need

    EventFactory(title="Geheim", clusters=[cluster], audience="invitation")
    Need.objects.create(
        cluster=cluster, organisation=member_org, title="Intern", text="x", visibility="staff"
    )
    Need.objects.create(cluster=cluster, organisation=member_org, title="Offen", text="y")
    refresh()
    assert set(FeedEntry.objects.values_list("title", flat=True)) == {"Offen"}


def test_an_anonymous_need_does_not_name_its_organisation(cluster, member_org):
    from knotenpunkt.matching.models import Need

    Need.objects.create(
        cluster=cluster, organisation=member_org, title="Anonym", text="x", visibility="anonymous"
    )
    refresh()
    assert FeedEntry.objects.get().organisation_id is None


def test_rating_useful_moves_an_item_up_for_others(bob, carol, cluster):
    EventFactory(
        title="Älter", clusters=[cluster], starts_at=timezone.now() + datetime.timedelta(days=40)
    )
    EventFactory(
        title="Neuer", clusters=[cluster], starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    refresh()
    assert titles(feed_of(bob))[0] == "Neuer"
    older = FeedEntry.objects.get(title="Älter")
    for _ in range(1):
        usage.rate_entry(carol.person, older, True)
    older.refresh_from_db()
    assert older.useful == 1
    assert titles(feed_of(bob))[0] == "Älter"


def test_rating_not_useful_moves_an_item_down_for_the_rater(bob, cluster):
    EventFactory(
        title="A", clusters=[cluster], starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    EventFactory(
        title="B", clusters=[cluster], starts_at=timezone.now() + datetime.timedelta(days=31)
    )
    refresh()
    first = FeedEntry.objects.get(title=titles(feed_of(bob))[0])
    usage.rate_entry(bob.person, first, False)
    assert titles(feed_of(bob))[-1] == first.title


def test_a_second_rating_replaces_the_first(bob, cluster, events):
    entry = FeedEntry.objects.first()
    usage.rate_entry(bob.person, entry, True)
    usage.rate_entry(bob.person, entry, False)
    entry.refresh_from_db()
    assert (entry.useful, entry.not_useful) == (0, 1)
    assert Rating.objects.get().useful is False


def test_usage_is_not_recorded_without_consent(client_for, bob, events):
    entry = FeedEntry.objects.first()
    response = client_for(bob).get(reverse("feed:open", args=[entry.pk]))
    assert response.status_code == 302
    assert response["Location"] == entry.url
    usage.rate_entry(bob.person, entry, True)
    entry.refresh_from_db()
    assert entry.opens == 0
    assert not Usage.objects.exists()
    # The rating itself is kept: an explicit act, not profiling.
    assert Rating.objects.filter(person=bob.person).exists()


def test_usage_is_recorded_with_consent_and_learned(client_for, bob, cloud, events):
    record_consent(bob.person, Consent.Purpose.PROFILING, True, source="test")
    cloud_entry = FeedEntry.objects.get(title="Cloud-Frühstück")
    client_for(bob).get(reverse("feed:open", args=[cloud_entry.pk]))
    usage.rate_entry(bob.person, cloud_entry, True)
    cloud_entry.refresh_from_db()
    assert cloud_entry.opens == 1
    assert Usage.objects.filter(person=bob.person).count() == 2
    profile = compute_profile(bob.person)
    assert profile.learned_topic_weights == {str(cloud.pk): 0.7}


def test_withdrawing_the_consent_deletes_the_usage(client_for, bob, cloud, events):
    client = client_for(bob)
    client.post(reverse("feed:consent"), {"granted": "1"})
    assert usage.has_profiling_consent(bob.person)
    consent = Consent.objects.get(person=bob.person, purpose="profiling")
    assert consent.source == "feed page" and consent.text_version
    entry = FeedEntry.objects.get(title="Cloud-Frühstück")
    client.get(reverse("feed:open", args=[entry.pk]))
    compute_profile(bob.person)
    assert Usage.objects.filter(person=bob.person).exists()
    client.post(reverse("feed:consent"), {"granted": "0"})
    assert not usage.has_profiling_consent(bob.person)
    assert not Usage.objects.filter(person=bob.person).exists()
    bob.person.refresh_from_db()
    assert bob.person.feed_profile.learned_topic_weights == {}


def test_withdrawing_on_the_privacy_page_deletes_the_usage_too(client_for, bob, cloud, events):
    client = client_for(bob)
    client.post(reverse("feed:consent"), {"granted": "1"})
    entry = FeedEntry.objects.get(title="Cloud-Frühstück")
    client.get(reverse("feed:open", args=[entry.pk]))
    assert Usage.objects.filter(person=bob.person).exists()
    client.post(reverse("privacy:withdraw"), {"purpose": "profiling"})
    assert not usage.has_profiling_consent(bob.person)
    assert not Usage.objects.filter(person=bob.person).exists()


def test_sharing_creates_a_notice_and_a_mail_without_disclosing_the_address(
    client_for, bob, carol, events
):
    PersonEmailFactory(person=carol.person, address="carol.private@nordlicht.example")
    entry = FeedEntry.objects.first()
    client = client_for(bob)
    search = client.get(reverse("feed:share", args=[entry.pk]), {"q": "Clausen"})
    assert "Carol Clausen" in search.content.decode()
    assert "carol.private" not in search.content.decode()
    response = client.post(
        reverse("feed:share", args=[entry.pk]) + "?q=Clausen",
        {"recipient": carol.person.pk, "note": "Das passt zu uns"},
        follow=True,
    )
    assert "carol.private" not in response.content.decode()
    notice = Notice.objects.get(recipient=carol.person)
    assert notice.note == "Das passt zu uns"
    mail = OutgoingMail.objects.get(kind="feed_shared")
    assert mail.to == "carol.private@nordlicht.example"
    assert "Das passt zu uns" in mail.body_text
    assert Share.objects.get().sender == bob.person
    entry.refresh_from_db()
    assert entry.shares == 1


def test_sharing_with_someone_outside_the_cluster_is_refused(bob, dave, events):
    entry = FeedEntry.objects.first()
    with pytest.raises(sharing.SharingRefused):
        sharing.share_entry(viewer_for(bob), dave.person, entry, "")
    assert not Notice.objects.exists()


def test_the_inbox_badge_counts_unread_notices(client_for, bob, carol, events):
    sharing.share_entry(viewer_for(bob), carol.person, FeedEntry.objects.first(), "")
    client = client_for(carol)
    page = client.get(reverse("feed:feed")).content.decode()
    assert 'class="kern-badge" aria-label' in page
    client.get(reverse("feed:inbox"))
    assert Notice.objects.get().read_at is not None


def test_the_popular_tab_lists_what_the_cluster_used(bob, carol, events):
    record_consent(carol.person, Consent.Purpose.PROFILING, True, source="test")
    entry = FeedEntry.objects.get(title="Sicherheitstag")
    usage.record_open(carol.person, entry)
    page = ranking.popular_feed(viewer_for(bob), bob)
    assert titles(page) == ["Sicherheitstag"]
    assert page.items[0].reason_text == "Popular in your network"


def test_export_and_erasure_cover_the_feed(bob, alice, carol, cloud, events):
    record_consent(bob.person, Consent.Purpose.PROFILING, True, source="test")
    entry = FeedEntry.objects.first()
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.WATCHING)
    usage.record_open(bob.person, entry)
    usage.rate_entry(bob.person, entry, True)
    sharing.share_entry(viewer_for(bob), carol.person, entry, "Notiz")
    data = export_person_data(alice, bob.person)["feed"]
    assert data["follows"] == [{"target": "topic", "id": cloud.pk, "level": "watching"}]
    assert len(data["usage"]) == 3 and data["shared"][0]["note"] == "Notiz"
    erase_person(alice, bob.person)
    for model in (Follow, Usage, Rating, Share):
        assert not model.objects.exists()
    entry.refresh_from_db()
    assert entry.useful == 1  # the anonymous figure stays


def test_the_feed_page_shows_reasons_and_the_consent_switch(client_for, bob, cloud, events):
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    response = client_for(bob).get(reverse("feed:feed"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cloud-Frühstück" in page
    assert 'name="granted" value="1"' in page


def test_the_feed_page_needs_a_person(client_for, alice):
    assert client_for(alice).get(reverse("feed:feed")).status_code == 403


def test_the_feed_page_needs_a_login(client):
    assert client.get(reverse("feed:feed")).status_code == 302


def test_the_feed_page_makes_a_bounded_number_of_queries(
    client_for, bob, cluster, cloud, django_assert_max_num_queries
):
    group = GroupFactory(name="KI-Gruppe", clusters=[cluster])
    GroupMembershipFactory(group=group, person=bob.person)
    for n in range(30):
        event = EventFactory(title=f"Event {n}", clusters=[cluster])
        event.topics.add(cloud)
        MeetingFactory(group=group, title=f"Treffen {n}")
    refresh()
    follows.set_follow(bob.person, Follow.Target.TOPIC, cloud.pk, Follow.Level.TRACKING)
    client = client_for(bob)
    client.get(reverse("feed:feed"))  # the profile is computed once
    with django_assert_max_num_queries(30):
        response = client.get(reverse("feed:feed"))
    assert response.content.decode().count('class="feed-item kern-card') == 20


def test_the_staff_figures_page_lists_only_own_clusters(client_for, alice, cluster, other_cluster):
    EventFactory(title="Eigenes", clusters=[cluster])
    EventFactory(title="Fremdes", clusters=[other_cluster])
    refresh()
    page = client_for(alice).get(reverse("feed:figures")).content.decode()
    assert "Eigenes" in page and "Fremdes" not in page


def test_members_do_not_see_the_staff_figures(client_for, bob):
    assert client_for(bob).get(reverse("feed:figures")).status_code == 403


def test_rss_lists_only_public_items(client, cluster, other_cluster):
    EventFactory(title="Öffentlich", clusters=[cluster])
    EventFactory(title="Nur Mitglieder", clusters=[cluster], audience="members")
    EventFactory(title="Anderswo", clusters=[other_cluster])
    refresh()
    rss = client.get(reverse("feed:public_rss"), {"cluster": cluster.slug}).content.decode()
    assert "Öffentlich" in rss
    assert "Nur Mitglieder" not in rss and "Anderswo" not in rss
    atom = client.get(reverse("feed:public_atom")).content.decode()
    assert "Öffentlich" in atom and "Anderswo" in atom and "Nur Mitglieder" not in atom


def test_a_refresh_removes_items_that_are_gone(cluster):
    event = EventFactory(title="Bald", clusters=[cluster])
    refresh()
    event.delete()
    refresh()
    assert not FeedEntry.objects.exists()


def test_a_save_refreshes_its_item_after_commit(cluster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="Sofort", clusters=[cluster])
    assert FeedEntry.objects.filter(title="Sofort").exists()
