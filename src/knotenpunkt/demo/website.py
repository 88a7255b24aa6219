"""Demo of the clusters' websites (Wagtail): a site per demo cluster in German and English
with start page, "Über uns", news and press pages, 40 articles over two years, 12 firm
portraits and 8 role models of the series "Frauen in der Tech-Branche", built from
`website_data`.

The sites are made by `ensure_cluster_site`, like the command does; pages are published
through Wagtail's revisions (`save_revision().publish()`), so the editor shows their
history. The English pages are translations of the German ones (same translation key, the
English locale), as Wagtail's "Translate" creates them. Articles link the directory: their
topics, the member firms they are about and, for event reports, the demo event with its
real attendance. Portraits portray people who consented (privacy app, purpose PORTRAIT),
recorded before the portrait went live. Wagtail stamps the present; the demo spreads the
pages over the past two years by moving those timestamps back afterwards. One article
waits for its publication date, one is a draft.

Locally the digital cluster's site answers at http://diwish.localhost:8000/de/web/ and, as
Wagtail's default site, on 127.0.0.1 and localhost; the maritime cluster's at
http://maritim.localhost:8000/de/web/. Runs after the
other demo parts; does nothing once the demo sites have articles.
"""

import contextlib
import datetime
import io
import logging
import math
import os
from random import Random

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Count, Q
from PIL import Image, ImageDraw
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail.rich_text import RichText

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.demo.website_data import (
    ARTICLE_DAYS,
    ARTICLE_PLAN,
    COLOUR_NAMES,
    CORRECTION,
    DRAFT,
    FIRM_PARAGRAPHS,
    FIRM_PORTRAITS,
    FIRM_QUOTES,
    FIRM_TEASER,
    FIRM_TITLE,
    PICTURES,
    PORTRAIT_EVERY_DAYS,
    PRESS,
    PRESS_PAGE,
    ROLE_MODEL_PARAGRAPHS,
    ROLE_MODEL_PATHS,
    ROLE_MODEL_QUOTES,
    ROLE_MODEL_TEASER,
    ROLE_MODEL_TITLE,
    ROLE_MODELS,
    ROLES_EN,
    SCHEDULED,
    SITES,
    TEMPLATE_PICTURES,
    TEMPLATES,
    TITLE_FALLBACKS,
    ArticleTemplate,
    SiteSpec,
)
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person, Position
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent
from knotenpunkt.website.models import (
    ArticleIndexPage,
    ArticlePage,
    ClusterSite,
    PortraitIndexPage,
    PortraitPage,
    StandardPage,
    WebsiteImage,
)
from knotenpunkt.website.services.portraits import portrait_consent_given
from knotenpunkt.website.services.sites import ensure_cluster_site

