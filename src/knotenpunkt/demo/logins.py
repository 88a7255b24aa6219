"""One login per role for the demo, all with the same well-known password.

The password is printed on purpose: the demo is for a developer's own machine. The
command refuses to run with DEBUG off, so the accounts do not end up on a server.
"""

from dataclasses import dataclass

from axes.utils import reset as reset_login_failures
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.services import confirm_login_address
from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MEMBER_ORG, ORG_ADMIN_ORG
from knotenpunkt.demo.procurement import buyer_organisation
from knotenpunkt.directory.models import Cluster, Organisation, Person, PersonEmail, Position
from knotenpunkt.directory.services.changes import people_saved
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

PASSWORD = "knotenpunkt-demo"  # noqa: S105 - a demo password, printed for everyone to use
CLUSTER_MANAGEMENT_GROUP = "Clustermanagement"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str = PASSWORD
    api_token: str = ""


def cluster_management_group() -> Group:
    """The Django group for cluster staff: every model permission of the directory app,
    whose back office the admin scopes to their clusters. Consents, the audit log and
    outgoing mail are for platform admins only, whatever a group grants."""
    group, _ = Group.objects.get_or_create(name=CLUSTER_MANAGEMENT_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="directory"))
    return group


def _user(email: str, **flags) -> User:
    """The account for `email`, active, confirmed and with the demo password."""
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    if user.pk is None or not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
    user.is_active = True
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    for name, value in flags.items():
        setattr(user, name, value)
    user.save()
    reset_login_failures(username=email)
    return user


def _person(user: User, salutation: str, first_name: str, last_name: str) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person.objects.create(
            user=user, salutation=salutation, first_name=first_name, last_name=last_name
        )
        record_consent(person, Consent.Purpose.PRIVACY_POLICY, True, source="demo import")
    if not person.emails.filter(address__iexact=user.email).exists():
        PersonEmail.objects.create(
            person=person, address=user.email, is_primary=not person.emails.exists()
        )
        people_saved([person.pk])
    # The platform made these accounts itself; their addresses count as their own.
    confirm_login_address(user)
    return person


def _member_organisation(name: str, cluster: Cluster) -> Organisation | None:
    listed = listed_organisations(cluster)
    return listed.filter(name=name).first() or listed.order_by("name").first()


def _position(
    person: Person,
    organisation: Organisation | None,
    function: str,
    job_title: str,
    *,
    is_admin: bool,
) -> None:
    if organisation is None:
        return
    position = Position.objects.filter(
        person=person, organisation=organisation, function=function, end_date__isnull=True
    ).first() or Position(
        person=person, organisation=organisation, function=function, start_date=clock.today()
    )
    position.job_title, position.is_admin = job_title, is_admin
    position.save()


@transaction.atomic
def ensure_logins() -> list[DemoLogin]:
    """Create or repair the demo logins; returns them in the order they are printed."""
    cluster = Cluster.objects.get(slug=DIGITAL["slug"])

    _user("admin@knotenpunkt.example", is_staff=True, is_superuser=True)

    staff = _user("cm@diwish.example", is_staff=True, is_superuser=False)
    _person(staff, "ms", "Merle", "Thomsen")
    cluster.staff.add(staff)
    staff.groups.add(cluster_management_group())

    org_admin = _user("orgadmin@demo.example", is_staff=False, is_superuser=False)
    admin_org = _member_organisation(ORG_ADMIN_ORG, cluster)
    _position(
        _person(org_admin, "ms", "Frauke", "Jessen"),
        admin_org,
        "ceo",
        "Geschäftsführerin",
        is_admin=True,
    )

    member = _user("member@demo.example", is_staff=False, is_superuser=False)
    member_person = _person(member, "mr", "Malte", "Sievers")
    member_org = _member_organisation(MEMBER_ORG, cluster)
    # A member person, not an admin, wherever someone may have made them one.
    member_person.positions.filter(is_admin=True).update(is_admin=False)
    _position(member_person, member_org, "developer", "Softwareentwickler", is_admin=False)

    guest = _user("guest@demo.example", is_staff=False, is_superuser=False)
    _person(guest, "ms", "Elif", "Kaya")

    # Works at Kiel, which the procurement demo registers and verifies as a public buyer.
    buyer = _user("kommune@demo.example", is_staff=False, is_superuser=False)
    kiel = buyer_organisation("kiel")
    _position(
        _person(buyer, "ms", "Swantje", "Petersen"),
        kiel,
        "employee",
        "Zentrale Vergabestelle",
        is_admin=False,
    )

    return [
        DemoLogin("Platform admin (superuser)", "admin@knotenpunkt.example"),
        DemoLogin(f"Cluster management ({cluster})", "cm@diwish.example"),
        DemoLogin(f"Organisation admin, {admin_org}", "orgadmin@demo.example"),
        DemoLogin(f"Member person, {member_org}", "member@demo.example"),
        DemoLogin("Registered, no member organisation", "guest@demo.example"),
        DemoLogin(f"Buyer, {kiel}", "kommune@demo.example"),
    ]


def format_logins(logins: list[DemoLogin]) -> str:
    """The logins as a plain-text table, with the warning that belongs to them."""
    rows = [
        ("Role", "E-mail", "Password", "API token (docs/api.md)"),
        *((x.role, x.email, x.password, x.api_token) for x in logins),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(
        f"Demo only: every account uses the password {PASSWORD!r}, and the API tokens are "
        "published too. Never load demo data into an installation others can reach."
    )
    return "\n".join(lines)
