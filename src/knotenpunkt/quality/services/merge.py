"""Merging two people or two organisations into one, and undoing a merge exactly.

The merge does not know the apps: it moves every relation registered through
`core.registry.register_merge_relation` and refuses to run while the model has a relation
nobody registered (a later app that forgot would otherwise have its rows deleted with the
merged-away record). A related row that would break one of its model's unique
constraints on the survivor is removed instead of moved. Many-to-many relations are
moved through their link rows, which makes them the union of both sides.

Everything changed is kept in a `MergeRecord` in Django's serialised form, so that undo
can put back the merged-away record with its own primary key, move its rows back,
re-create the removed rows and restore the survivor's previous values.

Login accounts: a person keeps at most one. The survivor keeps its own; if only the
merged-away person has one, it moves to the survivor. If both have one the merge is
refused: two accounts usually mean two real people (or one person with two logins whose
history, consents and sessions staff should sort out first), and silently deactivating an
account would lock someone out.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.registry import MergeRelation, merge_relations
from knotenpunkt.directory import fields as declared_fields
from knotenpunkt.directory.fields import merge_fields
from knotenpunkt.directory.models import Organisation, Person
from knotenpunkt.directory.services.changes import organisations_saved, people_saved
from knotenpunkt.quality.models import MergeKind, MergeRecord
from knotenpunkt.quality.services.snapshots import changed_since, restore, serialise

SURVIVOR, LOSER = "survivor", "loser"


class MergeError(Exception):
    """A merge or undo that must not run; the message is meant for the user."""


@dataclass(frozen=True)
class MergeTarget:
    kind: str
    model: type[models.Model]
    # The directory's declaration (its attribute name in directory.fields), read when used.
    declaration: str
    label: str

    @property
    def fields(self) -> tuple[str, ...]:
        """Fields the user chooses side by side; the rest (keys, timestamps) follow rules."""
        return merge_fields(getattr(declared_fields, self.declaration))


TARGETS = {
    MergeKind.PERSON: MergeTarget(
        MergeKind.PERSON, Person, "PERSON_PROFILE_FIELDS", gettext_lazy("person")
    ),
    MergeKind.ORGANISATION: MergeTarget(
        MergeKind.ORGANISATION,
        Organisation,
        "ORGANISATION_PROFILE_FIELDS",
        gettext_lazy("organisation"),
    ),
}


# --- registry and its safety net -------------------------------------------------------


def relation_keys(model: type[models.Model]) -> set[tuple[str, str]]:
    """Every relation that points at `model` (and its own many-to-many fields), as
    (model label, field name) the way `register_merge_relation` names them."""
    keys = {(rel.related_model._meta.label, rel.field.name) for rel in model._meta.related_objects}
    keys |= {(model._meta.label, field.name) for field in model._meta.many_to_many}
    return keys


def unregistered_relations(kind: str) -> list[str]:
    target = TARGETS[kind]
    registered = {(r.model, r.field) for r in merge_relations(kind)}
    return sorted(f"{m}.{f}" for m, f in relation_keys(target.model) - registered)


@dataclass(frozen=True)
class _Rows:
    """Where a registered relation's rows live: a model and its key to the target."""

    relation: MergeRelation
    model: type[models.Model]
    key: str

    @property
    def label(self) -> str:
        return f"{self.relation.model}.{self.relation.field}"

    def of(self, record) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.key: record.pk}).order_by("pk")


def _rows(relation: MergeRelation, target_model) -> _Rows:
    model = apps.get_model(relation.model)
    field = model._meta.get_field(relation.field)
    if field.many_to_many:
        # Moved through the link rows: a link the survivor already has collides with the
        # through model's unique (left, right) pair and is dropped, which gives the union.
        through = field.remote_field.through
        key = field.m2m_field_name() if model is target_model else field.m2m_reverse_field_name()
        return _Rows(relation, through, key)
    return _Rows(relation, model, field.name)


def _relations(kind: str) -> list[_Rows]:
    return [_rows(r, TARGETS[kind].model) for r in merge_relations(kind)]


def related_counts(kind: str, record) -> dict[str, int]:
    """Rows per registered relation that belong to `record`, for the side-by-side page."""
    return {rows.label: rows.of(record).count() for rows in _relations(kind)}


def relation_names(kind: str) -> dict[str, str]:
    """A name people understand for each registered relation ("functions", "interests")."""
    names = {}
    for relation in merge_relations(kind):
        model = apps.get_model(relation.model)
        field = model._meta.get_field(relation.field)
        name = field.verbose_name if field.many_to_many else model._meta.verbose_name_plural
        names[f"{relation.model}.{relation.field}"] = str(name)
    return names


