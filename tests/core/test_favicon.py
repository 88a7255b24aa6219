"""Browsers ask every site for /favicon.ico; the pages link the icon too."""

from io import BytesIO

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image


def test_favicon_ico_leads_to_an_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    target = response["Location"]
    assert target == static("knotenpunkt/favicon.ico")
    icon = client.get(target)
    assert icon.status_code == 200
    image = Image.open(BytesIO(b"".join(icon.streaming_content)))
    assert image.format == "ICO"


def test_pages_link_the_svg_icon(client, db):
    page = client.get("/").content.decode()
    assert f'<link rel="icon" href="{static("knotenpunkt/favicon.svg")}"' in page
    assert finders.find("knotenpunkt/favicon.svg")
