"""What the audit logs keep about a person: what they did and what was done to their records.

Export (Art. 15) lists the entries by the person's login and those about them (their
person or login record, or naming them in the record's name or the details). Erasure
(Art. 17) pseudonymises those entries: what happened, when and to which kind of record
stays, the person does not — their login as actor, their names, e-mail addresses and phone
numbers are replaced by the pseudonym the erased person record carries. The same holds for
Django's own back-office log (`admin.LogEntry`).
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from knotenpunkt.core.audit import mentioning, pseudonymise_entries, pseudonymised
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.registry import identity_of, register_personal_data


def _own_records(person) -> list[tuple[ContentType, str]]:
    records = [(ContentType.objects.get_for_model(person), str(person.pk))]
    if person.user is not None:
        records.append((ContentType.objects.get_for_model(person.user), str(person.user.pk)))
    return records


def _about(person) -> Q:
    condition = Q(pk__in=[])
    for content_type, object_id in _own_records(person):
        condition |= Q(target_type=content_type, target_id=object_id)
    return condition


def _entries(person, identity):
    """(entries by the person, entries about them, entries naming them elsewhere)."""
    by = AuditEntry.objects.filter(actor=person.user) if person.user else AuditEntry.objects.none()
    about = AuditEntry.objects.filter(_about(person)).exclude(pk__in=by.values("pk"))
    naming = (
        AuditEntry.objects.filter(
            mentioning(identity.anywhere, "target_repr", json_fields=["data"])
        )
        .exclude(pk__in=by.values("pk"))
        .exclude(pk__in=about.values("pk"))
    )
    return by, about, naming


def _log_entries(person, identity):
    condition = mentioning(identity.anywhere, "object_repr", "change_message")
    for content_type, object_id in _own_records(person):
        condition |= Q(content_type=content_type, object_id=object_id)
    if person.user is not None:
        condition |= Q(user=person.user)
    return LogEntry.objects.filter(condition)


def _entry(entry: AuditEntry) -> dict:
    return {
        "time": entry.timestamp.isoformat(),
        "action": entry.action,
        "description": entry.description,
        "record": entry.target_repr,
        "details": entry.data,
    }


def export_audit(person) -> dict:
    identity = identity_of(person)
    by, about, naming = _entries(person, identity)
    return {
        "actions_by_you": [_entry(e) for e in by.order_by("timestamp", "pk")],
        "actions_about_you": [
            _entry(e) for e in (about | naming).distinct().order_by("timestamp", "pk")
        ],
        "back_office_log": [
            {
                "time": e.action_time.isoformat(),
                "record": e.object_repr,
                "change": e.get_change_message(),
                "by_you": e.user_id == person.user_id,
            }
            for e in _log_entries(person, identity).order_by("action_time", "pk")
        ],
    }


def erase_audit(person) -> None:
    identity = identity_of(person)
    own_terms = identity.anywhere + identity.name_parts
    by, about, naming = _entries(person, identity)
    # Evaluated before any entry changes: pseudonymising one set must not hide it from the next.
    by_ids, about_ids, naming_ids = (
        list(q.values_list("pk", flat=True)) for q in (by, about, naming)
    )
    pseudonymise_entries(
        AuditEntry.objects.filter(pk__in=by_ids), own_terms, identity.pseudonym, actor=person.user
    )
    pseudonymise_entries(AuditEntry.objects.filter(pk__in=about_ids), own_terms, identity.pseudonym)
    pseudonymise_entries(
        AuditEntry.objects.filter(pk__in=naming_ids), identity.anywhere, identity.pseudonym
    )
    # Django's log keeps its (non-null) link to the login, which erasure scrubs.
    for entry in _log_entries(person, identity).select_for_update():
        entry.object_repr = pseudonymised(entry.object_repr, own_terms, identity.pseudonym)
        entry.change_message = pseudonymised(entry.change_message, own_terms, identity.pseudonym)
        entry.save(update_fields=["object_repr", "change_message"])


register_personal_data(
    "audit_log", export_audit, erase_audit, models=("core.AuditEntry", "admin.LogEntry")
)
