import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Membership
from knotenpunkt.directory.services.memberships import admit_member, end_membership, give_notice
from tests.factories import OrganisationFactory

D = datetime.date


def admit(actor, org, cluster):
    return admit_member(
        actor, org, cluster, kind="paying", annual_fee=Decimal("600"), start_date=D(2026, 1, 1)
    )


def test_admission_is_audited_and_a_second_open_membership_is_refused(alice, cluster):
    org = OrganisationFactory()
    admit(alice, org, cluster)
    assert AuditEntry.objects.filter(action="directory.membership.started").count() == 1
    with pytest.raises(ValidationError, match="bereits eine laufende Mitgliedschaft"):
        admit(alice, org, cluster)


def test_notice_keeps_membership_active_until_its_end(alice, cluster):
    membership = admit(alice, OrganisationFactory(), cluster)
    give_notice(alice, membership, D(2026, 12, 31))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.NOTICE_GIVEN
    assert membership.is_active_on(D(2026, 12, 31))
    assert not membership.is_active_on(D(2027, 1, 1))


def test_end_before_start_is_refused(alice, cluster):
    membership = admit(alice, OrganisationFactory(), cluster)
    with pytest.raises(ValidationError):
        end_membership(alice, membership, D(2025, 12, 31))


def test_former_member_whose_notice_expired_can_be_admitted_again(alice, cluster):
    org = OrganisationFactory()
    membership = admit(alice, org, cluster)
    give_notice(alice, membership, D(2026, 3, 31))
    again = admit_member(
        alice, org, cluster, kind="paying", annual_fee=Decimal("600"), start_date=D(2030, 1, 1)
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
    assert again.status == Membership.Status.ACTIVE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_admissions_of_the_same_firm_create_one_membership(alice, cluster):
    org = OrganisationFactory()
    outcomes, barrier = [], threading.Barrier(6)

    def worker():
        barrier.wait()
        try:
            admit(alice, org, cluster)
            outcomes.append("admitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["admitted"] + ["refused"] * 5
    assert Membership.objects.filter(organisation=org).count() == 1
