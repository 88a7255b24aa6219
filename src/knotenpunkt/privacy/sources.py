"""Where a consent was given or withdrawn, in words people read.

A consent record keeps its source as a plain code ("signup", "subscribe form: diwish/news"):
the proof must not change with the language or a renamed page. The apps that record
consents register here what their codes mean, and what the part after the code names (the
mailings app: which mailing list); the privacy page shows that.
"""

from collections.abc import Callable, Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

_LABELS: dict[str, Promise | str] = {}
_DETAILS: list[Callable[[set[str]], dict[str, str]]] = []

# A code, then optionally ": " and the detail (a mailing list "cluster/list").
SEPARATOR = ": "


def register_consent_source(code: str, label: Promise | str) -> None:
    """Announce a source code and the words that describe it."""
    _LABELS[code] = label


def register_source_details(describe: Callable[[set[str]], dict[str, str]]) -> None:
    """Announce a function that names details it knows (`{detail: words}`), all at once."""
    _DETAILS.append(describe)


def _split(source: str) -> tuple[str | None, str]:
    # The longest code that matches: "provider: complaint" before a "provider".
    for code in sorted(_LABELS, key=len, reverse=True):
        if source == code:
            return code, ""
        if source.startswith(code + SEPARATOR):
            return code, source[len(code) + len(SEPARATOR) :]
    return None, ""


def describe_sources(sources: Iterable[str]) -> dict[str, str]:
    """Each stored source as people read it; a source nobody registered stays as stored."""
    split = {source: _split(source) for source in set(sources)}
    details = {detail for _code, detail in split.values() if detail}
    named: dict[str, str] = {}
    for describe in _DETAILS:
        if details:
            named.update(describe(details))
    described = {}
    for source, (code, detail) in split.items():
        if code is None:
            described[source] = source
        elif not detail:
            described[source] = str(_LABELS[code])
        else:
            text = pgettext("consent source and what it concerned", "%(source)s: %(detail)s")
            described[source] = text % {
                "source": _LABELS[code],
                "detail": named.get(detail, detail),
            }
    return described


def describe_sources_of(consents) -> None:
    """Give each consent record its `source_text`, the source as people read it."""
    described = describe_sources(c.source for c in consents)
    for consent in consents:
        consent.source_text = described[consent.source]


register_consent_source("privacy page", _("Privacy page"))
register_consent_source("demo import", _("Imported with the demo data"))