# Where the demo server answers (demo/management/commands/demo.py, `--port`): browsers
# resolve *.localhost to this machine, and the development ALLOWED_HOSTS lets them in. The
# digital cluster's site is also the default site: /de/web/ on 127.0.0.1 and localhost.
HOSTS = {DIGITAL["slug"]: "diwish.localhost", MARITIME["slug"]: "maritim.localhost"}
LANGUAGES = ("de", "en")
MONTHS = {
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
CONSENT_SOURCE = "demo: Einwilligung im Interview für das Porträt"
FIRM_HEADS = ("ceo", "cto", "cio", "cdo", "board")
# Who counts as a role model in tech: technical and leading functions.
TECH_ROLES = ("ceo", "cto", "cio", "cdo", "developer", "project", "research")


def demo_port() -> int:
    return int(os.environ.get("PORT") or 8000)


def demo_site(cluster_slug: str) -> ClusterSite | None:
    return (
        ClusterSite.objects.select_related("site__root_page", "cluster")
        .filter(cluster__slug=cluster_slug)
        .first()
    )


def demo_articles():
    """The German articles of the demo sites (live, scheduled and drafts): those below the
    sites' root pages, which are the German start pages."""
    homes = Site.objects.filter(
        cluster_site__cluster__slug__in=[DIGITAL["slug"], MARITIME["slug"]]
    ).values_list("root_page__path", flat=True)
    if not homes:
        return ArticlePage.objects.none()
    return ArticlePage.objects.filter(path__regex="^(" + "|".join(homes) + ")")


def build_website_demo(seed: int) -> bool:
    """Both clusters' websites with articles and portraits; False if they exist."""
    clusters = {
        c.slug: c for c in Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]])
    }
    if len(clusters) < 2 or demo_articles().exists():
        return False
    rng = Random(seed + 19)
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    stamps = Stamps()
    portrayed: set[int] = set()  # a firm in both clusters is portrayed once
    titles: set[str] = set()  # the German titles of both sites' articles, each told once
    with transaction.atomic(), _quiet("wagtail"):
        for spec in SITES:
            cluster = clusters[spec.cluster]
            cluster_site = ensure_cluster_site(cluster, HOSTS[spec.cluster], port=demo_port())
            builder = SiteBuilder(rng, spec, cluster_site, locales, stamps, portrayed, titles)
            builder.fill_starting_pages()
            builder.add_articles()
            builder.add_portraits()
            builder.record_revisions()
            builder.correct_some()
        _make_default_site(clusters[DIGITAL["slug"]])
        stamps.apply()
    return True


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Wagtail narrates every page it creates and publishes at INFO: hundreds of lines in
    the demo command's output."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _make_default_site(cluster: Cluster) -> None:
    """The digital cluster's site answers every host name without a site of its own, in
    place of Wagtail's placeholder ("Welcome to your new Wagtail site!")."""
    site = cluster.cluster_site.site
    for other in Site.objects.filter(is_default_site=True).exclude(pk=site.pk):
        placeholder = other.root_page
        is_placeholder = not hasattr(other, "cluster_site")
        other.is_default_site = False
        other.save(update_fields=["is_default_site"])
        if is_placeholder and placeholder.specific_class is Page and placeholder.is_leaf():
            other.delete()
            placeholder.delete()
    site.is_default_site = True
    site.save(update_fields=["is_default_site"])


# --- time stamps ------------------------------------------------------------------------------


class Stamps:
    """When each page was published: Wagtail stamps the present, the demo moves it back."""

    def __init__(self):
        self.pages: dict[int, tuple[datetime.datetime, datetime.datetime]] = {}
        self.revisions: dict[int, datetime.datetime] = {}

    def page(self, page: Page, first: datetime.datetime, last: datetime.datetime | None = None):
        self.pages[page.pk] = (first, last or first)

    def revision(self, revision: Revision, at: datetime.datetime) -> None:
        self.revisions[revision.pk] = at

    def apply(self) -> None:
        for pk, (first, last) in self.pages.items():
            Page.objects.filter(pk=pk).update(
                first_published_at=first, last_published_at=last, latest_revision_created_at=last
            )
        revisions = list(Revision.objects.filter(pk__in=self.revisions))
        for revision in revisions:
            revision.created_at = self.revisions[revision.pk]
        Revision.objects.bulk_update(revisions, ["created_at"], batch_size=500)
        for pk, at in self.revisions.items():
            PageLogEntry.objects.filter(revision_id=pk).update(timestamp=at)


# --- one site ---------------------------------------------------------------------------------


