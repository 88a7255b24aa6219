"""Alerts: tell providers' organisation admins about a new need that fits them.

Candidates come from the engine's ranking for the need (one ranking per need instead of
one per organisation; the same scores the need's page shows), cut at a minimum score so
that a weak match does not become a mail. Each recipient is asked separately whether
they may see the need (visibility rules of services.needs) and whether they want alerts
(AlertSetting; no row means immediate alerts). Anonymous needs are mailed without the
author's name. Sending is recorded in the audit log in the same transaction as the
outbox mails, so a retried task sends nothing twice.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Person, Position
from knotenpunkt.matching.models import AlertSetting, Need
from knotenpunkt.matching.services.needs import viewer_for_person
from knotenpunkt.outbox.services import queue_mail

ALERTS_SENT = "matching.need.alerts_sent"
DIGEST_SENT = "matching.need.digest_sent"
register_action(ALERTS_SENT, _("Alerts about the need sent to fitting providers"))
register_action(DIGEST_SENT, _("Weekly summary of fitting needs sent"))

# How many of the best-ranked providers are considered, and the score below which a
# match is not worth a mail. The engine's scores are relative to the best provider for
# the need (1.0), so the cut keeps those that come close to the best one.
ALERT_CANDIDATES = 10
MIN_ALERT_SCORE = 0.5
DIGEST_PERIOD = datetime.timedelta(days=7)


@dataclass
class Alert:
    person: Person
    address: str
    need: Need
    organisation_name: str
    author_hidden: bool
    explanation: dict


def setting_for(person: Person) -> AlertSetting:
    """The person's alert setting; the default (immediate alerts) if they never chose."""
    try:
        return person.matching_alert_setting
    except AlertSetting.DoesNotExist:
        return AlertSetting(person=person)


def save_setting(person: Person, need_alerts: bool, frequency: str) -> AlertSetting:
    setting, _created = AlertSetting.objects.update_or_create(
        person=person, defaults={"need_alerts": need_alerts, "frequency": frequency}
    )
    return setting


def _already(action: str, target) -> bool:
    return AuditEntry.objects.filter(
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
    ).exists()


def _alerts(need: Need, frequency: str) -> Iterator[Alert]:
    """The alerts `need` earns among people who want them at `frequency` and may see it."""
    from knotenpunkt.matching.services.ranking import rank_providers

    matches = [
        m
        for m in rank_providers(need, limit=ALERT_CANDIDATES)
        if m.score >= MIN_ALERT_SCORE and m.organisation.pk != need.organisation_id
    ]
    if not matches:
        return
    by_organisation = {m.organisation.pk: m for m in matches}
    positions = (
        Position.objects.current()
        .filter(
            organisation_id__in=by_organisation,
            is_admin=True,
            person__erased_at__isnull=True,
        )
        .select_related("person__user", "person__matching_alert_setting", "organisation")
        .prefetch_related("person__emails")
        .order_by("organisation_id", "pk")
    )
    seen = set()
    for position in positions:
        person = position.person
        if person.pk in seen:
            continue
        setting = setting_for(person)
        if not setting.need_alerts or setting.frequency != frequency:
            continue
        viewer = viewer_for_person(person)
        if not viewer.may_see(need):
            continue
        address = person.primary_email or (person.user.email if person.user_id else "")
        if not address:
            continue
        seen.add(person.pk)
        yield Alert(
            person=person,
            address=address,
            need=need,
            organisation_name=position.organisation.name,
            author_hidden=not viewer.may_see_author(need),
            explanation=by_organisation[position.organisation_id].explanation.as_dict(),
        )


def send_need_alerts(need_id: int) -> int:
    """Mail the fitting providers' admins who want immediate alerts, once per need."""
    with transaction.atomic():
        need = (
            Need.objects.select_for_update(of=("self",))
            .select_related("organisation", "cluster", "author")
            .get(pk=need_id)
        )
        if need.status != Need.Status.OPEN or _already(ALERTS_SENT, need):
            return 0
        sent = 0
        for alert in _alerts(need, AlertSetting.Frequency.IMMEDIATE):
            queue_mail(
                "matching_need_alert",
                alert.address,
                {
                    "need": need,
                    "person": alert.person,
                    "organisation_name": alert.organisation_name,
                    "author_hidden": alert.author_hidden,
                    "explanation": alert.explanation,
                },
            )
            sent += 1
        log_action(None, ALERTS_SENT, need, recipients=sent)
    return sent


def send_weekly_digest(now: datetime.datetime | None = None) -> int:
    """One summary mail per person who chose weekly alerts, of the fitting open needs of
    the past week; a person already summarised within the period gets none."""
    now = now or timezone.now()
    needs = Need.objects.filter(
        status=Need.Status.OPEN, created_at__gte=now - DIGEST_PERIOD
    ).select_related("organisation", "cluster", "author")
    per_person: dict[int, list[Alert]] = defaultdict(list)
    for need in needs:
        for alert in _alerts(need, AlertSetting.Frequency.WEEKLY):
            per_person[alert.person.pk].append(alert)
    person_type = ContentType.objects.get_for_model(Person)
    recent = set(
        AuditEntry.objects.filter(
            action=DIGEST_SENT,
            target_type=person_type,
            timestamp__gte=now - DIGEST_PERIOD + datetime.timedelta(hours=12),
        ).values_list("target_id", flat=True)
    )
    sent = 0
    for alerts in per_person.values():
        person = alerts[0].person
        if str(person.pk) in recent:
            continue
        with transaction.atomic():
            queue_mail(
                "matching_need_digest", alerts[0].address, {"person": person, "alerts": alerts}
            )
            log_action(None, DIGEST_SENT, person, needs=[a.need.pk for a in alerts])
        sent += 1
    return sent
