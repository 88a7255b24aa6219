"""Mail the feedback survey link for events that ended: run it hourly or daily (cron,
systemd timer). Safe to run as often as you like: each event's survey goes out once."""

from django.core.management.base import BaseCommand

from knotenpunkt.events.tasks.feedback import send_feedback_surveys


class Command(BaseCommand):
    help = "Queue the feedback survey mails of events that have ended (each event once)."

    def handle(self, *args, **options):
        result = send_feedback_surveys.enqueue()
        self.stdout.write(f"Enqueued {result.id}")
