"""RSS 2.0 and Atom feeds of a cluster site's public articles, per language."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from wagtail.models import Locale, Site

from knotenpunkt.website.models import ArticlePage

FEED_LENGTH = 30


class ArticlesFeed(Feed):
    """The live, public articles of the site the request's host name belongs to."""

    def get_object(self, request, *args, **kwargs):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        locale = Locale.objects.filter(language_code=get_language()).first()
        home = site.root_page.get_translation_or_none(locale) if locale else None
        if home is None or not home.live:
            raise Http404
        return home

    def title(self, home):
        return home.title

    def link(self, home):
        return home.url

    def description(self, home):
        return home.title

    def items(self, home):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(home)
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ArticlesAtomFeed(ArticlesFeed):
    feed_type = Atom1Feed
    subtitle = ArticlesFeed.description


_rss, _atom = ArticlesFeed(), ArticlesAtomFeed()


def rss(request):
    """The site's articles as RSS 2.0 (public: only live, public pages)."""
    return _rss(request)


def atom(request):
    """The site's articles as Atom 1.0."""
    return _atom(request)