def _paragraphs(texts: list[str]) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _date(day: datetime.date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    return f"{day.day}. {month} {day.year}" if language == "de" else f"{day.day} {month} {day.year}"


class SiteBuilder:
    def __init__(
        self,
        rng: Random,
        spec: SiteSpec,
        cluster_site: ClusterSite,
        locales,
        stamps,
        portrayed: set[int],
        titles: set[str],
    ):
        self.rng, self.spec, self.cluster_site = rng, spec, cluster_site
        self.cluster = cluster_site.cluster
        self.locales, self.stamps = locales, stamps
        self.now = clock.now()
        self.homes = {
            code: cluster_site.site.root_page.get_translation(locale).specific
            for code, locale in locales.items()
        }
        self.pictures: dict[str, WebsiteImage] = {}
        members = Membership.objects.in_force(clock.today()).filter(cluster=self.cluster)
        self.members = members
        self.firms = list(
            Organisation.objects.filter(
                pk__in=members.values("organisation"),
                actor_type=Organisation.ActorType.BUSINESS,
                is_listed=True,
            )
            .prefetch_related("topics")
            .order_by("name", "pk")
        )
        self.used_firms: set[int] = set()
        public_people = (
            Position.objects.current()
            .filter(person__is_public=True, person__erased_at__isnull=True)
            .select_related("person")
            .order_by("-is_admin", "pk")
        )
        self.people: dict[int, list[Position]] = {}
        for position in public_people.filter(organisation__in=self.firms):
            self.people.setdefault(position.organisation_id, []).append(position)
        self.topics = _topics_by_use(self.firms)[:20]
        self.used_portraits: set[int] = portrayed
        self.templates = {t.key: t for t in TEMPLATES}
        self.titles = titles
        self.published: list[tuple[Page, datetime.datetime]] = []
        self.to_correct: list[tuple[ArticlePage, datetime.datetime]] = []

    # --- the starting pages

    def _child(self, page_type, language: str, slug_de: str):
        """The translation in `language` of the German child page `slug_de` of the home."""
        german = page_type.objects.child_of(self.homes["de"]).get(slug=slug_de)
        return german if language == "de" else german.get_translation(self.locales[language])

    def fill_starting_pages(self) -> None:
        spec = self.spec
        picture = self.picture("network")
        for language in LANGUAGES:
            home = self.homes[language]
            home.intro = f"<p>{getattr(spec.intro, language)}</p>"
            self._revise(home)
            about = self._child(StandardPage, language, "ueber-uns").specific
            texts = [getattr(t, language) for t in spec.about]
            about.body = [
                *_paragraphs(texts[:1]),
                ("image", {"image": picture, "caption": self.cluster.name}),
                *_paragraphs(texts[1:]),
                (
                    "heading",
                    {"text": "Kontakt" if language == "de" else "Contact", "level": "h2"},
                ),
                *_paragraphs(
                    [
                        f"{self.cluster.name}, {self.cluster.street}, {self.cluster.postcode} "
                        f"{self.cluster.city}, {self.cluster.email}"
                    ]
                ),
            ]
            self._revise(about)
            news = self._child(ArticleIndexPage, language, "aktuelles").specific
            news.intro = f"<p>{getattr(spec.news_intro, language)}</p>"
            self._revise(news)
            portraits = self._child(PortraitIndexPage, language, "portraets").specific
            portraits.intro = f"<p>{getattr(spec.portraits_intro, language)}</p>"
            self._revise(portraits)
        self.news = {code: self._child(ArticleIndexPage, code, "aktuelles") for code in LANGUAGES}
        self.portrait_index = {
            code: self._child(PortraitIndexPage, code, "portraets") for code in LANGUAGES
        }
        self.press = self._add_press_page()

    def _revise(self, page: Page) -> None:
        """Save the page's new content live; its revision follows in `record_revisions`."""
        page.save()
        self.published.append((page, self.now))

    def _add_press_page(self) -> dict[str, ArticleIndexPage]:
        (title_de, slug_de), (title_en, slug_en) = PRESS_PAGE
        press, german = {}, None
        for language, title, slug in (("de", title_de, slug_de), ("en", title_en, slug_en)):
            page = ArticleIndexPage(
                title=title,
                slug=slug,
                locale=self.locales[language],
                intro=f"<p>{getattr(self.spec.press_intro, language)}</p>",
            )
            if german is not None:
                page.translation_key = german.translation_key
            self._publish_new(self.homes[language], page, self.now)
            # Beside the news page in the site's navigation.
            page.move(self.news[language], pos="right")
            press[language] = page
            german = german or page
        return press

    # --- pictures

    def picture(self, kind: str) -> WebsiteImage:
        if kind not in self.pictures:
            name, alt = PICTURES[kind]
            colour = self.spec.colour
            self.pictures[kind] = WebsiteImage.objects.create(
                title=f"{name.capitalize()} ({self.cluster.short_name or self.cluster.name})",
                alt_text=alt.format(colour=COLOUR_NAMES[colour]),
                file=ImageFile(
                    io.BytesIO(draw_picture(kind, colour, self.rng)),
                    name=f"{self.cluster.slug}-{name}.png",
                ),
                collection=self.cluster_site.collection,
            )
        return self.pictures[kind]

    # --- articles

    def add_articles(self) -> None:
        """The site's articles, oldest first: event reports a few days after a past event,
        the others spread evenly over two years (one in each stretch of some weeks)."""
        templates = self.templates
        entries = [
            templates[key]
            for key, count in ARTICLE_PLAN[self.spec.cluster].items()
            for _ in range(count)
        ]
        self.rng.shuffle(entries)
        reports = [t for t in entries if "event" in t.needs]
        events = self._past_events()
        events = sorted(
            self.rng.sample(events, min(len(reports), len(events))), key=lambda e: e.starts_at
        )
        others = [t for t in entries if "event" not in t.needs]
        # More reports than past events: the rest welcome new members instead.
        others += [templates["new_members"]] * (len(reports) - len(events))
        stretch = (ARTICLE_DAYS - 3) / len(others)
        planned = [
            (template, None, self._published(int(3 + (n + self.rng.random()) * stretch), None))
            for n, template in enumerate(others)
        ]
        planned += [
            (template, event, self._published(0, event))
            for template, event in zip(reports, events, strict=False)
        ]
        for n, (template, event, published) in enumerate(sorted(planned, key=lambda p: p[2])):
            article = self._article(template, published, event)
            if n % 9 == 4:
                corrected = published + datetime.timedelta(days=2)
                self.to_correct.append((article, min(corrected, self.now)))
        if self.spec.cluster == DIGITAL["slug"]:
            self._scheduled_and_draft()

    def _past_events(self) -> list[Event]:
        """Past events of the cluster that people attended."""
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        return list(
            Event.objects.filter(
                clusters=self.cluster,
                ends_at__lt=self.now - datetime.timedelta(days=4),
                cancelled_at__isnull=True,
            )
            .annotate(attendees=Count("registrations", filter=confirmed))
            .filter(attendees__gte=3)
            .prefetch_related("topics", "groups")
            .order_by("starts_at", "pk")
        )

    def _published(self, day: int, event: Event | None) -> datetime.datetime:
        if event is not None:
            return event.ends_at + datetime.timedelta(days=self.rng.randint(1, 3), hours=15)
        moment = self.now - datetime.timedelta(days=day)
        return moment.replace(hour=self.rng.choice([8, 9, 10, 11, 14]), minute=0, second=0)

    def _figures(self, day: datetime.date) -> dict:
        """The cluster's membership figures as they were on `day`."""
        history = Membership.objects.filter(cluster=self.cluster)
        year_ago = day - datetime.timedelta(days=365)
        reported = day - datetime.timedelta(days=20)  # the quarter the news is about
        quarter = (reported.month - 1) // 3 + 1
        quarter_start = datetime.date(reported.year, 3 * quarter - 2, 1)
        return {
            "members": history.active_on(day).values("organisation").distinct().count(),
            "joined": history.filter(start_date__gt=year_ago, start_date__lte=day).count(),
            "left": history.filter(end_date__gt=year_ago, end_date__lte=day).count(),
            "entered": history.filter(start_date__gte=quarter_start, start_date__lte=day).count(),
            "quarter": quarter,
            "quarter_start": quarter_start,
        }

    def _newcomer(self, since: datetime.date, day: datetime.date) -> Organisation | None:
        """A member firm that joined between `since` and `day`, if one did."""
        joined = Membership.objects.filter(
            cluster=self.cluster, start_date__gte=since, start_date__lte=day
        ).values("organisation")
        firms = [f for f in self.firms if f.pk not in self.used_firms]
        newcomers = [f for f in firms if f.pk in {row["organisation"] for row in joined}]
        if not newcomers:
            return None
        firm = self.rng.choice(newcomers)
        self.used_firms.add(firm.pk)
        return firm

    def _firm(self) -> Organisation:
        free = [f for f in self.firms if f.pk not in self.used_firms and f.pk in self.people]
        firm = self.rng.choice(free or self.firms)
        self.used_firms.add(firm.pk)
        return firm

    def _person(self, organisation: Organisation) -> Person | None:
        positions = self.people.get(organisation.pk)
        return positions[0].person if positions else None

    def _gaps(self, template: ArticleTemplate, published, event) -> tuple[dict, list, dict]:
        """The values of the template's gaps (per language), the organisations linked and
        the topic."""
        day = published.date()
        figures = self._figures(day)
        org = org2 = None
        if template.key == "new_members":
            org = self._newcomer(figures["quarter_start"], day)
        if "org" in template.needs and org is None:
            org = self._firm()
        if "org2" in template.needs:
            org2 = self._firm()
        if event is not None and event.topics.all():
            topic = event.topics.all()[0]
        elif org is not None and org.topics.all():
            topic = self.rng.choice(list(org.topics.all()))
        else:
            topic = self.rng.choice(self.topics)
        if org is None and event is not None:
            org = self._firm()
        person = self._person(org) if org is not None else None
        values = {
            "cluster_short": self.cluster.short_name or self.cluster.name,
            "cluster_name": self.cluster.name,
            "city": self.cluster.city,
            "email": self.cluster.email,
            "org": org.name if org else "",
            "org2": org2.name if org2 else "",
            "person": person.full_name if person else self.cluster.name,
            "count": self.rng.randint(6, 11),
            "percent": self.rng.randint(55, 78),
            "year": day.year,
            **figures,
        }
        if template.key == "skills_survey":
            values["count"] = self.rng.randint(48, 95)
        elif template.key == "new_members":
            values["count"] = max(figures["entered"], 2)
        by_language = {}
        for language in LANGUAGES:
            local = dict(values)
            local["topic"] = topic.label_de if language == "de" else topic.label_en
            local["date"] = _date(published.date(), language)
            quarter, year = figures["quarter"], figures["quarter_start"].year
            local["quarter"] = (
                f"{quarter}. Quartal {year}" if language == "de" else f"Q{quarter} {year}"
            )
            if event is not None:
                local.update(
                    event=event.title,
                    event_date=_date(event.starts_at.date(), language),
                    attendees=event.attendees,
                    venue_de=f" im {event.venue_name}" if event.venue_name else " (online)",
                    venue_en=f" at {event.venue_name}" if event.venue_name else " (online)",
                )
            by_language[language] = local
        organisations = [o for o in (org, org2) if o is not None]
        return by_language, organisations, {"topic": topic, "person": person}

    def _article(self, template: ArticleTemplate, published, event) -> ArticlePage:
        gaps, organisations, extra = self._gaps(template, published, event)
        for key in TITLE_FALLBACKS:
            # The same story twice (a second welcome in one quarter, a survey figure drawn
            # again) would read like a mistake: tell another one that day instead.
            if template.title.de.format(**gaps["de"]) not in self.titles:
                break
            template = self.templates[key]
            gaps, organisations, extra = self._gaps(template, published, None)
        self.titles.add(template.title.de.format(**gaps["de"]))
        picture = TEMPLATE_PICTURES.get(template.key)
        image = self.picture(picture) if picture and self.rng.random() < 0.7 else None
        index = self.press if template.kind == PRESS else self.news
        german = None
        for language in LANGUAGES:
            values = gaps[language]
            texts = [getattr(p, language).format(**values) for p in template.paragraphs]
            body = _paragraphs(texts)
            if template.quote is not None:
                who = extra["person"].full_name if extra["person"] else ""
                body.insert(
                    len(body) - 1 if len(body) > 2 else len(body),
                    (
                        "quote",
                        {
                            "quote": getattr(template.quote, language),
                            "attribution": f"{who}, {values['org']}" if who else "",
                        },
                    ),
                )
            title = getattr(template.title, language).format(**values)
            page = ArticlePage(
                title=title,
                slug=f"{published:%Y-%m-%d}-{template.key}",
                kind=template.kind,
                teaser=getattr(template.teaser, language).format(**values),
                body=body,
                lead_image=image,
                locale=self.locales[language],
                first_published_at=published,
                live=False,
            )
            if german is not None:
                page.translation_key = german.translation_key
            page.topics.set([extra["topic"]])
            page.organisations.set(organisations)
            if event is not None:
                page.events.set([event])
                page.groups.set(list(event.groups.all()))
            self._publish_new(index[language], page, published)
            german = german or page
        return german

    def _publish_new(self, parent: Page, page: Page, published) -> None:
        """Add the page as it went live on `published`; its revision and the entry in its
        history follow in `record_revisions`."""
        page.slug = _free_slug(parent, page.slug)
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = published
        page.latest_revision_created_at = published
        page.draft_title = page.title
        parent.add_child(instance=page)
        self.published.append((page, published))

    def record_revisions(self) -> None:
        """What `save_revision().publish()` records for each new page, on its day and in
        bulk: the revision (live and latest) and "published" in the page's history."""
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page.get_base_content_type(),
                object_id=str(page.pk),
                content=page.serializable_data(),
                object_str=str(page),
                created_at=published,
            )
            for page, published in self.published
        )
        Page.objects.bulk_update(
            [
                Page(pk=page.pk, latest_revision_id=revision.pk, live_revision_id=revision.pk)
                for (page, _), revision in zip(self.published, revisions, strict=True)
            ],
            ["latest_revision", "live_revision"],
            batch_size=500,
        )
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                page_id=page.pk,
                content_type_id=page.content_type_id,
                label=page.title,
                action="wagtail.publish",
                timestamp=published,
                revision=revision,
                content_changed=True,
            )
            for (page, published), revision in zip(self.published, revisions, strict=True)
        )

    def correct_some(self) -> None:
        """Some articles got a second revision: the editors corrected them two days later
        (through Wagtail's own `save_revision().publish()`)."""
        for german, when in self.to_correct:
            for page in german.get_translations(inclusive=True).specific():
                language = page.locale.language_code
                note = getattr(CORRECTION, language)
                page.body.append(("paragraph", RichText(f"<p><i>{note}</i></p>")))
                revision = page.save_revision()
                revision.publish()
                self.stamps.page(page, page.first_published_at, when)
                self.stamps.revision(revision, when)

    def _scheduled_and_draft(self) -> None:
        go_live = (self.now + datetime.timedelta(days=3)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        (title, teaser) = SCHEDULED
        scheduled = ArticlePage(
            title=title.de,
            slug="digitalgipfel-programm",
            kind=PRESS,
            teaser=teaser.de,
            body=_paragraphs([teaser.de]),
            locale=self.locales["de"],
            go_live_at=go_live,
            live=False,
        )
        self.press["de"].add_child(instance=scheduled)
        scheduled.save_revision().publish()  # waits for go_live_at (publish_scheduled)
        (title, teaser) = DRAFT
        draft = ArticlePage(
            title=title.de,
            slug="jahresbilanz-entwurf",
            kind="news",
            teaser=teaser.de,
            body=_paragraphs([teaser.de]),
            locale=self.locales["de"],
            live=False,
        )
        self.news["de"].add_child(instance=draft)
        draft.save_revision()

    # --- portraits

    def add_portraits(self) -> None:
        firms = FIRM_PORTRAITS.get(self.spec.cluster, 0)
        role_models = ROLE_MODELS if self.spec.cluster == DIGITAL["slug"] else 0
        first = self.now - datetime.timedelta(days=4)
        slots = []
        for n in range(firms):
            slots.append(("firm", first - datetime.timedelta(days=PORTRAIT_EVERY_DAYS * n)))
        for n in range(role_models):
            slots.append(
                ("role", first - datetime.timedelta(days=PORTRAIT_EVERY_DAYS * n + 7, hours=2))
            )
        women = self._women()
        for kind, published in slots:
            published = published.replace(hour=10, minute=0, second=0, microsecond=0)
            if kind == "firm":
                firm = self._firm_with_person()
                if firm is not None:
                    self._firm_portrait(firm, published)
            elif women:
                self._role_model(women.pop(0), published)

    def _firm_with_person(self) -> Organisation | None:
        free = [f for f in self.firms if f.pk in self.people and f.pk not in self.used_portraits]
        if not free:
            return None
        # Firms whose head is shown publicly, so that the head can speak for the firm.
        led = [f for f in free if any(p.function in FIRM_HEADS for p in self.people[f.pk])]
        firm = self.rng.choice(led or free)
        self.used_portraits.add(firm.pk)
        return firm

    def _women(self) -> list[Position]:
        """Women of the cluster's member firms in a technical role, one per firm."""
        chosen, firms = [], set()
        positions = [p for ps in self.people.values() for p in ps]
        self.rng.shuffle(positions)
        for position in sorted(positions, key=lambda p: p.organisation_id):
            if position.person.salutation != Person.Salutation.MS:
                continue
            if position.function not in TECH_ROLES:
                continue
            if position.organisation_id in firms:
                continue
            firms.add(position.organisation_id)
            chosen.append(position)
        self.rng.shuffle(chosen)
        return chosen[:ROLE_MODELS]

    def _consent(self, person: Person, published) -> None:
        if not portrait_consent_given(person):
            consent = record_consent(person, Consent.Purpose.PORTRAIT, True, source=CONSENT_SOURCE)
            Consent.objects.filter(pk=consent.pk).update(
                recorded_at=published - datetime.timedelta(days=9)
            )

    def _firm_portrait(self, firm: Organisation, published) -> None:
        # The firm's head speaks for it (managing director, CTO, ...), else its admin.
        position = max(self.people[firm.pk], key=lambda p: (p.function in FIRM_HEADS, p.is_admin))
        person = position.person
        self._consent(person, published)
        topics = list(firm.topics.all()) or [self.rng.choice(self.topics)]
        since = (
            self.members.filter(organisation=firm).order_by("start_date").first().start_date.year
        )
        quote = self.rng.choice(FIRM_QUOTES)
        image = self.picture("circles") if self.rng.random() < 0.5 else None
        german = None
        for language in LANGUAGES:
            label = "label_de" if language == "de" else "label_en"
            second = ""
            if len(topics) > 1:
                second = (" und " if language == "de" else " and ") + getattr(topics[1], label)
            values = {
                "org": firm.name,
                "city": firm.city,
                "employees": firm.employees or ("einige" if language == "de" else "a few"),
                "person": person.full_name,
                "job_title": _job_title(position, language),
                "topic": getattr(topics[0], label),
                "topic2_de": second,
                "topic2_en": second,
                "since": since,
            }
            texts = [getattr(p, language).format(**values) for p in FIRM_PARAGRAPHS]
            body = _paragraphs(texts[:2])
            body.append(
                (
                    "quote",
                    {
                        "quote": getattr(quote, language),
                        "attribution": f"{person.full_name}, {firm.name}",
                    },
                )
            )
            body += _paragraphs(texts[2:])
            page = PortraitPage(
                title=getattr(FIRM_TITLE, language).format(**values),
                slug=f"{firm.slug}"[:200],
                series=PortraitPage.Series.COMPANY,
                teaser=getattr(FIRM_TEASER, language).format(**values),
                body=body,
                lead_image=image,
            )
            german = self._add_portrait(page, person, firm, language, published, german)

    def _role_model(self, position: Position, published) -> None:
        person, firm = position.person, position.organisation
        self._consent(person, published)
        topics = list(firm.topics.all()) or [self.rng.choice(self.topics)]
        path = self.rng.choice(ROLE_MODEL_PATHS)
        quote = self.rng.choice(ROLE_MODEL_QUOTES)
        german = None
        for language in LANGUAGES:
            values = {
                "person": person.full_name,
                "org": firm.name,
                "city": firm.city,
                "job_title": _job_title(position, language),
                "topic": topics[0].label_de if language == "de" else topics[0].label_en,
                "path_de": path.de,
                "path_en": path.en,
            }
            texts = [getattr(p, language).format(**values) for p in ROLE_MODEL_PARAGRAPHS]
            body = _paragraphs(texts[:2])
            body.append(
                ("quote", {"quote": getattr(quote, language), "attribution": person.full_name})
            )
            body += _paragraphs(texts[2:])
            page = PortraitPage(
                title=getattr(ROLE_MODEL_TITLE, language).format(**values),
                slug=f"frauen-in-tech-{person.pk}",
                series=PortraitPage.Series.WOMEN_IN_TECH,
                teaser=getattr(ROLE_MODEL_TEASER, language).format(**values),
                body=body,
            )
            german = self._add_portrait(page, person, firm, language, published, german)

    def _add_portrait(self, page, person, firm, language, published, german):
        """Publish one language's portrait (the English one as the German's translation);
        returns the German page."""
        page.person, page.organisation = person, firm
        page.locale = self.locales[language]
        page.first_published_at, page.live = published, False
        if german is not None:
            page.translation_key = german.translation_key
        self._publish_new(self.portrait_index[language], page, published)
        return german or page


def _job_title(position: Position, language: str) -> str:
    if language == "de" and position.job_title:
        return position.job_title
    return ROLES_EN.get(position.function, "team member")


def _topics_by_use(firms) -> list:
    """The topics of the firms, the most common first."""
    counts: dict = {}
    for firm in firms:
        for topic in firm.topics.all():
            counts[topic] = counts.get(topic, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t.pk))


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


