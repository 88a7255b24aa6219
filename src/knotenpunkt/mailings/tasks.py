from django_tasks import task

from knotenpunkt.mailings.services import worker


@task(queue_name="mail")
def send_mailing_task(mailing_id: int) -> str:
    """Background entry point: send a due mailing (or resume one that was interrupted)."""
    return worker.send_mailing(mailing_id)
