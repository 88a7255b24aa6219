"""Executing an import run in the background.

Rows are committed in chunks so that the progress bar moves and a crash loses little;
each row runs in its own savepoint, so a bad row is reported and rolled back alone and
never aborts the run or leaves half a record behind.

Legacy data never silently overwrites curated data: a record found by e-mail, VAT ID,
register number, web domain or name only gets its empty fields filled. A record known
from an earlier import of the same source is also updated where it still holds what that
source delivered last time; a value someone has changed since is kept, and the audit log
says which.
"""

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory import fields as declared_fields
from knotenpunkt.directory.fields import imported_fields
from knotenpunkt.directory.models import Membership, Organisation, Person, Position
from knotenpunkt.directory.services.changes import organisations_saved, people_saved
from knotenpunkt.directory.services.listing_cache import directory_changed
from knotenpunkt.directory.services.memberships import admit_member
from knotenpunkt.directory.services.organisations import organisation_slug
from knotenpunkt.imports.fields import CheckedRow
from knotenpunkt.imports.models import ImportRowProblem, ImportRun, ImportSource, SourceRecord
from knotenpunkt.imports.services.matching import KnownRecord, Matcher
from knotenpunkt.imports.services.runs import checked_rows

logger = logging.getLogger(__name__)

CHUNK_SIZE = 100
EMPLOYER_FIELDS = ("street", "postcode", "city", "website")
MEMBERSHIP_FIELDS = ("membership_kind", "annual_fee", "member_since")

Pending = list[Callable[[], None]]


def _declared(fields) -> tuple[str, ...]:
    """The names of the person's or organisation's own fields an import fills."""
    return tuple(f.name for f in imported_fields(fields))


@dataclass
class Touched:
    """The records a row or chunk wrote, announced through the directory's write path."""

    organisations: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)

    def update(self, other: "Touched") -> None:
        self.organisations |= other.organisations
        self.people |= other.people


def execute_run(run_id: int) -> ImportRun:
    """Import every row of a queued run; returns the run with its final counts."""
    with transaction.atomic():
        run = (
            ImportRun.objects.select_for_update(of=("self",))
            .select_related("source", "source__cluster", "started_by")
            .get(pk=run_id)
        )
        if run.status != ImportRun.Status.QUEUED:
            # Already taken by another worker or finished: running twice must not import twice.
            return run
        run.status = ImportRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    try:
        with translation.override(run.language):
            rows = checked_rows(run)
            ImportRun.objects.filter(pk=run.pk).update(total_rows=len(rows))
            matcher = Matcher(run.source, rows)
            for start in range(0, len(rows), CHUNK_SIZE):
                _import_chunk(run, rows[start : start + CHUNK_SIZE], matcher)
    except Exception as exc:
        logger.exception("Import run %s failed", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, finished_at=timezone.now(), error_message=str(exc)
        )
        directory_changed()
        run.refresh_from_db()
        return run
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FINISHED, finished_at=timezone.now()
        )
        run.refresh_from_db()
        log_action(
            run.started_by,
            "imports.run.finished",
            run,
            created=run.created_count,
            updated=run.updated_count,
            failed=run.failed_count,
        )
        directory_changed()
    _discard_upload(run)
    return run


def _discard_upload(run: ImportRun) -> None:
    """Every row is now in the directory or in the problem list, and the export is personal
    data: keep no copy of the file (data minimisation)."""
    if run.file:
        run.file.delete(save=False)
        ImportRun.objects.filter(pk=run.pk).update(file="")


@transaction.atomic
def _import_chunk(run: ImportRun, rows: list[CheckedRow], matcher: Matcher) -> None:
    """Import one chunk and announce the records it wrote (search index, duplicate keys,
    matching) in bulk, so each committed chunk is findable like hand-entered data."""
    counts: Counter = Counter()
    touched = Touched()
    for row in rows:
        counts[_import_row(run, row, matcher, touched)] += 1
    organisations_saved(touched.organisations)
    people_saved(touched.people)
    ImportRun.objects.filter(pk=run.pk).update(
        processed_rows=F("processed_rows") + len(rows),
        created_count=F("created_count") + counts["created"],
        updated_count=F("updated_count") + counts["updated"],
        failed_count=F("failed_count") + counts["failed"],
    )


