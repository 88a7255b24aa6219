"""Where apps announce what the feed may show: each source lists candidate `FeedItem`s.

A source is a function `collect(ids=None) -> Iterable[FeedItem]`: every current item of the
source, or (with `ids`) those of the given objects, so a save can refresh one item. An item
the source no longer returns leaves the feed at the next refresh.

The built-in sources live in feed/sources.py. Apps above the feed (the website's articles,
jobs) register theirs in their AppConfig.ready:

    from knotenpunkt.feed.registry import FeedItem, register_source
    register_source("website", collect_articles, kinds={"article": _("Article")},
                    models=("website.ArticlePage",), visible=visible_article_ids)

`visible(user, ids) -> set[int]` is the source app's own rule, asked for the items a page
shows (so a members-only item is shown only to whom the owning app says); `models` are
saved models whose post_save/post_delete refresh their item after commit. `localize(entries,
language)`, optional, may replace the shown entries' title and summary with those of a
translation (not stored). A source whose items depend on other objects than the saved one
asks for a refresh with `refresh_later(name, ids)`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

AUDIENCES = ("public", "members", "group")


@dataclass(frozen=True)
class FeedItem:
    """One candidate of a source. `key` is "app_label.model:pk"; `audience` is "public",
    "members" (people of member organisations of `cluster_ids`) or "group" (active
    members of `group_ids`); the cluster management of `cluster_ids` sees every item."""

    key: str
    kind: str
    title: str
    url: str
    published_at: datetime
    summary: str = ""
    topic_ids: tuple[int, ...] = ()
    organisation_id: int | None = None
    group_ids: tuple[int, ...] = ()
    cluster_ids: tuple[int, ...] = ()
    audience: str = "public"
    expires_at: datetime | None = None

    def __post_init__(self):
        if self.audience not in AUDIENCES:
            raise ValueError(f"unknown audience {self.audience!r}")

    @property
    def object_id(self) -> int:
        return int(self.key.rsplit(":", 1)[1])


@dataclass(frozen=True)
class Source:
    name: str
    collect: Callable[..., Iterable[FeedItem]]
    kinds: dict = field(default_factory=dict)
    models: tuple[str, ...] = ()
    visible: Callable | None = None
    localize: Callable | None = None


_SOURCES: dict[str, Source] = {}


def register_source(
    name: str,
    function: Callable[..., Iterable[FeedItem]],
    *,
    kinds: dict | None = None,
    models: Iterable[str] = (),
    visible: Callable | None = None,
    localize: Callable | None = None,
) -> None:
    """Announce a source. `kinds` maps the items' kind codes to their (translatable) labels."""
    _SOURCES[name] = Source(name, function, dict(kinds or {}), tuple(models), visible, localize)
    from knotenpunkt.feed.receivers import connect

    connect(_SOURCES[name])


def refresh_later(name: str, ids) -> None:
    """Refresh the items of the objects `ids` of source `name` after the commit."""
    from knotenpunkt.feed.receivers import refresh_after_commit

    refresh_after_commit(name, list(ids))


def sources() -> list[Source]:
    return [_SOURCES[name] for name in sorted(_SOURCES)]


def source(name: str) -> Source | None:
    return _SOURCES.get(name)


def kind_label(source_name: str, kind: str):
    registered = _SOURCES.get(source_name)
    return registered.kinds.get(kind, kind) if registered else kind
