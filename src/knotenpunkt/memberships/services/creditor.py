"""The cluster as a SEPA creditor: its identifier and the name its account is held in."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import InvoiceSettings
from knotenpunkt.memberships.models import DirectDebitSettings
from knotenpunkt.memberships.validators import validate_creditor_id

FIELDS = ["creditor_id", "creditor_name", "mandate_prefix", "return_fee"]


def creditor_settings(cluster: Cluster) -> DirectDebitSettings:
    """The cluster's direct debit settings; ValidationError when it cannot collect yet."""
    found = DirectDebitSettings.objects.filter(cluster=cluster).first()
    if found is None or not found.creditor_id:
        raise ValidationError(
            _(
                "Creditor identifier: %(cluster)s has none yet. Staff enter it in the "
                "direct debit settings before mandates can be given."
            ),
            params={"cluster": cluster},
            code="no_creditor_id",
        )
    try:
        validate_creditor_id(found.creditor_id)
    except ValidationError as error:
        raise ValidationError({"creditor_id": error.messages}) from None
    return found


def creditor_name(cluster: Cluster, debit_settings: DirectDebitSettings | None = None) -> str:
    """The creditor's name as the bank account is held: the settings' name, else the
    invoices' seller name, else the cluster's name."""
    if debit_settings is None:
        debit_settings = DirectDebitSettings.objects.filter(cluster=cluster).first()
    if debit_settings is not None and debit_settings.creditor_name:
        return debit_settings.creditor_name
    invoice_settings = InvoiceSettings.objects.filter(cluster=cluster).first()
    if invoice_settings is not None and invoice_settings.legal_name:
        return invoice_settings.legal_name
    return cluster.name


@transaction.atomic
def save_direct_debit_settings(
    actor,
    cluster: Cluster,
    *,
    creditor_id: str,
    creditor_name: str = "",
    mandate_prefix: str = "",
    return_fee: Decimal = Decimal("0"),
) -> DirectDebitSettings:
    """Store the cluster's creditor identifier, name, mandate prefix and return fee;
    every field is checked before anything is written."""
    found = DirectDebitSettings.objects.select_for_update().filter(cluster=cluster).first()
    debit_settings = found or DirectDebitSettings(cluster=cluster)
    before = snapshot(debit_settings, FIELDS) if found else {}
    debit_settings.creditor_id = (creditor_id or "").replace(" ", "").upper()
    debit_settings.creditor_name = (creditor_name or "").strip()
    debit_settings.mandate_prefix = (mandate_prefix or "").strip().upper()
    debit_settings.return_fee = return_fee if return_fee is not None else Decimal("0")
    debit_settings.full_clean()
    debit_settings.save()
    log_action(
        actor,
        "memberships.direct_debit_settings.saved",
        cluster,
        changes=changes_between(before, snapshot(debit_settings, FIELDS)),
    )
    return debit_settings
