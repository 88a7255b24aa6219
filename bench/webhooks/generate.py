"""Prepare and feed the webhook benchmark.

    generate.py prepare --subscribers 50 --receiver http://127.0.0.1:PORT
        The cluster "bench-webhooks" with N member organisations, and N subscriptions of the
        cluster to `invoice.issued`, each to its own path on the receiver (created once;
        the receiver's address is set again each run). Open deliveries of earlier runs
        are deleted.
    generate.py emit --events 1000
        N events through the real path (`webhooks.services.emit`), each in a transaction
        of its own as a service would write it; the deliveries are enqueued on commit.

Settings from the environment, like every `knotenpunkt` command. The last line printed is
a JSON object.
"""

import argparse
import json
import os
import sys
import time

CLUSTER_SLUG = "bench-webhooks"


def prepare(subscribers: int, receiver: str) -> dict:
    from django.db import transaction

    from knotenpunkt.directory.models import Cluster
    from knotenpunkt.webhooks.models import Delivery, Message, Subscription

    with transaction.atomic():
        cluster, _created = Cluster.objects.get_or_create(
            slug=CLUSTER_SLUG, defaults={"name": "Benchmark Webhooks"}
        )
        existing = list(Subscription.objects.filter(cluster=cluster).order_by("pk"))
        for number in range(len(existing), subscribers):
            existing.append(
                Subscription.objects.create(
                    cluster=cluster,
                    url="http://127.0.0.1/",
                    description=f"Receiver {number}",
                    event_types=["invoice.issued"],
                )
            )
        Delivery.objects.filter(subscription__cluster=cluster).delete()
        Message.objects.filter(cluster=cluster).delete()
        for number, subscription in enumerate(existing[:subscribers]):
            subscription.url = f"{receiver}/s/{number}"
            subscription.is_active = True
            subscription.consecutive_failures = 0
            subscription.drain_queued = False
            subscription.save()
        Subscription.objects.filter(pk__in=[s.pk for s in existing[subscribers:]]).update(
            is_active=False
        )
    return {"cluster_id": cluster.pk, "subscribers": subscribers}


def emit_events(events: int) -> dict:
    from django.db import transaction

    from knotenpunkt.directory.models import Cluster
    from knotenpunkt.webhooks.services import emit

    cluster = Cluster.objects.get(slug=CLUSTER_SLUG)
    started = time.perf_counter()
    for number in range(events):
        with transaction.atomic():
            emit(
                "invoice.issued",
                {
                    "invoice": {"id": number, "number": f"BENCH-{number:05d}"},
                    "cluster": {"id": cluster.pk, "slug": cluster.slug},
                },
                clusters=[cluster],
            )
    return {"events": events, "emit_seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--subscribers", type=int, default=50)
    p.add_argument("--receiver", required=True)
    e = commands.add_parser("emit")
    e.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    if args.command == "prepare":
        result = prepare(args.subscribers, args.receiver)
    else:
        result = emit_events(args.events)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    sys.exit(main())
