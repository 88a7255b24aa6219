"""The website's articles and portraits as a source of the members' personal feed.

One feed item per page and its translations (same `translation_key`): keyed by the page in
the platform's language (German) while it is live, else by another live translation. The
item links to `/web/go/<id>/`, which sends the reader to the translation in their language
on the cluster's own host name; the feed shows the title and teaser of that translation
(`localize_entries`, asked by the feed when it renders a page of items).

Registered in WebsiteConfig.ready; the feed sits below the website and never imports it.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from knotenpunkt.directory.models import Position
from knotenpunkt.feed.registry import FeedItem, refresh_later, register_source
from knotenpunkt.website.models import ArticlePage, ClusterSite, PortraitPage
from knotenpunkt.website.rules import readable_page_ids

SOURCE = "website"
PAGE_MODELS = (ArticlePage, PortraitPage)
KIND = {ArticlePage: "article", PortraitPage: "portrait"}


@dataclass(frozen=True)
class ArticleItem:
    id: int
    title: str
    teaser: str
    url: str
    first_published_at: datetime
    locale: str
    topic_ids: tuple[int, ...]
    organisation_ids: tuple[int, ...]
    group_ids: tuple[int, ...]


def published_articles(since: datetime | None = None) -> list[ArticleItem]:
    """Live, public articles of every cluster site, newest first (since `since`, if given)."""
    articles = (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("topics", "organisations", "groups")
        .order_by("-first_published_at")
    )
    if since is not None:
        articles = articles.filter(first_published_at__gte=since)
    return [
        ArticleItem(
            id=article.pk,
            title=article.title,
            teaser=article.teaser,
            url=article.full_url or article.url or "",
            first_published_at=article.first_published_at,
            locale=article.locale.language_code,
            topic_ids=tuple(t.pk for t in article.topics.all()),
            organisation_ids=tuple(o.pk for o in article.organisations.all()),
            group_ids=tuple(g.pk for g in article.groups.all()),
        )
        for article in articles
    ]


def go_url(page_id: int) -> str:
    """The page's address without a language (`/web/go/12/`): the platform's locale
    middleware adds the reader's language, the view picks that translation."""
    with translation.override(settings.LANGUAGE_CODE):
        address = reverse("website:go", args=[page_id])
    return address.removeprefix(f"/{settings.LANGUAGE_CODE}")


def _cluster_of(page, homes: list[tuple[str, int]]) -> int | None:
    for path, cluster_id in homes:
        if page.path.startswith(path):
            return cluster_id
    return None


def _home_paths() -> list[tuple[str, int]]:
    """(path of a start page, cluster id) for every cluster site and language."""
    homes = []
    for cluster_site in ClusterSite.objects.select_related("site__root_page"):
        root = cluster_site.site.root_page
        for home in Page.objects.filter(translation_key=root.translation_key).only("path"):
            homes.append((home.path, cluster_site.cluster_id))
    return homes


def _audience(page, restrictions) -> str | None:
    """public; members behind a login or group restriction; None (not in the feed)
    behind a password."""
    kinds = {kind for path, kind in restrictions if page.path.startswith(path)}
    if not kinds:
        return "public"
    if PageViewRestriction.PASSWORD in kinds:
        return None
    return "members"


def _canonical(pages: list) -> object:
    """The page an item is keyed by: the platform's language first, else the oldest."""
    for page in pages:
        if page.locale.language_code == settings.LANGUAGE_CODE:
            return page
    return min(pages, key=lambda p: p.pk)


def _live_pages(model, ids):
    pages = model.objects.live().select_related("locale")
    if ids is not None:
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        pages = pages.filter(translation_key__in=keys)
    return pages


def _organisation_of_people(person_ids) -> dict[int, int]:
    """The organisation a portrayed person currently works at (the first position)."""
    found = {}
    for person_id, organisation_id in (
        Position.objects.current()
        .filter(person__in=person_ids)
        .order_by("pk")
        .values_list("person_id", "organisation_id")
    ):
        found.setdefault(person_id, organisation_id)
    return found


def collect_pages(ids=None):
    """Live articles and portraits, one item per translation group (of `ids`, if given:
    only items keyed by one of them are returned, see module docstring)."""
    homes = _home_paths()
    restrictions = list(
        PageViewRestriction.objects.select_related("page").values_list(
            "page__path", "restriction_type"
        )
    )
    wanted = set(ids) if ids is not None else None
    for model in PAGE_MODELS:
        pages = _live_pages(model, ids)
        if model is ArticlePage:
            pages = pages.prefetch_related("topics", "organisations", "groups")
        groups = defaultdict(list)
        for page in pages:
            if _audience(page, restrictions) is not None:
                groups[page.translation_key].append(page)
        people = []
        if model is PortraitPage:
            people = _organisation_of_people(
                {p.person_id for group in groups.values() for p in group if p.person_id}
            )
        for group in groups.values():
            page = _canonical(group)
            if wanted is not None and page.pk not in wanted:
                continue
            cluster_id = _cluster_of(page, homes)
            if model is ArticlePage:
                topics = tuple(sorted(t.pk for t in page.topics.all()))
                organisations = sorted(o.pk for o in page.organisations.all())
                organisation_id = organisations[0] if organisations else None
                group_ids = tuple(sorted(g.pk for g in page.groups.all()))
            else:
                topics, group_ids = (), ()
                organisation_id = page.organisation_id or people.get(page.person_id)
            yield FeedItem(
                key=f"website.{model._meta.model_name}:{page.pk}",
                kind=KIND[model],
                title=page.title,
                summary=page.teaser,
                url=go_url(page.pk),
                published_at=min(p.first_published_at for p in group),
                topic_ids=topics,
                organisation_id=organisation_id,
                group_ids=group_ids,
                cluster_ids=(cluster_id,) if cluster_id else (),
                audience=_audience(page, restrictions),
            )


def visible_page_ids(user, ids) -> set[int]:
    """The website decides: live, and public or its restriction lets the user in."""
    return readable_page_ids(user, ids)


def localize_entries(entries, language: str) -> None:
    """Show the title and teaser of the translation in `language`, where one is live."""
    by_page = {int(entry.key.rsplit(":", 1)[1]): entry for entry in entries}
    if not by_page or not language:
        return
    keys = dict(Page.objects.filter(pk__in=by_page).values_list("translation_key", "pk"))
    for model in PAGE_MODELS:
        translations = (
            model.objects.live()
            .filter(translation_key__in=keys, locale__language_code=language)
            .only("title", "teaser", "translation_key")
        )
        for page in translations:
            entry = by_page[keys[page.translation_key]]
            entry.title, entry.summary = page.title, page.teaser


def _refresh_group(sender, instance, **kwargs) -> None:
    """A change of one translation may change the group's item (its key, title, date)."""
    group = set(
        Page.objects.filter(
            Q(translation_key=instance.translation_key) | Q(pk=instance.pk)
        ).values_list("pk", flat=True)
    )
    refresh_later(SOURCE, sorted(group | {instance.pk}))


def register() -> None:
    register_source(
        SOURCE,
        collect_pages,
        kinds={"article": _("Article"), "portrait": _("Portrait")},
        models=("website.ArticlePage", "website.PortraitPage"),
        visible=visible_page_ids,
        localize=localize_entries,
    )
    for model in PAGE_MODELS:
        uid = f"website-feed-{model._meta.model_name}"
        post_save.connect(_refresh_group, sender=model, dispatch_uid=uid)
        post_delete.connect(_refresh_group, sender=model, dispatch_uid=f"{uid}-delete")
