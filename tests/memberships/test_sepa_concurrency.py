import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from freezegun import freeze_time

from knotenpunkt.memberships.models import DebitBatch, DirectDebit, DirectDebitSettings
from knotenpunkt.memberships.services.sepa_export import export_debits
from tests.factories import InvoiceSettingsFactory, MembershipFactory, OrganisationFactory
from tests.memberships.sepa_helpers import CREDITOR_ID, fee_invoice, paper_mandate

WORKERS = 4
MEMBERS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_exports_for_one_cluster_collect_each_invoice_once():
    seller = InvoiceSettingsFactory(number_prefix="PAR")
    cluster = seller.cluster
    DirectDebitSettings.objects.create(cluster=cluster, creditor_id=CREDITOR_ID)
    with freeze_time("2026-02-02 10:00"):
        for number in range(MEMBERS):
            organisation = OrganisationFactory(name=f"Werft {number}", slug=f"werft-{number}")
            MembershipFactory(organisation=organisation, cluster=cluster)
            fee_invoice(cluster, organisation, Decimal("100.00"))
            paper_mandate(cluster, organisation)
    results, errors, barrier = [], [], threading.Barrier(WORKERS)

    def worker():
        try:
            barrier.wait()
            results.append(export_debits(None, cluster, date(2026, 2, 16)).transactions)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    # One clock for all workers (freezegun patches the whole process, not a thread).
    with freeze_time("2026-02-10 09:00"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert sorted(results) == [0] * (WORKERS - 1) + [MEMBERS]
    assert DebitBatch.objects.filter(cluster=cluster).count() == 1
    assert DirectDebit.objects.filter(batch__cluster=cluster).count() == MEMBERS