def _import_row(run: ImportRun, row: CheckedRow, matcher: Matcher, touched: Touched) -> str:
    if row.errors:
        _record_problem(run, row, row.errors)
        return "failed"
    pending: Pending = []
    touched_here = Touched()
    try:
        with transaction.atomic():
            if run.source.record_kind == ImportSource.RecordKind.ORGANISATIONS:
                outcome = _import_organisation_row(run, row, matcher, touched_here, pending)
            else:
                outcome = _import_person_row(run, row, matcher, touched_here, pending)
    except ValidationError as exc:
        _record_problem(run, row, exc.messages)
        return "failed"
    except (IntegrityError, DataError) as exc:
        _record_problem(run, row, [_("The database refused the row: %(error)s") % {"error": exc}])
        return "failed"
    except Exception:
        logger.exception("Import run %s, row %s", run.pk, row.number)
        _record_problem(run, row, [_("An unexpected error occurred; the row was not imported.")])
        return "failed"
    # Only what was committed may be found by the following rows.
    for remember in pending:
        remember()
    touched.update(touched_here)
    return outcome


def _record_problem(run: ImportRun, row: CheckedRow, messages: list[str]) -> None:
    prefix = _("Row %(number)s:") % {"number": row.number}
    ImportRowProblem.objects.update_or_create(
        run=run,
        row_number=row.number,
        defaults={"raw": row.cells, "messages": [f"{prefix} {m}" for m in messages]},
    )


def _import_person_row(run, row, matcher, touched, pending) -> str:
    values = row.values
    actor = run.started_by
    record = matcher.known_record(row)
    person_id, how = matcher.person_for(row)
    organisation = None
    if values.get("organisation"):
        employer = {"name": values["organisation"]}
        employer.update({k: values[k] for k in EMPLOYER_FIELDS if k in values})
        organisation, _outcome = _organisation_for(run, row, employer, matcher, None, pending)
        touched.organisations.add(organisation.pk)
    person_fields = _declared(declared_fields.PERSON_PROFILE_FIELDS)
    person_values = {k: values[k] for k in person_fields if k in values}
    if person_id is None:
        person = Person(**person_values)
        person.full_clean()
        person.save()
        if values.get("email"):
            person.emails.create(address=values["email"], is_primary=True)
        for kind, key in (("work", "phone"), ("mobile", "mobile")):
            if values.get(key):
                person.phones.create(number=values[key], kind=kind)
        log_action(actor, "imports.person.created", person, **_origin(run, row))
        outcome = "created"
    else:
        person = Person.objects.select_for_update().get(pk=person_id)
        if person.erased_at is not None:
            raise ValidationError(
                _("This person had their data erased; the row is not imported again.")
            )
        previous = record.imported_values if record and how == "record" else {}
        changes, kept = _fill_fields(person, person_values, previous)
        if changes:
            person.full_clean()
            person.save(update_fields=[*changes, "updated_at"])
        changes.update(_add_contacts(person, values))
        if changes or kept:
            log_action(
                actor,
                "imports.person.updated",
                person,
                matched_by=how,
                changes=changes,
                kept=kept,
                **_origin(run, row),
            )
        outcome = "updated"
    if organisation is not None:
        _ensure_position(person, organisation, values.get("job_title", ""))
        _ensure_membership(run, organisation, values)
    imported = _as_texts({k: values[k] for k in (*person_fields, "email") if k in values})
    _link_source_record(run, row, person, organisation, imported)
    touched.people.add(person.pk)
    pending.append(
        lambda: matcher.remember_record(
            row.key, person.pk, organisation.pk if organisation else None, imported
        )
    )
    if values.get("email"):
        pending.append(lambda: matcher.remember_email(values["email"], person.pk))
    return outcome


def _import_organisation_row(run, row, matcher, touched, pending) -> str:
    values = row.values
    record = matcher.known_record(row)
    org_fields = _declared(declared_fields.ORGANISATION_PROFILE_FIELDS)
    org_values = {k: values[k] for k in org_fields if k in values}
    organisation, outcome = _organisation_for(run, row, org_values, matcher, record, pending)
    touched.organisations.add(organisation.pk)
    _ensure_membership(run, organisation, values)
    imported = _as_texts(org_values)
    _link_source_record(run, row, None, organisation, imported)
    pending.append(lambda: matcher.remember_record(row.key, None, organisation.pk, imported))
    return outcome


