import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import Line, Party, cancel_invoice, create_invoice
from tests.factories import InvoiceSettingsFactory

WORKERS = 8
PER_WORKER = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_invoices_and_cancellations_leave_no_gap_and_no_duplicate():
    seller = InvoiceSettingsFactory(number_prefix="PAR")
    buyer = Party("Nordlicht Software GmbH", "Holtenauer Straße 1", "24105", "Kiel")
    line = Line("Ticket", Decimal("1"), Decimal("100"), Decimal("19"))
    errors, barrier = [], threading.Barrier(WORKERS)

    def worker(index):
        barrier.wait()
        try:
            for _ in range(PER_WORKER):
                invoice = create_invoice(None, cluster=seller.cluster, buyer=buyer, lines=[line])
                if index % 2:
                    cancel_invoice(None, invoice, "storniert")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(
        Invoice.objects.filter(cluster=seller.cluster).values_list("sequence_number", flat=True)
    )
    expected = WORKERS * PER_WORKER + (WORKERS // 2) * PER_WORKER  # invoices + cancellations
    assert numbers == list(range(1, expected + 1))
    year = timezone.localdate().year
    assert Invoice.objects.filter(number=f"PAR-{year}-{expected:05d}").exists()