# --- defaults --------------------------------------------------------------------------


def _is_empty(value) -> bool:
    return value in (None, "", Person.Salutation.NONE)


def _trust(record) -> tuple:
    """Confirmed beats unconfirmed, then the more recent confirmation, then the newer edit."""
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return (record.confirmed_at is not None, record.confirmed_at or never, record.updated_at)


def default_choices(kind: str, survivor, loser) -> dict[str, str]:
    """Per field, which side's value the merged record keeps unless the user says otherwise:
    a filled value over an empty one; between two values, the more trusted record's."""
    choices = {}
    trusted = LOSER if _trust(loser) > _trust(survivor) else SURVIVOR
    for name in TARGETS[kind].fields:
        attname = TARGETS[kind].model._meta.get_field(name).attname
        mine, theirs = getattr(survivor, attname), getattr(loser, attname)
        if mine == theirs or _is_empty(theirs):
            choices[name] = SURVIVOR
        elif _is_empty(mine):
            choices[name] = LOSER
        else:
            choices[name] = trusted
    return choices


def default_survivor(kind: str, a, b):
    """The record that stays: the one with a login account, else the one with more related
    rows, else the older one. Returns (survivor, loser)."""
    if kind == MergeKind.PERSON and bool(a.user_id) != bool(b.user_id):
        return (a, b) if a.user_id else (b, a)
    count_a, count_b = sum(related_counts(kind, a).values()), sum(related_counts(kind, b).values())
    if count_a != count_b:
        return (a, b) if count_a > count_b else (b, a)
    return (a, b) if a.pk < b.pk else (b, a)


# --- merge -----------------------------------------------------------------------------


def merge_people(survivor: Person, loser: Person, field_choices=None, user=None) -> MergeRecord:
    """Fold `loser` into `survivor`; `field_choices` maps field → "survivor"/"loser"."""
    return merge_records(MergeKind.PERSON, survivor, loser, field_choices, user)


def merge_organisations(
    survivor: Organisation, loser: Organisation, field_choices=None, user=None
) -> MergeRecord:
    """Fold `loser` into `survivor`; `field_choices` maps field → "survivor"/"loser"."""
    return merge_records(MergeKind.ORGANISATION, survivor, loser, field_choices, user)


def merge_records(kind, survivor, loser, field_choices=None, user=None, bulk_run=None):
    """One transaction: lock both rows, move or remove the loser's related rows, apply the
    chosen values to the survivor, delete the loser, record everything for undo."""
    target = TARGETS[kind]
    if survivor.pk == loser.pk:
        raise MergeError(_("A record cannot be merged with itself."))
    if missing := unregistered_relations(kind):
        raise MergeError(
            _(
                "The merge is switched off: %(relations)s point at the %(target)s but are not "
                "registered for merging. Please tell the developers."
            )
            % {"relations": ", ".join(missing), "target": target.label}
        )
    with transaction.atomic():
        locked = {
            obj.pk: obj
            for obj in target.model._base_manager.select_for_update()
            .filter(pk__in=[survivor.pk, loser.pk])
            .order_by("pk")
        }
        if len(locked) != 2:
            raise MergeError(_("One of the two records no longer exists."))
        survivor, loser = locked[survivor.pk], locked[loser.pk]
        if kind == MergeKind.PERSON:
            _check_people(survivor, loser)
        choices = default_choices(kind, survivor, loser)
        for name, side in (field_choices or {}).items():
            if name in choices and side in (SURVIVOR, LOSER):
                choices[name] = side

        snapshot = {
            "loser": serialise([loser]),
            "survivor_before": serialise([survivor]),
            "moved_before": [],
            "moved_after": [],
            "removed": [],
        }
        moved_counts = {}
        moved_pks = {}
        for rows in _relations(kind):
            moved, removed = [], []
            for row in rows.of(loser):
                setattr(row, rows.key, survivor)
                (removed if _collides(row) else moved).append(row)
            snapshot["moved_before"] += serialise(
                rows.model._base_manager.filter(pk__in=[r.pk for r in moved]).order_by("pk")
            )
            snapshot["removed"] += serialise(
                rows.model._base_manager.filter(pk__in=[r.pk for r in removed]).order_by("pk")
            )
            _remove(rows.model, removed)
            rows.model._base_manager.filter(pk__in=[r.pk for r in moved]).update(
                **{rows.key: survivor.pk}
            )
            moved_pks[rows.label] = [r.pk for r in moved]
            moved_counts[rows.label] = {"moved": len(moved), "removed": len(removed)}

        if kind == MergeKind.PERSON:
            _keep_one_primary_email(survivor, moved_pks.get("directory.PersonEmail.person", []))
        for rows in _relations(kind):
            snapshot["moved_after"] += serialise(
                rows.model._base_manager.filter(pk__in=moved_pks[rows.label]).order_by("pk")
            )

        _apply_choices(target, survivor, loser, choices)
        if kind == MergeKind.PERSON and loser.user_id and not survivor.user_id:
            survivor.user_id = loser.user_id
            Person._base_manager.filter(pk=loser.pk).update(user=None)
        _delete_loser(target, loser)
        survivor.save()
        snapshot["survivor_after"] = serialise([survivor])
        snapshot["pairs"], snapshot["pairs_deleted"] = _rewrite_pairs(kind, survivor, loser, user)

        record = MergeRecord.objects.create(
            kind=kind,
            survivor_id=survivor.pk,
            loser_id=loser.pk,
            survivor_repr=str(survivor)[:300],
            loser_repr=str(loser)[:300],
            field_choices=choices,
            moved_counts=moved_counts,
            snapshot=snapshot,
            merged_by=user if getattr(user, "is_authenticated", False) else None,
            bulk_run=bulk_run,
        )
        log_action(
            user,
            f"quality.{kind}.merged",
            survivor,
            merge=record.pk,
            merged_away=f"{loser} (#{loser.pk})",
            moved=moved_counts,
            values_from_merged_away=sorted(n for n, side in choices.items() if side == LOSER),
        )
        _after_change(kind, [survivor.pk, loser.pk])
    return record


