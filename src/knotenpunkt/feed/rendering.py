"""The items of the feed page, rendered cheaply (docs/benchmarks.md, "Member feed").

An item's content (title, summary, date) is the same for everyone who sees it: it is
rendered once per entry, language and refresh of the entry by feed/_item_content.html and
then kept in the web process's memory (services/feed_cache.py). The personal parts (the
reason, the viewer's rating, the figures for the author's organisation and the cluster
management, the follow buttons) are put together here from strings escaped once per
page: twenty items through the template engine (or format_html) cost more than the rest
of the page. The markup follows KERN like the templates; `rating_form` is also the answer
to an htmx rating.
"""

from html import escape

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knotenpunkt.feed.services import feed_cache

_PK = 2_147_483_647  # reversed once, then the pk is put in its place


def render_contents(items) -> None:
    """Set `content` of each ranked item, from the cache or freshly rendered."""
    language = get_language() or ""
    keys = [feed_cache.item_key(item.entry, language) for item in items]
    cached = feed_cache.get_items(keys)
    template = None
    for item, key in zip(items, keys, strict=True):
        html = cached.get(key)
        if html is None:
            template = template or get_template("feed/_item_content.html")
            html = template.render({"item": item})
            feed_cache.set_item(key, html)
        item.content = mark_safe(html)  # noqa: S308 - rendered by our template above


def _hidden(name: str, value) -> str:
    return f'<input type="hidden" name="{name}" value="{escape(str(value))}">'


def _button(name: str, value: str, label: str, pressed: bool | None = None) -> str:
    aria = "" if pressed is None else f' aria-pressed="{str(pressed).lower()}"'
    return (
        f'<button type="submit" name="{name}" value="{value}" '
        f'class="kern-btn kern-btn--tertiary"{aria}><span class="kern-label">'
        f"{escape(label)}</span></button>"
    )


class _Parts:
    """What every item of a page shares, escaped once per page: the hidden fields, the
    buttons' labels, the addresses."""

    def __init__(self, csrf_token: str, next_url: str):
        self.rate = reverse("feed:rate", args=[_PK]).replace(str(_PK), "{}")
        self.share = reverse("feed:share", args=[_PK]).replace(str(_PK), "{}")
        self.follow = reverse("feed:follow")
        self.hidden = _hidden("csrfmiddlewaretoken", csrf_token) + _hidden("next", next_url)
        self.question = f'<span class="kern-sr-only">{escape(_("Was this useful?"))}</span>'
        self.rating_buttons = {
            rating: _button("useful", "1", _("Useful"), rating is True)
            + _button("useful", "0", _("Not useful"), rating is False)
            for rating in (True, False, None)
        }
        self.send = escape(_("Send to a member"))
        self.watching = f"<strong>{escape(_('Watching'))}</strong> · "
        self.source_buttons = _button("level", "tracking", _("Follow this source")) + _button(
            "level", "muted", _("Mute this source")
        )
        self.target_buttons = _button("level", "watching", _("Watch")) + _button(
            "level", "muted", _("Mute")
        )

    def rating_form(self, entry_pk: int, rating) -> str:
        url = self.rate.format(entry_pk)
        return (
            f'<form method="post" action="{url}" class="inline feed-rating" hx-post="{url}" '
            f'hx-swap="outerHTML" hx-target="this">{self.hidden}{self.question}'
            f"{self.rating_buttons[rating]}</form>"
        )

    def follow_form(self, target_type: str, target_id: int, buttons: str) -> str:
        return (
            f'<form method="post" action="{self.follow}" class="inline">{self.hidden}'
            f"{_hidden('target_type', target_type)}{_hidden('target_id', int(target_id))}"
            f"{buttons}</form>"
        )


def rating_form(entry_pk: int, rating, csrf_token: str, next_url: str) -> str:
    """The two rating buttons of an item, the viewer's rating pressed (htmx's answer)."""
    return mark_safe(_Parts(csrf_token, next_url).rating_form(entry_pk, rating))  # noqa: S308


def render_items(request, items, *, figures_for, staffed) -> None:
    """Set `html` of each ranked item: its content and its personal parts."""
    render_contents(items)
    parts = _Parts(get_token(request), request.get_full_path())
    for item in items:
        entry = item.entry
        figures = ""
        if staffed or entry.organisation_id in figures_for:
            counts = _(
                "%(opens)s opened, %(shares)s shared, %(useful)s useful, %(not_useful)s not useful"
            ) % {
                "opens": entry.opens,
                "shares": entry.shares,
                "useful": entry.useful,
                "not_useful": entry.not_useful,
            }
            figures = f'<p class="kern-text kern-text--small">{escape(counts)}</p>'
        actions = parts.rating_form(entry.pk, item.rating) + (
            f'<a class="kern-btn kern-btn--tertiary" href="{parts.share.format(entry.pk)}">'
            f'<span class="kern-label">{parts.send}</span></a>'
        )
        if entry.organisation_id:
            actions += parts.follow_form(
                "organisation", entry.organisation_id, parts.source_buttons
            )
        code, target = item.reason
        if code in ("topic", "group"):
            actions += parts.follow_form(code, target, parts.target_buttons)
        item.html = mark_safe(  # noqa: S308 - every value escaped above
            f'<li class="feed-item kern-card" id="entry-{int(entry.pk)}">'
            f'<p class="kern-text kern-text--small"><span class="kern-badge">'
            f"{escape(str(item.kind_label))}</span> {parts.watching if item.watched else ''}"
            f'<span class="feed-reason">{escape(str(item.reason_text))}</span></p>'
            f"{item.content}{figures}"
            f'<div class="feed-actions">{actions}</div></li>'
        )
