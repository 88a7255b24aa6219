"""Starting, changing and deleting a label assessment."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.assessments.models import Assessment, Evidence
from knotenpunkt.assessments.services.evidence import delete_files_on_commit
from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster

FIELDS = ["label", "level", "reference_year", "due_on", "status", "notes"]
MAX_LABEL = 150


def assessment_problems(cluster: Cluster, data: dict, assessment=None) -> dict[str, str]:
    problems = {}
    label = (data.get("label") or "").strip()
    year = data.get("reference_year")
    if not label:
        problems["label"] = _('Name the label you apply for, e.g. "ECEI Gold".')
    elif len(label) > MAX_LABEL:
        problems["label"] = _("The label can be at most %(n)s characters long.") % {"n": MAX_LABEL}
    if year is None or not 1990 <= year <= 2100:
        problems["reference_year"] = _("Give the reference year, e.g. %(year)s.") % {
            "year": timezone.localdate().year - 1
        }
    if data.get("status", Assessment.Status.PREPARING) not in Assessment.Status.values:
        problems["status"] = _("Choose one of the statuses offered.")
    if not problems:
        same = Assessment.objects.filter(cluster=cluster, label=label, reference_year=year)
        if assessment is not None:
            same = same.exclude(pk=assessment.pk)
        if same.exists():
            problems["label"] = _(
                "The cluster already has an assessment for this label and reference year."
            )
    return problems


@transaction.atomic
def start_assessment(actor, cluster: Cluster, **data) -> Assessment:
    """A new, empty assessment of the cluster (status: preparing unless given)."""
    problems = assessment_problems(cluster, data)
    if problems:
        raise ValidationError(problems)
    values = {k: data[k] for k in FIELDS if k in data}
    values["label"] = values["label"].strip()
    assessment = Assessment.objects.create(
        cluster=cluster,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    log_action(actor, "assessments.assessment.created", assessment, cluster=cluster.name)
    return assessment


@transaction.atomic
def change_assessment(actor, assessment: Assessment, **data) -> Assessment:
    """Change the fields given; the others keep their values."""
    current = {field: getattr(assessment, field) for field in FIELDS}
    problems = assessment_problems(assessment.cluster, {**current, **data}, assessment)
    if problems:
        raise ValidationError(problems)
    fields = [f for f in FIELDS if f in data]
    before = snapshot(assessment, fields)
    for field in fields:
        setattr(assessment, field, data[field].strip() if field == "label" else data[field])
    assessment.save()
    changes = changes_between(before, snapshot(assessment, fields))
    if changes:
        log_action(actor, "assessments.assessment.changed", assessment, changes=changes)
    return assessment


@transaction.atomic
def delete_assessment(actor, assessment: Assessment) -> None:
    """Delete an assessment that is still being prepared, with its indicators and files;
    a submitted one is the record of what the label body received and stays."""
    if assessment.status != Assessment.Status.PREPARING:
        raise ValidationError(
            _("Only an assessment in preparation can be deleted; this one was submitted.")
        )
    files = list(
        Evidence.objects.filter(indicator__assessment=assessment)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    log_action(
        actor,
        "assessments.assessment.deleted",
        assessment,
        cluster=assessment.cluster.name,
        indicators=assessment.indicators.count(),
        evidence=len(files),
    )
    assessment.delete()
    delete_files_on_commit(files)