def _check_people(survivor: Person, loser: Person) -> None:
    if survivor.user_id and loser.user_id:
        raise MergeError(
            _(
                "Both people have a login account. Merging would leave one of them without "
                "access, so it is not done automatically: remove or merge one account first."
            )
        )
    if survivor.erased_at or loser.erased_at:
        raise MergeError(_("An erased person cannot be merged."))


def _remove(model, removed: list[models.Model]) -> None:
    """Delete the loser's rows that would collide with the survivor's; refuse the merge,
    saying what is in the way, when other records still depend on them (a membership
    already billed, say): those need a person's decision first."""
    try:
        model._base_manager.filter(pk__in=[r.pk for r in removed]).delete()
    except ProtectedError as error:
        raise MergeError(
            _(
                "Both records have %(rows)s that can exist only once; the merged-away "
                "record's cannot be removed because %(protected)s refer to them. Sort this "
                "out first (for example, cancel a duplicate fee invoice and end one "
                "membership), then merge again."
            )
            % {
                "rows": model._meta.verbose_name_plural,
                "protected": ", ".join(
                    sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
                ),
            }
        ) from None


def _collides(row: models.Model) -> bool:
    """Whether `row`, now pointing at the survivor, breaks a unique constraint of its
    model. Asks the model's own constraints, so conditions (only open memberships) and
    expressions (addresses compared in lower case) count exactly as in the database."""
    try:
        row.validate_unique()
        row.validate_constraints()
    except ValidationError:
        return True
    return False


def _keep_one_primary_email(survivor: Person, moved_pks: list[int]) -> None:
    if survivor.emails.exclude(pk__in=moved_pks).filter(is_primary=True).exists():
        survivor.emails.filter(pk__in=moved_pks, is_primary=True).update(is_primary=False)


def _apply_choices(target: MergeTarget, survivor, loser, choices: dict[str, str]) -> None:
    for name, side in choices.items():
        if side == LOSER:
            attname = target.model._meta.get_field(name).attname
            setattr(survivor, attname, getattr(loser, attname))
    # The merged record is as confirmed as the more recently confirmed of the two.
    confirmed = [d for d in (survivor.confirmed_at, loser.confirmed_at) if d]
    survivor.confirmed_at = max(confirmed) if confirmed else None


def _delete_loser(target: MergeTarget, loser) -> None:
    # Everything registered has been moved away; if deleting still takes other rows along,
    # something points at the record that the registry does not know: stop, roll back.
    _count, deleted = target.model._base_manager.filter(pk=loser.pk).delete()
    extra = {label: n for label, n in deleted.items() if label != target.model._meta.label and n}
    if extra:
        raise MergeError(
            _("The merge would delete further rows (%(rows)s); nothing was changed.")
            % {"rows": ", ".join(f"{label}: {n}" for label, n in sorted(extra.items()))}
        )


