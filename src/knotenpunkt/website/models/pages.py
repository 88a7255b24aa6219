"""The page types of a cluster's website.

Tree per cluster and language: HomePage → StandardPage (about, imprint, privacy),
ArticleIndexPage → ArticlePage, PortraitIndexPage → PortraitPage.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from knotenpunkt.website.blocks import RICH_TEXT_FEATURES, BodyBlock
from knotenpunkt.website.panels import PortraitConsentPanel

IMAGE_MODEL = "website.WebsiteImage"


class HomePage(Page):
    """The start page of one cluster's website (one per site and language)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    featured = StreamField(
        [("article", blocks.PageChooserBlock(page_type="website.ArticlePage", label=_("article")))],
        verbose_name=_("featured articles"),
        blank=True,
        help_text=_("Shown on the start page; without any, the latest articles are shown."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "website.StandardPage",
        "website.ArticleIndexPage",
        "website.PortraitIndexPage",
    ]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("website start page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = [
            block.value.specific for block in self.featured if block.value and block.value.live
        ]
        if not featured:
            featured = list(
                ArticlePage.objects.live()
                .public()
                .descendant_of(self)
                .select_related("lead_image")
                .order_by("-first_published_at")[:3]
            )
        context["featured_articles"] = featured
        return context


class StandardPage(Page):
    """About us, imprint, privacy notice: headings, paragraphs, images and quotes."""

    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("content page")


class ListingPage(Page):
    """A page with an introduction that lists its live, public children of one type,
    newest first (`listed` names the type, `context_name` the template's variable)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    listed: str = ""
    context_name: str = ""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from django.apps import apps

        context = super().get_context(request, *args, **kwargs)
        context[self.context_name] = (
            apps.get_model(self.listed)
            .objects.live()
            .public()
            .child_of(self)
            .select_related("lead_image")
            .order_by("-first_published_at")
        )
        return context


class ArticleIndexPage(ListingPage):
    """The news page: lists its articles, newest first, and offers the RSS/Atom feeds."""

    subpage_types = ["website.ArticlePage"]
    listed = "website.ArticlePage"
    context_name = "articles"

    class Meta:
        verbose_name = _("news page")


class ScopedChoicesPageForm(WagtailAdminPageForm):
    """Offers only the organisations and people the editing user may link (their cluster's
    or, for a portrait author, their own organisation's), never the whole directory."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from knotenpunkt.website.rules import linkable_organisations, linkable_people

        user = self.for_user
        if "organisations" in self.fields:
            self.fields["organisations"].queryset = linkable_organisations(
                user, self.instance
            ).order_by("name")
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = linkable_organisations(
                user, self.instance
            ).order_by("name")
        if "person" in self.fields:
            self.fields["person"].queryset = linkable_people(user, self.instance).order_by(
                "last_name", "first_name"
            )


class ArticlePage(Page):
    """News, a press release or an event report."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PRESS_RELEASE = "press_release", _("Press release")
        EVENT_REPORT = "event_report", _("Event report")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    teaser = models.TextField(_("teaser"), max_length=500)
    lead_image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    topics = ParentalManyToManyField(
        "directory.Topic", verbose_name=_("topics"), blank=True, related_name="website_articles"
    )
    organisations = ParentalManyToManyField(
        "directory.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="website_articles",
    )
    groups = ParentalManyToManyField(
        "groups.Group", verbose_name=_("topic groups"), blank=True, related_name="website_articles"
    )
    events = ParentalManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="website_articles"
    )

    base_form_class = ScopedChoicesPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("teaser"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics"),
                FieldPanel("organisations"),
                FieldPanel("groups"),
                FieldPanel("events"),
            ],
            heading=_("Links into the platform"),
        ),
    ]
    parent_page_types = ["website.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class PortraitIndexPage(ListingPage):
    """A portrait series' page: lists its portraits, newest first."""

    subpage_types = ["website.PortraitPage"]
    listed = "website.PortraitPage"
    context_name = "portraits"

    class Meta:
        verbose_name = _("portrait series page")


class PortraitConsentMissing(ValidationError):
    pass


class PortraitPageForm(ScopedChoicesPageForm):
    def clean(self):
        cleaned_data = super().clean()
        from knotenpunkt.website.services.portraits import portrait_consent_given

        person = cleaned_data.get("person")
        if self.data.get("action-publish") and person and not portrait_consent_given(person):
            self.add_error("person", PortraitPageForm.consent_message(person))
        return cleaned_data

    @staticmethod
    def consent_message(person):
        return _(
            "%(name)s has not consented to being portrayed on the website. The portrait "
            "can be saved as a draft, but not published until the consent is recorded."
        ) % {"name": person.full_name}


class PortraitPage(Page):
    """A portrait in a series ("Firmenporträt", "Women in Tech") of a person and/or an
    organisation. A portrait of a person is live only while that person consents."""

    class Series(models.TextChoices):
        COMPANY = "company", _("Company portrait")
        WOMEN_IN_TECH = "women_in_tech", _("Women in Tech")
        OTHER = "other", _("Other portraits")

    series = models.CharField(
        _("series"), max_length=20, choices=Series.choices, default=Series.COMPANY
    )
    teaser = models.TextField(_("teaser"), max_length=500)
    lead_image = models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("portrayed person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="website_portraits",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("portrayed organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="website_portraits",
    )

    base_form_class = PortraitPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("series"),
        FieldPanel("teaser"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("person"),
                FieldPanel("organisation"),
                PortraitConsentPanel(heading=_("Consent of the portrayed person")),
            ],
            heading=_("Who is portrayed"),
        ),
    ]
    parent_page_types = ["website.PortraitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")

    def save(self, *args, **kwargs):
        # The rule holds on every path to "live" (the editor, a moderator's approval,
        # scheduled publishing), not only in the editor's form.
        from knotenpunkt.website.services.portraits import portrait_consent_given

        if self.live and self.person_id and not portrait_consent_given(self.person):
            raise PortraitConsentMissing(PortraitPageForm.consent_message(self.person))
        return super().save(*args, **kwargs)
