"""Rich text as Markdown, rendered to HTML and sanitised with nh3 (the Rust ammonia).

Descriptions are stored as the author's Markdown; what reaches a page is always sanitised,
so a pasted <script> or onclick= never runs.
"""

import html

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has sanitised it


def plain_text(text: str) -> str:
    """The words of a Markdown text without any markup, for search and previews."""
    return html.unescape(nh3.clean(markdown.markdown(text or ""), tags=set())).strip()