def _organisation_for(
    run, row, org_values: dict, matcher: Matcher, record: KnownRecord | None, pending: Pending
) -> tuple[Organisation, str]:
    """Find the organisation the values describe and fill it in, or create it."""
    actor = run.started_by
    org_id, how = matcher.organisation_for(org_values, record)
    if org_id is None:
        organisation = Organisation(slug=_unique_slug(org_values["name"]), **org_values)
        organisation.full_clean()
        organisation.save()
        log_action(actor, "imports.organisation.created", organisation, **_origin(run, row))
        pending.append(
            lambda: matcher.remember_organisation(
                organisation.pk,
                organisation.name,
                organisation.vat_id,
                organisation.register_number,
                organisation.website,
            )
        )
        return organisation, "created"
    organisation = Organisation.objects.select_for_update().get(pk=org_id)
    previous = record.imported_values if record and how == "record" else {}
    changes, kept = _fill_fields(organisation, org_values, previous)
    if changes:
        organisation.full_clean()
        organisation.save(update_fields=[*changes, "updated_at"])
    if changes or kept:
        log_action(
            actor,
            "imports.organisation.updated",
            organisation,
            matched_by=how,
            changes=changes,
            kept=kept,
            **_origin(run, row),
        )
    return organisation, "updated"


def _fill_fields(instance, incoming: dict, previous: dict) -> tuple[dict, dict]:
    """Set the incoming values where the field is empty or still holds what this source
    delivered last time; returns (changed, kept) as {field: [current, incoming]}."""
    changes, kept = {}, {}
    for name, value in incoming.items():
        current, new = _as_text(getattr(instance, name)), _as_text(value)
        if current == new:
            continue
        empty = current == "" or (name == "salutation" and current == Person.Salutation.NONE)
        if empty or previous.get(name) == current:
            setattr(instance, name, value)
            changes[name] = [current, new]
        else:
            kept[name] = [current, new]
    return changes, kept


def _add_contacts(person: Person, values: dict) -> dict:
    changes = {}
    email = values.get("email")
    if email and not person.emails.filter(address__iexact=email).exists():
        has_primary = person.emails.filter(is_primary=True).exists()
        person.emails.create(address=email, is_primary=not has_primary)
        changes["emails"] = ["", email]
    known = {str(p.number) for p in person.phones.all()}
    for kind, key in (("work", "phone"), ("mobile", "mobile")):
        if values.get(key) and values[key] not in known:
            person.phones.create(number=values[key], kind=kind)
            changes[key] = ["", values[key]]
    return changes


def _ensure_position(person: Person, organisation: Organisation, job_title: str) -> None:
    position = Position.objects.current().filter(person=person, organisation=organisation).first()
    if position is None:
        Position.objects.create(person=person, organisation=organisation, job_title=job_title)
    elif job_title and not position.job_title:
        position.job_title = job_title
        position.save(update_fields=["job_title"])


def _ensure_membership(run: ImportRun, organisation: Organisation, values: dict) -> None:
    """Admit the organisation to the source's cluster if the row says it is a member and
    it has no open membership there; an existing membership is curated data, left alone."""
    if not any(values.get(k) not in (None, "") for k in MEMBERSHIP_FIELDS):
        return
    cluster = run.source.cluster
    open_membership = Membership.objects.filter(organisation=organisation, cluster=cluster)
    if open_membership.exclude(status=Membership.Status.ENDED).exists():
        return
    admit_member(
        run.started_by,
        organisation,
        cluster,
        kind=values.get("membership_kind") or Membership.Kind.PAYING,
        annual_fee=values.get("annual_fee") or 0,
        start_date=values.get("member_since") or timezone.localdate(),
    )


def _link_source_record(run, row, person, organisation, imported: dict) -> None:
    headers = run.headers
    SourceRecord.objects.update_or_create(
        source=run.source,
        record_id=row.key,
        defaults={
            "person": person,
            "organisation": organisation,
            "raw_data": dict(zip(headers, row.cells, strict=False)),
            "imported_values": imported,
            "last_run": run,
        },
        create_defaults={
            "person": person,
            "organisation": organisation,
            "raw_data": dict(zip(headers, row.cells, strict=False)),
            "imported_values": imported,
            "first_run": run,
            "last_run": run,
        },
    )


def _unique_slug(name: str) -> str:
    base = organisation_slug(name) or "organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base[:200]}-{number}"
    return slug


def _origin(run: ImportRun, row: CheckedRow) -> dict:
    return {"source": run.source.name, "run": run.pk, "row": row.number}


def _as_text(value) -> str:
    return "" if value is None else str(value)


def _as_texts(values: dict) -> dict[str, str]:
    return {k: _as_text(v) for k, v in values.items()}
