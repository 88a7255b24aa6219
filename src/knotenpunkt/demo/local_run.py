"""How `knotenpunkt demo` runs on a developer's machine: the links its mails carry."""

import os

from django.conf import settings


def follow_port(port: int) -> str:
    """Make the links in mails point at the port the demo serves on (`PORT=8100 make demo`),
    unless SITE_URL is set explicitly. The environment carries it to the task worker, a
    separate process that reads the settings afresh."""
    if not os.environ.get("SITE_URL"):
        site_url = f"http://127.0.0.1:{port}"
        os.environ["SITE_URL"] = site_url
        settings.SITE_URL = site_url
    return settings.SITE_URL
