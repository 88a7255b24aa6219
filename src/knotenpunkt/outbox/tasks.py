from django_tasks import task

from knotenpunkt.outbox import services


@task(queue_name="mail")
def deliver_mail(mail_id: int) -> str:
    """Background entry point: deliver one outbox mail."""
    return str(services.deliver(mail_id))
