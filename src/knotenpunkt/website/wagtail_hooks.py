"""Wagtail's editor (/cms/) for editors of several clusters: nobody sees another cluster's
site names, pages, images or image tags.

Wagtail derives pages and images from the group permissions (services.sites), but some of
its lists are global: the page listing's "Site" filter offers every site, the page chooser
browses the whole tree and the image chooser's and image listing's tag filters show the
most used tags of all images. Those are
narrowed here to what `website.rules` says the user works on.
"""

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages import listing
from wagtail.images.views import chooser
from wagtail.images.views.images import ImagesFilterSet
from wagtail.models import Page, Site

from knotenpunkt.website.rules import sites_edited_by, sites_worked_on

TAG_COUNT = 10


class PortraitAuthorsMenuItem(MenuItem):
    def is_shown(self, request):
        return sites_edited_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def portrait_authors_menu_item():
    return PortraitAuthorsMenuItem(
        _("Portrait authors"), reverse("website:authors"), icon_name="group", order=900
    )


@hooks.register("register_admin_urls")
def portrait_consent_urls():
    from knotenpunkt.website import views

    return [
        path(
            "website/portraits/<int:page_id>/consent/",
            views.request_portrait_consent,
            name="website_request_portrait_consent",
        )
    ]


def visible_sites(user):
    return Site.objects.filter(cluster_site__in=sites_worked_on(user)).order_by("site_name")


def _pages_of_sites(user) -> Q:
    """Below (and including) the start pages, in every language, of the user's sites."""
    roots = Page.objects.filter(
        translation_key__in=visible_sites(user).values("root_page__translation_key")
    ).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(path__startswith=root)
    return condition


@hooks.register("construct_explorer_page_queryset")
def only_own_sites_pages(parent_page, pages, request):
    if request.user.is_superuser:
        return pages
    return pages.filter(_pages_of_sites(request.user) | Q(depth=1))


@hooks.register("construct_page_chooser_queryset")
def only_own_sites_pages_in_the_chooser(pages, request):
    """The page chooser (links, featured articles) browses and searches the whole tree
    unless told otherwise: only the user's sites' pages."""
    if request.user.is_superuser:
        return pages
    return pages.filter(_pages_of_sites(request.user) | Q(depth=1))


def _site_choices(request):
    return visible_sites(request.user)


# The filter's queryset, asked per request (django-filter calls a callable with it).
for filterset in (listing.PageFilterSet, listing.GenericPageFilterSet):
    filterset.base_filters["site"].queryset = _site_choices


def own_tags(user):
    """The most used tags of the images the user may choose (their clusters' images)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from knotenpunkt.website.models import WebsiteImage

    images = WebsiteImage.objects.all()
    if not user.is_superuser:
        images = images.filter(collection__in=[s.collection_id for s in sites_worked_on(user)])
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(WebsiteImage),
            taggit_taggeditem_items__object_id__in=images.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:TAG_COUNT]
    )


_chooser_context = chooser.ImageChooseViewMixin.get_context_data


def _chooser_context_with_own_tags(self, **kwargs):
    context = _chooser_context(self, **kwargs)
    context["popular_tags"] = own_tags(self.request.user)
    return context


chooser.ImageChooseViewMixin.get_context_data = _chooser_context_with_own_tags

_filterset_init = ImagesFilterSet.__init__


def _filterset_with_own_tags(self, *args, **kwargs):
    _filterset_init(self, *args, **kwargs)
    tag_filter = self.filters.get("tag")
    request = kwargs.get("request")
    if tag_filter is not None and request is not None:
        choices = [(tag.name, tag.name) for tag in own_tags(request.user)]
        if choices:
            tag_filter.extra["choices"] = choices
        else:
            del self.filters["tag"]


ImagesFilterSet.__init__ = _filterset_with_own_tags
