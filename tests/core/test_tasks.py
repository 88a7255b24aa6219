"""The real background task (re-indexing the directory) through both production backends:
the database backend with its worker, and RQ on the Redis of this machine."""

import socket
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.services.search import DirectoryFilters, search_organisations
from knotenpunkt.directory.tasks import rebuild_search_index
from tests.factories import MembershipFactory


@pytest.fixture
def unindexed_member(cluster):
    """A member whose search document is stale, as after a bulk import."""
    membership = MembershipFactory(cluster=cluster)
    org = membership.organisation
    Organisation.objects.filter(pk=org.pk).update(
        description="Spezialisten für Quantenkryptografie", search_document=""
    )
    return org


def found(query):
    return [o.pk for o in search_organisations(DirectoryFilters(query=query))]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_worker_runs_the_reindex_task(unindexed_member):
    tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    with override_settings(TASKS=tasks):
        result = rebuild_search_index.enqueue([unindexed_member.pk])
        assert found("Quantenkryptografie") == []
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
        result.refresh()
        assert result.status == "SUCCESSFUL"
        assert result.return_value == 1
    assert found("Quantenkryptografie") == [unindexed_member.pk]


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rq_backend_runs_the_reindex_task_through_redis(unindexed_member):
    # A queue name of its own, so parallel runs on the same Redis never meet.
    queue = f"test-{uuid.uuid4().hex[:8]}"
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    rq_queues = {
        name: {"URL": settings.REDIS_URL, "DEFAULT_TIMEOUT": 60} for name in ("default", queue)
    }
    with override_settings(TASKS=tasks, RQ_QUEUES=rq_queues):
        result = rebuild_search_index.using(queue_name=queue).enqueue([unindexed_member.pk])
        assert found("Quantenkryptografie") == []
        call_command(
            "rqworker",
            queue,
            burst=True,
            job_class="django_tasks_rq.Job",
            worker_class="rq.worker.SimpleWorker",
            verbosity=0,
        )
        result.refresh()
        assert result.status == "SUCCESSFUL"
        assert result.return_value == 1
    assert found("Quantenkryptografie") == [unindexed_member.pk]
