"""The demo installation: believable figures, idempotent, and every printed login works.

The demo is built once for this module (it takes a few seconds) inside a transaction that
is rolled back afterwards, so other modules never see it. Every test that reads it asks
for `db` too, so that pytest-django keeps them together, before any transactional test
flushes the seeded taxonomy.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.demo.builder import demo_counts, install_demo
from knotenpunkt.demo.logins import PASSWORD
from knotenpunkt.demo.management.commands.demo import runserver_announcing
from knotenpunkt.demo.organisations import REGIONS_FILE
from knotenpunkt.demo.plan import AS_OF, plan_demo
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person
from knotenpunkt.directory.services.people import people_known_by_email
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.directory.services.statistics import (
    members_by_actor_type,
    yearly_figures,
)
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents

LOGIN_EMAILS = [
    "admin@knotenpunkt.example",
    "cm@diwish.example",
    "orgadmin@demo.example",
    "member@demo.example",
    "guest@demo.example",
]
TAXONOMY_FILE = REGIONS_FILE.parent / "taxonomy.json"


@pytest.fixture
def digital(demo, db):
    return Cluster.objects.get(slug="diwish")


@pytest.fixture
def maritime(demo, db):
    return Cluster.objects.get(slug="maritim")


def active_members(cluster):
    memberships = Membership.objects.filter(cluster=cluster).active_on(AS_OF)
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))


def test_running_the_demo_again_adds_nothing(demo, db):
    before = demo_counts()
    again = install_demo()
    assert demo.created and not again.created
    assert demo_counts() == before
    assert [x.email for x in again.logins] == [x.email for x in demo.logins]


def test_digital_cluster_has_about_250_members_mostly_micro(digital):
    members = active_members(digital)
    assert 240 <= members.count() <= 260
    micro = members.filter(size_class=Organisation.SizeClass.MICRO).count()
    assert 0.55 <= micro / members.count() <= 0.70


def test_actor_mix_of_the_digital_cluster_matches_its_report(digital):
    counts = dict(members_by_actor_type([digital], day=AS_OF))
    total = sum(counts.values())
    target = {
        Organisation.ActorType.BUSINESS: 75.4,
        Organisation.ActorType.RESEARCH: 4.0,
        Organisation.ActorType.INTERMEDIARY: 15.0,
        Organisation.ActorType.MARKETING: 3.2,
        Organisation.ActorType.PUBLIC: 2.2,
    }
    for actor_type, percent in target.items():
        assert abs(100 * counts[actor_type.label] / total - percent) <= 2


def test_employees_fit_the_size_class(digital):
    bands = {"micro": (0, 9), "small": (10, 49), "medium": (50, 249), "large": (250, 10**6)}
    for size, employees in Organisation.objects.values_list("size_class", "employees"):
        low, high = bands[size]
        assert low <= employees <= high


def test_some_organisations_are_members_of_both_clusters(digital, maritime):
    both = active_members(digital) & active_members(maritime)
    assert 15 <= both.count() <= 25
    assert 50 <= active_members(maritime).count() <= 70


def test_there_are_prospects_and_former_members(digital, maritime):
    open_memberships = Membership.objects.exclude(status=Membership.Status.ENDED)
    outside = Organisation.objects.exclude(pk__in=open_memberships.values("organisation"))
    # Prospects and former members, plus the non-member firms that post needs.
    assert 50 <= outside.count() <= 90
    assert outside.filter(memberships__isnull=True).exists()


def test_members_entered_and_left_in_each_of_eight_years(digital):
    # The demo's history ends on its fixed reference day; a later year (the test may run
    # in one) has no entries or exits.
    every_year = {y.year: y for y in yearly_figures([digital])}
    figures = {year: y for year, y in every_year.items() if year <= AS_OF.year}
    assert sorted(figures) == list(range(2019, 2027))
    assert not any(y.entries or y.exits for year, y in every_year.items() if year > AS_OF.year)
    assert all(y.entries > 0 and y.exits > 0 for y in figures.values())
    assert sum(y.net > 0 for y in figures.values()) >= 6
    assert {24, 33} <= {y.net for y in figures.values()}


def test_memberships_keep_their_rules(digital):
    notice = Membership.objects.filter(status=Membership.Status.NOTICE_GIVEN)
    assert notice.exists()
    assert all(m.end_date.isoformat() == "2026-12-31" for m in notice)
    ended = Membership.objects.filter(status=Membership.Status.ENDED)
    assert ended.exists()
    assert not ended.filter(end_date__isnull=True).exists()
    assert not ended.filter(end_date__gt=AS_OF).exists()
    kinds = set(Membership.objects.values_list("kind", flat=True))
    assert kinds == set(Membership.Kind.values)


def test_demo_organisations_pass_model_validation(demo, db):
    for organisation in Organisation.objects.all():
        organisation.full_clean()  # postcode, WZ code, register number, VAT ID, phone
    assert Organisation.objects.exclude(vat_id="").count() > 50
    assert not Organisation.objects.filter(region__isnull=True).exists()
    assert all(o.website.endswith(".example") for o in Organisation.objects.all())


def test_demo_people_have_valid_contact_data(demo, db):
    assert 850 <= Person.objects.count() <= 1100
    for person in Person.objects.prefetch_related("emails", "phones")[:300]:
        assert person.emails.all(), person
        for contact in [*person.emails.all(), *person.phones.all()]:
            contact.full_clean()


def test_public_people_gave_consent_to_be_listed(demo, db):
    public = Person.objects.filter(is_public=True)
    assert 0.3 <= public.count() / Person.objects.count() <= 0.5
    for person in public[:50]:
        assert current_consents(person)[Consent.Purpose.DIRECTORY_LISTING]


@pytest.mark.parametrize("email", LOGIN_EMAILS)
def test_each_printed_login_can_log_in(demo, db, client, email):
    assert email in [x.email for x in demo.logins]
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_demo_logins_addresses_are_confirmed_and_identify_them(demo, db, django_user_model):
    for user in django_user_model.objects.filter(email__in=LOGIN_EMAILS, person__isnull=False):
        assert list(people_known_by_email(user.email)) == [user.person], user.email


def test_logins_have_the_rights_of_their_role(demo, digital, django_user_model):
    users = {u.email: u for u in django_user_model.objects.filter(email__in=LOGIN_EMAILS)}
    admin_org = Organisation.objects.get(name="Fördewerk Digital GmbH")
    member_org = Organisation.objects.get(name="Kieler Datenkontor GmbH")
    assert listed_organisations(digital).filter(pk__in=[admin_org.pk, member_org.pk]).count() == 2

    assert users["admin@knotenpunkt.example"].is_superuser
    staff = users["cm@diwish.example"]
    assert digital.staff.filter(pk=staff.pk).exists()
    assert staff.has_perm("directory.change_organisation")
    assert not staff.has_perm("privacy.view_consent")
    assert users["orgadmin@demo.example"].has_perm("directory.edit_organisation", admin_org)
    assert not users["member@demo.example"].has_perm("directory.edit_organisation", member_org)
    assert users["member@demo.example"].person.positions.filter(organisation=member_org)
    assert not users["guest@demo.example"].person.positions.exists()


def test_the_command_prints_the_logins(demo, db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "exists already" in printed
    for email in LOGIN_EMAILS:
        assert email in printed
    assert PASSWORD in printed and "Demo only" in printed


def test_the_demo_holds_its_mails_in_the_outbox_instead_of_sending_them(demo, db):
    assert demo.held_mails > 100
    statuses = dict(OutgoingMail.objects.values_list("status").annotate(n=Count("pk")).order_by())
    assert statuses == {OutgoingMail.Status.HELD: demo.held_mails}


def test_the_command_counts_the_held_mails_and_prints_the_logins_last(demo, db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    lines = out.getvalue().rstrip().splitlines()
    held_line = next(line for line in lines if "held in the outbox" in line)
    assert held_line.startswith(f"{demo.held_mails} demo mails")
    assert "/admin/outbox/outgoingmail/?status__exact=held" in held_line
    # Nothing after the logins and their warning.
    assert lines.index(held_line) < min(
        i for i, line in enumerate(lines) if "@" in line and PASSWORD in line
    )
    assert lines[-1].startswith("Demo only")


def test_with_serve_the_logins_follow_the_servers_start_up_lines():
    out = StringIO()
    runserver = runserver_announcing(lambda stdout: stdout.write("LOGINS"))
    runserver.stdout = OutputWrapper(out)
    runserver.addr, runserver._raw_ipv6, runserver.protocol = "127.0.0.1", False, "http"
    runserver.on_bind(8123)
    printed = out.getvalue()
    assert "Starting development server at http://127.0.0.1:8123/" in printed
    assert printed.rstrip().endswith("LOGINS")


def test_the_command_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", stdout=StringIO())


def test_the_same_seed_plans_the_same_installation():
    topics = {t["slug"]: t["label_de"] for t in json.loads(TAXONOMY_FILE.read_text())}
    first, second = plan_demo(topics), plan_demo(topics)
    assert [o.name for o in first.organisations] == [o.name for o in second.organisations]
    assert [p.last_name for p in first.people] == [p.last_name for p in second.people]
    assert first.memberships == second.memberships
    assert [o.name for o in plan_demo(topics, seed=7).organisations] != [
        o.name for o in first.organisations
    ]


def test_legacy_duplicates_wait_in_the_review_queue(demo, db):
    from knotenpunkt.quality.models import CandidatePair

    pending = CandidatePair.objects.filter(
        kind=CandidatePair.Kind.PERSON, status=CandidatePair.Status.PENDING
    )
    assert pending.count() >= 20
    first = Person.objects.get(pk=pending.order_by("-score").first().record_a_id)
    assert first.last_name


def test_the_duplicate_warning_knows_the_demo_people(demo, db, django_user_model):
    from knotenpunkt.quality.services.lookup import similar_people

    admin = django_user_model.objects.get(email="admin@knotenpunkt.example")
    person = Person.objects.filter(positions__isnull=False).order_by("pk").first()
    found = similar_people(admin, first_name=person.first_name, last_name=person.last_name)
    assert person in [match.record for match in found]


def test_about_sixty_events_over_two_years_with_registrations_and_check_ins(demo, db):
    from knotenpunkt.events.models import Event, Registration

    events = Event.objects.all()
    assert 50 <= events.count() <= 70
    assert events.filter(starts_at__lt=timezone.now()).exists()
    assert events.filter(starts_at__gt=timezone.now()).exists()
    assert events.filter(capacity__gte=600).exists()  # the summit
    assert events.annotate(n=Count("clusters")).filter(n__gt=1).exists()  # co-hosted
    past = Registration.objects.filter(event__ends_at__lt=timezone.now())
    assert past.filter(checked_in_at__isnull=False).count() > 100


def test_groups_and_clubs_of_the_domain_brief(demo, db):
    from knotenpunkt.groups.models import Group

    assert Group.objects.filter(kind=Group.Kind.TOPIC_GROUP).count() == 17
    assert Group.objects.filter(kind=Group.Kind.CLUB).count() == 3
    assert Group.objects.filter(policy=Group.Policy.INVITATION).exists()
