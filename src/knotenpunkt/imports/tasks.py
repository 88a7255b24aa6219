from django_tasks import task

from knotenpunkt.imports.services import execution


@task()
def execute_import(run_id: int) -> str:
    """Background entry point: import a queued run; returns its final status."""
    return execution.execute_run(run_id).status