def _pair_model():
    try:
        return apps.get_model("quality", "CandidatePair")
    except LookupError:
        return None


def _rewrite_pairs(kind, survivor, loser, user) -> tuple[list[dict], list[dict]]:
    """Mark the merged pair as merged and point the loser's other pairs at the survivor;
    a pair that would repeat one the survivor already has, or pair it with itself, goes."""
    pair_model = _pair_model()
    if pair_model is None:
        return [], []
    pairs = list(
        pair_model.objects.select_for_update()
        .filter(kind=kind)
        .filter(Q(record_a_id=loser.pk) | Q(record_b_id=loser.pk))
        .order_by("pk")
    )
    before = serialise(pairs)
    deleted = []
    now = timezone.now()
    for pair in pairs:
        other = pair.record_b_id if pair.record_a_id == loser.pk else pair.record_a_id
        if other == survivor.pk:
            pair.status = pair_model.Status.MERGED
            pair.decided_by = user if getattr(user, "is_authenticated", False) else None
            pair.decided_at = now
            pair.save()
            continue
        a, b = sorted((survivor.pk, other))
        if pair_model.objects.filter(kind=kind, record_a_id=a, record_b_id=b).exists():
            deleted.append(pair.pk)
            pair.delete()
        else:
            pair.record_a_id, pair.record_b_id = a, b
            pair.save()
    kept = [item for item in before if item["pk"] not in deleted]
    removed = [item for item in before if item["pk"] in deleted]
    return kept, removed


def _after_change(kind: str, ids: list[int]) -> None:
    """Both records changed (one may be gone): the directory's write path refreshes what
    is derived from them (search index, duplicate keys, matching's index, the listing)."""
    if kind == MergeKind.ORGANISATION:
        organisations_saved(ids)
    else:
        people_saved(ids)


# --- undo ------------------------------------------------------------------------------


def undo_blockers(record: MergeRecord) -> list[str]:
    """Why `record` cannot be undone exactly (empty if it can)."""
    if record.is_undone:
        return [_("This merge has already been undone.")]
    if not record.snapshot:
        return [_("The data needed for undo was erased at the person's request.")]
    snap = record.snapshot
    target = TARGETS[record.kind]
    reasons = []
    if changed_since(snap["survivor_after"]):
        reasons.append(
            _("%(record)s was changed after the merge; undoing would lose that change.")
            % {"record": record.survivor_repr}
        )
    changed = changed_since(snap["moved_after"])
    if changed:
        reasons.append(
            ngettext(
                "%(count)s moved row was changed or deleted after the merge (%(rows)s).",
                "%(count)s moved rows were changed or deleted after the merge (%(rows)s).",
                len(changed),
            )
            % {
                "count": len(changed),
                "rows": ", ".join(sorted({item["model"] for item in changed})),
            }
        )
    if target.model._base_manager.filter(pk=record.loser_id).exists():
        reasons.append(_("The merged-away record exists again."))
    return reasons


def undo_merge(record: MergeRecord, user=None) -> MergeRecord:
    """Put everything back as it was before `record`: the merged-away record with its own
    key, its rows, the removed rows and the survivor's values; refuse if that would lose
    a change made since."""
    target = TARGETS[record.kind]
    try:
        with transaction.atomic():
            record = MergeRecord.objects.select_for_update().get(pk=record.pk)
            target.model._base_manager.select_for_update().filter(pk=record.survivor_id).first()
            if reasons := undo_blockers(record):
                raise MergeError(" ".join(reasons))
            snap = record.snapshot
            # The survivor first: it releases a login account that moved with the merge.
            restore(snap["survivor_before"])
            restore(snap["loser"])
            restore(snap["moved_before"])
            restore(snap["removed"])
            restore(snap.get("pairs", []))
            restore(snap.get("pairs_deleted", []))
            record.undone_at = timezone.now()
            record.undone_by = user if getattr(user, "is_authenticated", False) else None
            record.save(update_fields=["undone_at", "undone_by"])
            survivor = target.model._base_manager.get(pk=record.survivor_id)
            log_action(
                user,
                f"quality.{record.kind}.merge_undone",
                survivor,
                merge=record.pk,
                restored=f"{record.loser_repr} (#{record.loser_id})",
            )
            _after_change(record.kind, [record.survivor_id, record.loser_id])
    except IntegrityError as exc:
        raise MergeError(
            _(
                "The merge cannot be undone: a restored row would clash with today's data "
                "(%(error)s)."
            )
            % {"error": exc}
        ) from exc
    return record
