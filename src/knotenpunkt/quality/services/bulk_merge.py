"""Bulk merge: every pending candidate pair above a score threshold, in the background,
with a report of each merge (undoable one by one) and each pair skipped and why."""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.quality.models import BulkMergeItem, BulkMergeRun
from knotenpunkt.quality.services.merge import (
    TARGETS,
    MergeError,
    default_survivor,
    merge_records,
)
from knotenpunkt.quality.services.scope import records_in_scope

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.99


def _pairs():
    return apps.get_model("quality", "CandidatePair").objects


def qualifying_pairs(kind: str, threshold: float, user):
    """Pending pairs of `kind` with a match probability of at least `threshold` whose two
    records `user` looks after."""
    pair_model = apps.get_model("quality", "CandidatePair")
    scope = records_in_scope(kind, user).values("pk")
    return _pairs().filter(
        kind=kind,
        status=pair_model.Status.PENDING,
        score__gte=threshold,
        record_a_id__in=scope,
        record_b_id__in=scope,
    )


@transaction.atomic
def start_bulk_merge(kind: str, threshold: float, user) -> BulkMergeRun:
    """Record the run and enqueue it once the transaction has committed."""
    from knotenpunkt.quality.tasks import run_bulk_merge

    run = BulkMergeRun.objects.create(kind=kind, threshold=threshold, started_by=user)
    log_action(
        user,
        "quality.bulk_merge.started",
        run,
        kind=kind,
        threshold=threshold,
        pairs=qualifying_pairs(kind, threshold, user).count(),
    )
    transaction.on_commit(lambda: run_bulk_merge.enqueue(run.pk))
    return run


def execute_bulk_merge(run: BulkMergeRun) -> BulkMergeRun:
    """Merge the qualifying pairs, best score first, each in its own transaction so that
    one refused pair does not undo the others."""
    BulkMergeRun.objects.filter(pk=run.pk).update(status=BulkMergeRun.Status.RUNNING)
    merged = skipped = 0
    try:
        pair_ids = list(
            qualifying_pairs(run.kind, run.threshold, run.started_by)
            .order_by("-score", "pk")
            .values_list("pk", flat=True)
        )
        for pair_id in pair_ids:
            item = _merge_pair(run, pair_id)
            merged += item.outcome == BulkMergeItem.Outcome.MERGED
            skipped += item.outcome == BulkMergeItem.Outcome.SKIPPED
        run.status = BulkMergeRun.Status.DONE
    except Exception as exc:  # report the run as failed instead of leaving it "running"
        logger.exception("bulk merge %s failed", run.pk)
        run.status, run.error = BulkMergeRun.Status.FAILED, str(exc)
    run.merged_count, run.skipped_count, run.finished_at = merged, skipped, timezone.now()
    run.save(update_fields=["status", "error", "merged_count", "skipped_count", "finished_at"])
    return run


def _merge_pair(run: BulkMergeRun, pair_id: int) -> BulkMergeItem:
    pair_model = apps.get_model("quality", "CandidatePair")
    target = TARGETS[run.kind]
    pair = _pairs().filter(pk=pair_id).first()
    if pair is None:
        # An earlier merge of this run pointed it at a record that already had that pair.
        return BulkMergeItem.objects.create(
            run=run,
            pair_id=pair_id,
            record_a_id=0,
            record_b_id=0,
            label=f"#{pair_id}",
            score=0,
            outcome=BulkMergeItem.Outcome.SKIPPED,
            reason=_("The pair was folded into another one by an earlier merge."),
        )
    records = target.model._base_manager.in_bulk([pair.record_a_id, pair.record_b_id])
    item = BulkMergeItem(
        run=run,
        pair_id=pair.pk,
        record_a_id=pair.record_a_id,
        record_b_id=pair.record_b_id,
        score=pair.score,
        label=" / ".join(
            str(records.get(pk, f"#{pk}")) for pk in (pair.record_a_id, pair.record_b_id)
        )[:300],
    )
    if pair.status != pair_model.Status.PENDING:
        item.outcome, item.reason = BulkMergeItem.Outcome.SKIPPED, _("Already decided.")
    elif len(records) < 2:
        item.outcome = BulkMergeItem.Outcome.SKIPPED
        item.reason = _("One of the records no longer exists.")
    else:
        survivor, loser = default_survivor(
            run.kind, records[pair.record_a_id], records[pair.record_b_id]
        )
        try:
            item.merge = merge_records(
                run.kind, survivor, loser, None, run.started_by, bulk_run=run
            )
            item.outcome = BulkMergeItem.Outcome.MERGED
        except MergeError as exc:
            item.outcome, item.reason = BulkMergeItem.Outcome.SKIPPED, str(exc)
    item.save()
    return item
