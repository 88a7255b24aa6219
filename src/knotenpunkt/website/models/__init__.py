from knotenpunkt.website.models.images import WebsiteImage, WebsiteRendition
from knotenpunkt.website.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    PortraitIndexPage,
    PortraitPage,
    StandardPage,
)
from knotenpunkt.website.models.sites import ClusterSite

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ClusterSite",
    "HomePage",
    "PortraitIndexPage",
    "PortraitPage",
    "StandardPage",
    "WebsiteImage",
    "WebsiteRendition",
]
