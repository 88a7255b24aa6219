"""Logging a browser in without the login form (the form has its own browser tests)."""

from django.conf import settings
from django.test import Client


def log_in(page, live_server, user) -> None:
    """Give the page's browser context a session of `user`, as after a login."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
