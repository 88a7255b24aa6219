import os

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium; Playwright's own browser download is neither possible
    nor needed here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A German-speaking user: the platform's default language is what they get.
    return {**browser_context_args, "locale": "de-DE"}


@pytest.fixture
def new_context(browser, browser_context_args):
    """Open further browser contexts (other people at their own screens); all are closed
    when the test ends, so no page of theirs keeps polling the test server afterwards."""
    opened = []

    def open_context(**options):
        context = browser.new_context(**{**browser_context_args, **options})
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
