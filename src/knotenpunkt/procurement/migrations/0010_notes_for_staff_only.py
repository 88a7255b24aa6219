"""Notes on thresholds and rules are for staff only. Advice stored before this change
listed a rule's note among its uncertain points; those points are taken out of the
stored advice (the `uncertain` flag and the marked duties stay)."""

from django.db import migrations, models

STAFF_NOTE_HELP = (
    "For staff only: how the row was checked and what is still to do. Never shown to buyers."
)


def _without_notes(advice: dict, notes: set[str]) -> bool:
    changed = False
    for part in (advice, advice.get("de") or {}):
        points = part.get("uncertain_points") or []
        kept = [point for point in points if point not in notes]
        if kept != points:
            part["uncertain_points"] = kept
            changed = True
    return changed


def remove_staff_notes(apps, schema_editor):
    notes = set()
    for name in ("Threshold", "EInvoiceRule", "DutyThreshold"):
        model = apps.get_model("procurement", name)
        notes.update(n for n in model.objects.exclude(note="").values_list("note", flat=True))
    if not notes:
        return
    QuoteRequest = apps.get_model("procurement", "QuoteRequest")
    for request in QuoteRequest.objects.exclude(advice={}).only("pk", "advice").iterator():
        if _without_notes(request.advice, notes):
            request.save(update_fields=["advice"])


class Migration(migrations.Migration):
    dependencies = [("procurement", "0009_bounds_as_worded")]

    operations = [
        migrations.AlterField(
            model_name="dutythreshold",
            name="note",
            field=models.TextField(
                blank=True, help_text=STAFF_NOTE_HELP, verbose_name="note for staff"
            ),
        ),
        migrations.AlterField(
            model_name="einvoicerule",
            name="note",
            field=models.TextField(
                blank=True, help_text=STAFF_NOTE_HELP, verbose_name="note for staff"
            ),
        ),
        migrations.AlterField(
            model_name="threshold",
            name="note",
            field=models.TextField(
                blank=True, help_text=STAFF_NOTE_HELP, verbose_name="note for staff"
            ),
        ),
        migrations.RunPython(remove_staff_notes, migrations.RunPython.noop),
    ]
