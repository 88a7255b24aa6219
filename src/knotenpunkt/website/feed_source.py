"""The website's articles as a source for the members' personal feed (another app).

The feed app registers `published_articles` when it exists; the website does not know it.
"""

from dataclasses import dataclass
from datetime import datetime

from knotenpunkt.website.models import ArticlePage


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
