import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from knotenpunkt.website.models import ArticlePage, WebsiteImage
from knotenpunkt.website.services.sites import ensure_cluster_site

HOST_A = "diwish.example"
HOST_B = "logistik.example"


@pytest.fixture(autouse=True)
def website_hosts(settings, tmp_path):
    settings.ALLOWED_HOSTS = [HOST_A, HOST_B, "testserver"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site_a(cluster):
    return ensure_cluster_site(cluster, HOST_A)


@pytest.fixture
def site_b(other_cluster):
    return ensure_cluster_site(other_cluster, HOST_B)


def png_bytes(colour="red") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def image(site_a):
    return WebsiteImage.objects.create(
        title="Hafen",
        alt_text="Containerschiff im Kieler Hafen",
        file=ImageFile(io.BytesIO(png_bytes()), name="hafen.png"),
        collection=site_a.collection,
    )


def article_index(cluster_site, language="de"):
    from knotenpunkt.website.models import ArticleIndexPage

    return ArticleIndexPage.objects.descendant_of(
        cluster_site.site.root_page.get_translation(_locale(language))
    ).get()


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def add_article(cluster_site, title, *, publish=True, language="de", **fields):
    index = article_index(cluster_site, language)
    article = index.add_child(
        instance=ArticlePage(
            title=title, teaser=f"Teaser zu {title}", locale=index.locale, live=False, **fields
        )
    )
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article
