from datetime import date
from decimal import Decimal

import pytest

from knotenpunkt.directory.models import Membership
from knotenpunkt.memberships.services.schedules import save_schedule
from tests.factories import InvoiceSettingsFactory


@pytest.fixture
def seller(cluster):
    """The cluster of the standing personas, ready to issue invoices."""
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.email = "rechnung@diwish.example"
    cluster.phone = "+494319876543"
    cluster.save()
    return InvoiceSettingsFactory(cluster=cluster, number_prefix="DIWISH")


@pytest.fixture
def schedule(seller, cluster):
    """DiWiSH's fees for 2026: by size for paying members, flat for start-ups and students."""
    return save_schedule(
        None,
        cluster,
        2026,
        rates=[
            (Membership.Kind.PAYING, "micro", Decimal("300")),
            (Membership.Kind.PAYING, "small", Decimal("600")),
            (Membership.Kind.PAYING, "medium", Decimal("1200")),
            (Membership.Kind.PAYING, "", Decimal("2400")),
            (Membership.Kind.STARTUP, "", Decimal("120")),
            (Membership.Kind.STUDENT, "", Decimal("0")),
        ],
        due_date=date(2026, 3, 1),
    )
