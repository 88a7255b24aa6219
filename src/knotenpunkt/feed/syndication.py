"""RSS and Atom of the public items, of all clusters or of one (?cluster=<slug>)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Cluster
from knotenpunkt.feed.registry import kind_label
from knotenpunkt.feed.rules import public_entries
from knotenpunkt.feed.services.ranking import Ranked, ask_sources

LIMIT = 50


class PublicRss(Feed):
    def get_object(self, request):
        slug = request.GET.get("cluster", "")
        if not slug:
            return None
        return get_object_or_404(Cluster, slug=slug[:100])

    def title(self, cluster):
        if cluster is None:
            return _("News from the network")
        return _("News from %(cluster)s") % {"cluster": cluster.name}

    def link(self, cluster):
        return "/"

    def description(self, cluster):
        return _("Public events, group meetings, needs and offerings.")

    def items(self, cluster):
        entries = list(public_entries(cluster).order_by("-published_at")[:LIMIT])
        # The source apps have the last word, as on the feed page (anonymous visitor).
        from django.contrib.auth.models import AnonymousUser

        kept = ask_sources([Ranked(e, 0.0, ("new", None)) for e in entries], AnonymousUser())
        return [r.entry for r in kept]

    def item_title(self, entry):
        return f"{kind_label(entry.source, entry.kind)}: {entry.title}"

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        return entry.key

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published_at


class PublicAtom(PublicRss):
    feed_type = Atom1Feed
    subtitle = PublicRss.description


_rss = PublicRss()
_atom = PublicAtom()


def public_rss(request):
    return _rss(request)


def public_atom(request):
    return _atom(request)
