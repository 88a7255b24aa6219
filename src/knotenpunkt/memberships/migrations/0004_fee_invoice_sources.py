"""Fee invoices name their membership as source (what they are for), as the fee runs now
write it: the revenue figures find fee invoices, their credit notes and cancellations by
it. Earlier fee documents get it from their fee charge."""

from django.db import migrations


def name_sources(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    FeeCharge = apps.get_model("memberships", "FeeCharge")
    Invoice = apps.get_model("invoicing", "Invoice")
    membership_type, _created = ContentType.objects.get_or_create(
        app_label="directory", model="membership"
    )
    for invoice_id, membership_id in FeeCharge.objects.filter(
        invoice__isnull=False
    ).values_list("invoice_id", "membership_id"):
        documents = Invoice.objects.filter(pk=invoice_id)
        related = Invoice.objects.filter(cancels_id=invoice_id) | Invoice.objects.filter(
            corrects_id=invoice_id
        )
        for queryset in (documents, related):
            queryset.filter(source_type__isnull=True).update(
                source_type=membership_type, source_id=str(membership_id)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0001_initial"),
        ("invoicing", "0004_credit_notes"),
        ("memberships", "0003_sepa_mandate_text"),
    ]

    operations = [migrations.RunPython(name_sources, migrations.RunPython.noop)]