# --- drawing ----------------------------------------------------------------------------------


def draw_picture(kind: str, colour: tuple[int, int, int], rng: Random) -> bytes:
    """A simple picture in the cluster's colour, drawn with Pillow (PNG, 960×540)."""
    width, height = 960, 540
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    white, light = (255, 255, 255), tuple(min(255, c + 70) for c in colour)
    if kind == "network":
        points = [(rng.randint(80, width - 80), rng.randint(80, height - 80)) for _ in range(14)]
        for i, a in enumerate(points):
            for b in points[i + 1 : i + 3]:
                draw.line([a, b], fill=light, width=4)
        for x, y in points:
            draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill=white)
    elif kind == "bars":
        for i in range(5):
            bar = 80 + i * 70
            x = 130 + i * 150
            draw.rectangle([x, height - 80 - bar, x + 110, height - 80], fill=white)
        draw.line([(120, height - 80), (width - 120, height - 80)], fill=light, width=6)
    elif kind == "circles":
        for dx, dy in ((-120, -50), (120, -50), (0, 90)):
            cx, cy = width // 2 + dx, height // 2 + dy
            draw.ellipse([cx - 160, cy - 160, cx + 160, cy + 160], outline=white, width=10)
    else:  # waves
        for row in range(6):
            y0 = 80 + row * 75
            points = [(x, y0 + 28 * math.sin((x / 90.0) + row)) for x in range(0, width + 10, 10)]
            draw.line(points, fill=white if row % 2 == 0 else light, width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
