"""Group names with the right German article: "der HR-Club", "die Fachgruppe KI", taken
from the gender of the kind unless the group sets its own ("das Netzwerk …")."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from knotenpunkt.groups.models import Group
from knotenpunkt.groups.wording import SENTENCES
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import PersonEmailFactory


@pytest.fixture
def german(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    with translation.override("de"):
        yield


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_joining_a_club_greets_with_the_masculine_article(client_for, make_group, carol, german):
    club = make_group("open", name="HR-Club", kind="club")
    response = client_for(carol).post(reverse("groups:join", args=[club.slug]), follow=True)
    assert _messages(response) == ["Willkommen im HR-Club."]


def test_leaving_a_topic_group_names_it_with_the_feminine_article(
    client_for, make_group, carol, german
):
    group = make_group("open", name="Fachgruppe KI")
    client = client_for(carol)
    client.post(reverse("groups:join", args=[group.slug]))
    response = client.post(reverse("groups:leave", args=[group.slug]), follow=True)
    assert _messages(response)[-1] == "Sie haben die Fachgruppe KI verlassen."


def test_a_group_named_unlike_its_kind_sets_its_own_article(client_for, make_group, carol, german):
    network = make_group("open", name="Netzwerk Frauen in MINT", kind="club", name_gender="neuter")
    client = client_for(carol)
    client.post(reverse("groups:join", args=[network.slug]))
    response = client.post(reverse("groups:leave", args=[network.slug]), follow=True)
    assert _messages(response)[-1] == "Sie haben das Netzwerk Frauen in MINT verlassen."


def test_the_invitation_to_a_club_declines_the_article(client_for, make_group, lena, carol, german):
    club = make_group("invitation", name="CIO-Club", kind="club")
    PersonEmailFactory(person=carol.person, address="carol@nordlicht.example")
    client_for(lena).post(
        reverse("groups:manage_members", args=[club.slug]),
        {"invite-email": "carol@nordlicht.example"},
    )
    mail = OutgoingMail.objects.get(kind="groups_invitation")
    assert mail.subject == "Einladung in den CIO-Club"
    assert "Lena Lorenzen lädt Sie ein, dem CIO-Club beizutreten." in mail.body_text
    assert "Lena Lorenzen lädt Sie ein, dem CIO-Club beizutreten." in mail.body_html


def test_english_names_the_group_as_it_is(client_for, make_group, carol):
    club = make_group("open", name="HR-Club", kind="club")
    response = client_for(carol).post(reverse("groups:join", args=[club.slug]), follow=True)
    assert _messages(response) == ["Welcome to HR-Club."]


def test_every_sentence_is_worded_for_every_gender():
    for key, by_gender in SENTENCES.items():
        assert set(by_gender) == set(Group.Gender.values), key


def test_the_kind_gives_the_gender_unless_the_group_sets_one():
    assert Group(kind="club").grammatical_gender == "masculine"
    assert Group(kind="topic_group").grammatical_gender == "feminine"
    assert Group(kind="club", name_gender="neuter").grammatical_gender == "neuter"


def test_staff_set_the_article_of_a_group_name(client_for, make_group, alice, cluster):
    group = make_group("open", name="Netzwerk Frauen in MINT", kind="club")
    client_for(alice).post(
        reverse("groups:edit", args=[group.slug]),
        {
            "name": group.name,
            "slug": group.slug,
            "kind": "club",
            "name_gender": "neuter",
            "policy": "open",
            "clusters": [cluster.pk],
        },
    )
    group.refresh_from_db()
    assert group.name_gender == "neuter"
