"""The archive of sent mailings: who sees which mailing, and what an archived copy shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import (
    Mailing,
    MailingBlock,
    MailingList,
    MailingRecipient,
    Subscription,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


def sent_mailing(mailing_list, subject="Neues aus dem Cluster", days_ago=3, **fields):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    values = {
        "status": Mailing.Status.SENT,
        "archive": Mailing.Archive.PUBLIC,
        "started_at": when,
        "finished_at": when + datetime.timedelta(minutes=20),
    }
    values.update(fields)
    mailing = Mailing.objects.create(
        cluster=mailing_list.cluster, mailing_list=mailing_list, subject=subject, **values
    )
    MailingBlock.objects.create(
        mailing=mailing,
        position=0,
        heading="Willkommen",
        text="{anrede}\n\nDas Digitalfrühstück startet wieder.",
    )
    return mailing


def archive_url(cluster):
    return reverse("mailings:archive", args=[cluster.slug])


def page_url(mailing, name="mailings:archive_mailing"):
    return reverse(name, args=[mailing.cluster.slug, mailing.pk])


@pytest.fixture
def public_mailing(newsletter):
    return sent_mailing(newsletter, "Öffentlicher Newsletter")


@pytest.fixture
def members_mailing(newsletter):
    return sent_mailing(newsletter, "Nur für Mitglieder", archive=Mailing.Archive.MEMBERS)


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@knotenpunkt.example", is_superuser=True, is_staff=True)


# --- the list ---------------------------------------------------------------------------


def test_archive_lists_public_sent_mailings_for_anonymous_visitors(client, public_mailing):
    response = client.get(archive_url(public_mailing.cluster))

    assert response.status_code == 200
    assert "Öffentlicher Newsletter" in response.text
    assert "DiWiSH-Newsletter" in response.text
    assert page_url(public_mailing) in response.text


def test_archive_hides_members_only_mailings_from_anonymous_visitors(
    client, public_mailing, members_mailing
):
    response = client.get(archive_url(members_mailing.cluster))

    assert "Nur für Mitglieder" not in response.text
    assert "log in</a> to see the mailings archived for members" in response.text


def test_archive_hides_members_only_mailings_from_registered_non_members(
    client_for, dave, members_mailing
):
    response = client_for(dave).get(archive_url(members_mailing.cluster))

    assert response.status_code == 200
    assert "Nur für Mitglieder" not in response.text


@pytest.mark.parametrize("persona", ["carol", "bob", "alice", "admin_user"])
def test_archive_shows_members_only_mailings_to_members_staff_and_admins(
    request, client_for, persona, members_mailing
):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(archive_url(members_mailing.cluster))

    assert "Nur für Mitglieder" in response.text
    assert "for members" in response.text


def test_archive_hides_members_only_mailings_from_staff_of_another_cluster(
    client_for, other_cluster, members_mailing
):
    stranger = UserFactory(email="staff@logistik.example")
    other_cluster.staff.add(stranger)

    response = client_for(stranger).get(archive_url(members_mailing.cluster))

    assert "Nur für Mitglieder" not in response.text


@pytest.mark.parametrize(
    ("status", "archive"),
    [
        (Mailing.Status.DRAFT, Mailing.Archive.PUBLIC),
        (Mailing.Status.SCHEDULED, Mailing.Archive.PUBLIC),
        (Mailing.Status.SENDING, Mailing.Archive.PUBLIC),
        (Mailing.Status.CANCELLED, Mailing.Archive.PUBLIC),
        (Mailing.Status.SENT, Mailing.Archive.NONE),
    ],
)
def test_archive_leaves_out_mailings_not_sent_or_not_archived(
    client_for, alice, newsletter, status, archive
):
    sent_mailing(newsletter, "Nicht im Archiv", status=status, archive=archive)

    response = client_for(alice).get(archive_url(newsletter.cluster))

    assert "Nicht im Archiv" not in response.text
    assert "0 mailings" in response.text


def test_archive_leaves_out_mailings_of_other_clusters(client, newsletter, other_cluster):
    other_list = MailingList.objects.create(cluster=other_cluster, name="Logistik", slug="news")
    sent_mailing(other_list, "Logistik-News")
    sent_mailing(newsletter, "DiWiSH-News")

    response = client.get(archive_url(newsletter.cluster))

    assert "DiWiSH-News" in response.text
    assert "Logistik-News" not in response.text


def test_archive_lists_the_newest_mailing_first(client, newsletter):
    sent_mailing(newsletter, "Ausgabe März", days_ago=60)
    sent_mailing(newsletter, "Ausgabe Mai", days_ago=2)
    sent_mailing(newsletter, "Ausgabe April", days_ago=30)

    text = client.get(archive_url(newsletter.cluster)).text

    assert text.index("Ausgabe Mai") < text.index("Ausgabe April") < text.index("Ausgabe März")


def test_archive_shows_twenty_mailings_per_page(client, newsletter):
    for n in range(21):
        sent_mailing(newsletter, f"Ausgabe {n:02d}", days_ago=n + 1)

    first = client.get(archive_url(newsletter.cluster))
    second = client.get(archive_url(newsletter.cluster), {"page": 2})

    assert len(first.context["mailings"]) == 20
    assert "Ausgabe 00" in first.text
    assert "Ausgabe 20" not in first.text
    assert "Ausgabe 20" in second.text


def test_archive_of_an_unknown_cluster_is_not_found(client, db):
    response = client.get(reverse("mailings:archive", args=["gibt-es-nicht"]))

    assert response.status_code == 404


def test_archive_list_needs_few_queries_however_many_mailings(
    client_for, carol, newsletter, django_assert_max_num_queries
):
    other_list = MailingList.objects.create(
        cluster=newsletter.cluster, name="Einladungen", slug="einladungen"
    )
    for n in range(15):
        sent_mailing(newsletter if n % 2 else other_list, f"Ausgabe {n}", days_ago=n + 1)
    member = client_for(carol)

    with django_assert_max_num_queries(12):
        response = member.get(archive_url(newsletter.cluster))

    assert len(response.context["mailings"]) == 15


# --- one archived mailing --------------------------------------------------------------


def test_archived_mailing_page_shows_subject_date_list_and_frames_the_mail(client, public_mailing):
    response = client.get(page_url(public_mailing))

    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Öffentlicher Newsletter</h1>' in response.text
    assert "DiWiSH-Newsletter" in response.text
    assert f'src="{page_url(public_mailing, "mailings:archive_mailing_html")}"' in response.text
    assert 'sandbox="' in response.text
    assert page_url(public_mailing, "mailings:archive_mailing_text") in response.text


def test_archived_mailing_html_is_the_mail_with_neutral_values(client, public_mailing):
    response = client.get(page_url(public_mailing, "mailings:archive_mailing_html"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Das Digitalfrühstück startet wieder." in response.text
    assert "Sehr geehrte Damen und Herren," in response.text  # the mailing is German
    assert "%%KNP:" not in response.text


def test_archived_copy_contains_no_recipients_unsubscribe_or_preference_link(client, newsletter):
    mailing = sent_mailing(newsletter, "Ausgabe mit Abonnenten")
    people = []
    for name in ("Erika", "Hauke", "Swantje"):
        person = PersonFactory(first_name=name, last_name="Mommsen")
        PersonEmailFactory(person=person)
        Subscription.objects.create(
            person=person, mailing_list=newsletter, status=Subscription.Status.ACTIVE
        )
        MailingRecipient.objects.create(
            mailing=mailing, person=person, email=person.primary_email, status="sent"
        )
        people.append(person)

    html = client.get(page_url(mailing, "mailings:archive_mailing_html")).text
    text = client.get(page_url(mailing, "mailings:archive_mailing_text")).text

    for copy in (html, text):
        assert reverse("mailings:unsubscribe", kwargs={"token": "x"})[:-2] not in copy
        assert reverse("mailings:preferences", kwargs={"token": "x"})[:-2] not in copy
        for person in people:
            assert tokens.make_unsubscribe_token(person, newsletter) not in copy
            assert tokens.make_unsubscribe_token(person) not in copy
            assert tokens.make_preferences_token(person) not in copy
            assert "Mommsen" not in copy


def test_archived_mailing_html_may_use_inline_styles_and_be_framed_by_the_site_only(
    client, public_mailing
):
    response = client.get(page_url(public_mailing, "mailings:archive_mailing_html"))

    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_archived_mailing_page_keeps_the_strict_policy(client, public_mailing):
    response = client.get(page_url(public_mailing))

    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_archived_mailing_text_version_is_plain_text(client, public_mailing):
    response = client.get(page_url(public_mailing, "mailings:archive_mailing_text"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Das Digitalfrühstück startet wieder." in response.text
    assert "<p>" not in response.text


VIEWS = [
    "mailings:archive_mailing",
    "mailings:archive_mailing_html",
    "mailings:archive_mailing_text",
]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(
    ("status", "archive"),
    [
        (Mailing.Status.DRAFT, Mailing.Archive.PUBLIC),
        (Mailing.Status.SCHEDULED, Mailing.Archive.MEMBERS),
        (Mailing.Status.SENDING, Mailing.Archive.PUBLIC),
        (Mailing.Status.SENT, Mailing.Archive.NONE),
    ],
)
def test_a_mailing_not_sent_or_not_archived_is_not_found_even_for_staff(
    client_for, alice, newsletter, view, status, archive
):
    mailing = sent_mailing(newsletter, status=status, archive=archive)

    response = client_for(alice).get(page_url(mailing, view))

    assert response.status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_a_mailing_is_not_found_under_another_clusters_address(
    client, public_mailing, other_cluster, view
):
    response = client.get(reverse(view, args=[other_cluster.slug, public_mailing.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_visitors_of_a_members_only_mailing_are_sent_to_the_login(
    client, members_mailing, view
):
    url = page_url(members_mailing, view)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("view", VIEWS)
def test_registered_non_members_may_not_read_a_members_only_mailing(
    client_for, dave, members_mailing, view
):
    response = client_for(dave).get(page_url(members_mailing, view))

    assert response.status_code == 403


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", ["carol", "alice", "admin_user"])
def test_members_staff_and_admins_read_a_members_only_mailing(
    request, client_for, members_mailing, view, persona
):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(page_url(members_mailing, view))

    assert response.status_code == 200


def test_people_of_a_former_member_may_not_read_a_members_only_mailing(
    client_for, cluster, members_mailing
):
    former = OrganisationFactory(name="Früher dabei GmbH")
    MembershipFactory(
        organisation=former,
        cluster=cluster,
        start_date=datetime.date(2019, 1, 1),
        end_date=timezone.localdate() - datetime.timedelta(days=30),
        status="ended",
    )
    user = UserFactory(email="ex@frueher.example")
    PositionFactory(person=PersonFactory(user=user), organisation=former)

    response = client_for(user).get(page_url(members_mailing))

    assert response.status_code == 403


def test_someone_who_left_a_member_organisation_may_not_read_a_members_only_mailing(
    client_for, member_org, members_mailing
):
    user = UserFactory(email="weg@nordlicht.example")
    PositionFactory(
        person=PersonFactory(user=user),
        organisation=member_org,
        start_date=datetime.date(2020, 1, 1),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    response = client_for(user).get(page_url(members_mailing))

    assert response.status_code == 403


def test_staff_of_another_cluster_may_not_read_a_members_only_mailing(
    client_for, other_cluster, members_mailing
):
    stranger = UserFactory(email="staff@logistik.example")
    other_cluster.staff.add(stranger)

    response = client_for(stranger).get(page_url(members_mailing))

    assert response.status_code == 403


def test_the_archive_pages_answer_only_reading_requests(client, public_mailing):
    response = client.post(page_url(public_mailing))

    assert response.status_code == 405
