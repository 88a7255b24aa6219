"""The main pages of every role, on the demo data: what `make screenshots` photographs
and what the phone-layout browser test checks for overflow and accessibility.

A stop is a page a person in that role opens in an ordinary week. The addresses are
looked up in the demo data (the demo's own organisation, its next event, …), so the tour
follows the demo when it changes.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from knotenpunkt.assessments.models import Assessment
from knotenpunkt.commitments.models import Commitment
from knotenpunkt.community.rules import people_of_clusters
from knotenpunkt.cooperations.models import Cooperation
from knotenpunkt.demo.logins import PASSWORD
from knotenpunkt.demo.participation import demo_process
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.events.models import Event
from knotenpunkt.groups.models import Group
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.jobs.services.board import listed_postings
from knotenpunkt.matching.models import Need
from knotenpunkt.memberships.models import FeeRun, MembershipApplication
from knotenpunkt.participation.models import DialogueProposal, Phase, SurveyInvitation
from knotenpunkt.procurement.models import Offering, QuoteRequest
from knotenpunkt.strategy.models import Activity
from knotenpunkt.website.models import ArticlePage, PortraitPage


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    email: str | None  # None: a visitor who is not logged in
    password: str = PASSWORD


ROLES = [
    Role("visitor", "Visitor (not logged in)", None),
    Role("member", "Member person", "member@demo.example"),
    Role("orgadmin", "Organisation admin", "orgadmin@demo.example"),
    Role("manager", "Cluster management", "cm@diwish.example"),
    Role("buyer", "Public buyer", "kommune@demo.example"),
]


@dataclass(frozen=True)
class Stop:
    name: str
    path: str


def log_in(page, base_url: str, role: Role) -> None:
    """Log a Playwright page in as `role` through the login form, as a person would."""
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("E-Mail-Adresse").fill(role.email)
    page.get_by_label("Passwort").fill(role.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**" + reverse("accounts:me"))


def _first(queryset):
    return queryset.order_by("pk").first()


def _public_pages() -> list[Stop]:
    stops = [
        Stop("home", reverse("home")),
        Stop("directory", reverse("directory:organisations")),
        Stop("groups", reverse("groups:list")),
        Stop("events", reverse("events:calendar")),
        Stop("needs", reverse("matching:needs")),
        Stop("shop", reverse("procurement:catalogue")),
    ]
    listed = Offering.objects.filter(published__isnull=False, withdrawn_at__isnull=True)
    if cluster := _first(Cluster.objects.all()):
        stops.append(Stop("cluster", reverse("directory:cluster", args=[cluster.slug])))
    if organisation := _first(listed.values_list("provider", flat=True)):
        organisation = Organisation.objects.get(pk=organisation)
        stops.append(
            Stop("organisation", reverse("directory:organisation", args=[organisation.slug]))
        )
    if group := _first(Group.objects.all()):
        stops.append(Stop("group", reverse("groups:group", args=[group.slug])))
    upcoming = Event.objects.filter(
        starts_at__gte=timezone.now(), audience=Event.Audience.PUBLIC, cancelled_at__isnull=True
    )
    if event := upcoming.order_by("starts_at").first():
        stops.append(Stop("event", reverse("events:event", args=[event.slug])))
    if offering := _first(listed):
        stops.append(Stop("offering", reverse("procurement:offering", args=[offering.slug])))
    stops.append(Stop("commitments", reverse("commitments:list")))
    if commitment := _first(Commitment.objects.filter(versions__published_at__isnull=False)):
        stops.append(Stop("commitment", reverse("commitments:detail", args=[commitment.slug])))
    return stops


def participation_stops(role: Role) -> list[Stop]:
    """The county's participation process (demo/participation.py): what a visitor reads,
    what its participant (member@) answers, what its moderator (kommune@) manages."""
    process = demo_process()
    if process is None:
        return []
    phases = {phase.module: phase for phase in process.phases.all()}
    Module = Phase.Module
    process_stop = Stop("process", reverse("participation:process", args=[process.slug]))
    if role.key == "visitor":
        stops = [process_stop]
        if dialogue := phases.get(Module.DIALOGUE):
            stops.append(Stop("dialogue", reverse("participation:dialogue", args=[dialogue.pk])))
            answered = DialogueProposal.objects.filter(
                dialogue__phase=dialogue, state=DialogueProposal.State.PUBLISHED
            ).exclude(status=DialogueProposal.Status.OPEN)
            if proposal := _first(answered):
                stops.append(Stop("proposal", proposal.get_absolute_url()))
        return stops
    if role.key == "member":
        stops = [process_stop]
        invitation = _first(
            SurveyInvitation.objects.filter(
                survey__phase__process=process, email__iexact=role.email
            )
        )
        if invitation:
            stops.append(
                Stop(
                    "survey-answer", reverse("participation:survey_answer", args=[invitation.token])
                )
            )
        return stops
    if role.key == "buyer":
        stops = [Stop("process-manage", reverse("participation:manage", args=[process.slug]))]
        pages = [
            (Module.DIALOGUE, "dialogue-moderation", "participation:dialogue_moderation"),
            (Module.MEASURES, "measures", "participation:measures"),
            (Module.MEASURES, "measures-matrix", "participation:measures_matrix"),
            (Module.SURVEY, "survey-results", "participation:survey_results"),
        ]
        for module, name, url_name in pages:
            if phase := phases.get(module):
                stops.append(Stop(name, reverse(url_name, args=[phase.pk])))
        return stops
    return []


def jobs_stops(role: Role) -> list[Stop]:
    """The job board (demo/jobs.py): the board and a job a visitor reads, the postings
    the org admin manages for their firm, the review queue of the cluster management."""
    if role.key == "visitor":
        stops = [Stop("jobs", reverse("jobs:board"))]
        if posting := _first(listed_postings().filter(kind="job")):
            stops.append(Stop("job", posting.get_absolute_url()))
        return stops
    if role.key == "orgadmin":
        return [Stop("my-postings", reverse("jobs:mine"))]
    if role.key == "manager":
        return [Stop("job-review", reverse("jobs:review"))]
    return []


def website_stops(role: Role) -> list[Stop]:
    """The digital cluster's website (demo/website.py, Wagtail's default site, so it answers
    on the tour's host): its start page, the newest article and a portrait for a visitor;
    the personal feed and its popular tab for the member."""
    if role.key == "member":
        feed = reverse("feed:feed")
        return [Stop("feed", feed), Stop("feed-popular", feed + "?tab=popular")]
    if role.key != "visitor":
        return []
    site = Site.objects.filter(is_default_site=True, cluster_site__isnull=False).first()
    if site is None:
        return []
    home = site.root_page
    stops = [Stop("website", home.get_url_parts()[2])]
    article = (
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .filter(lead_image__isnull=False)
        .order_by("-first_published_at")
        .first()
    )
    if article is not None:
        stops.append(Stop("website-article", article.get_url_parts()[2]))
    portrait = (
        PortraitPage.objects.live().public().descendant_of(home).order_by("-first_published_at")
    ).first()
    if portrait is not None:
        stops.append(Stop("website-portrait", portrait.get_url_parts()[2]))
    return stops


def stops_for(role: Role) -> list[Stop]:
    if role.key == "visitor":
        return [
            *_public_pages(),
            *participation_stops(role),
            *jobs_stops(role),
            *website_stops(role),
            Stop("login", reverse("accounts:login")),
            Stop("signup", reverse("accounts:signup")),
            Stop("newsletter", reverse("mailings:subscribe")),
            Stop("not-found", "/gibt-es-nicht/"),
            Stop("forbidden", reverse("matching:for_me")),
        ]
    common = [Stop("home", reverse("home")), Stop("my-data", reverse("accounts:me"))]
    if role.key == "member":
        return [
            *common,
            Stop("matches", reverse("matching:for_me")),
            Stop("my-registrations", reverse("events:my_registrations")),
            Stop("privacy", reverse("privacy:overview")),
            Stop("groups", reverse("groups:list")),
            Stop("events", reverse("events:calendar")),
            *participation_stops(role),
            *website_stops(role),
        ]
    if role.key == "orgadmin":
        organisation = Organisation.objects.filter(
            positions__person__user__email=role.email
        ).first()
        stops = [*common, Stop("needs", reverse("matching:needs"))]
        if organisation:
            slug = [organisation.slug]
            stops += [
                Stop("edit-profile", reverse("directory:organisation_edit", args=slug)),
                Stop("people", reverse("directory:organisation_people", args=slug)),
                Stop("competences", reverse("matching:profile_edit", args=slug)),
                Stop("billing", reverse("memberships:billing_details", args=slug)),
            ]
            if membership := _first(organisation.memberships.all()):
                stops.append(
                    Stop(
                        "mandate",
                        reverse(
                            "memberships:mandate_give",
                            args=[organisation.slug, membership.cluster.slug],
                        ),
                    )
                )
        stops.append(Stop("apply", reverse("memberships:apply")))
        stops.append(Stop("my-offerings", reverse("procurement:my_offerings")))
        return stops + jobs_stops(role)
    if role.key == "manager":
        stops = [
            *common,
            Stop("dashboard", reverse("directory:dashboard")),
            Stop("attendance", reverse("events:attendance_overview")),
            Stop("invoices", reverse("invoicing:invoices")),
            Stop("mailings", reverse("mailings:mailings")),
            Stop("segments", reverse("mailings:segments")),
            Stop("matching-board", reverse("matching:board")),
            Stop("review-queue", reverse("procurement:review_queue")),
            Stop("buyers", reverse("procurement:buyers")),
            Stop("quality", reverse("quality:dashboard")),
            Stop("duplicates", reverse("quality:duplicates")),
            Stop("import", reverse("imports:start")),
            Stop("fees", reverse("memberships:fees")),
            Stop("applications", reverse("memberships:applications")),
            Stop("open-items", reverse("memberships:open_items")),
            Stop("mandates", reverse("memberships:mandates")),
            Stop("sepa-export", reverse("memberships:sepa_export")),
            Stop("debit-files", reverse("memberships:debit_batches")),
            Stop("reminder-levels", reverse("memberships:reminder_levels")),
            Stop("kpis", reverse("kpis:dashboard")),
            Stop("kpi-definitions", reverse("kpis:definitions")),
            Stop("strategy", reverse("strategy:index")),
            Stop("label", reverse("assessments:list")),
            Stop("cooperations", reverse("cooperations:list")),
            Stop("partner-networks", reverse("cooperations:networks")),
            Stop("interactions", reverse("interactions:list")),
            Stop("follow-ups", reverse("interactions:my_follow_ups")),
            Stop("commitments-manage", reverse("commitments:manage")),
            *jobs_stops(role),
        ]
        for cluster in Cluster.objects.filter(staff__email=role.email)[:1]:
            stops += [
                Stop("schedules", reverse("memberships:schedules", args=[cluster.slug])),
                Stop("schedule-form", reverse("memberships:schedule_new", args=[cluster.slug])),
                Stop("fee-run", reverse("memberships:fee_run", args=[cluster.slug])),
                Stop("kpis-cluster", reverse("kpis:dashboard") + f"?cluster={cluster.slug}"),
                Stop(
                    "kpi-list",
                    reverse("kpis:drill_down", args=["entries", timezone.localdate().year - 1])
                    + f"?cluster={cluster.slug}",
                ),
                Stop(
                    "kpi-target",
                    reverse("kpis:target", args=["members_end", timezone.localdate().year])
                    + f"?cluster={cluster.slug}",
                ),
                Stop("strategy-tree", reverse("strategy:tree", args=[cluster.slug])),
                Stop("swot", reverse("strategy:swot_now", args=[cluster.slug])),
                Stop("community", reverse("community:people")),
                Stop(
                    "community-suggestions",
                    reverse("community:suggestions") + f"?cluster={cluster.slug}",
                ),
            ]
            if person := _first(people_of_clusters([cluster.pk])):
                stops.append(
                    Stop("community-profile", reverse("community:person", args=[person.pk]))
                )
        steering = [
            (
                "strategy-activity",
                Activity.objects.filter(goal__field__cluster__staff__email=role.email),
                "strategy:activity",
            ),
            (
                "label-assessment",
                Assessment.objects.filter(cluster__staff__email=role.email),
                "assessments:detail",
            ),
            (
                "cooperation",
                Cooperation.objects.filter(cluster__staff__email=role.email),
                "cooperations:detail",
            ),
            (
                "interaction",
                Interaction.objects.filter(cluster__staff__email=role.email),
                "interactions:detail",
            ),
        ]
        for key, queryset, url_name in steering:
            if found := _first(queryset):
                stops.append(Stop(key, reverse(url_name, args=[found.pk])))
        if run := _first(FeeRun.objects.filter(cluster__staff__email=role.email)):
            stops.append(
                Stop("fee-run-detail", reverse("memberships:fee_run_detail", args=[run.pk]))
            )
        if application := _first(MembershipApplication.objects.all()):
            stops.append(
                Stop(
                    "application", reverse("memberships:application_detail", args=[application.pk])
                )
            )
        if event := _first(Event.objects.filter(registrations__isnull=False).distinct()):
            stops.append(Stop("event-attendance", reverse("events:attendance", args=[event.slug])))
        if need := _first(Need.objects.all()):
            stops.append(Stop("need", reverse("matching:need", args=[need.pk])))
        return stops
    if role.key == "buyer":
        stops = [
            *common,
            Stop("shop", reverse("procurement:catalogue")),
            Stop("advisor", reverse("procurement:advisor")),
            Stop("requests", reverse("procurement:requests")),
            Stop("new-request", reverse("procurement:request_create")),
            Stop("orders", reverse("procurement:orders")),
        ]
        if request := _first(QuoteRequest.objects.filter(created_by__email=role.email)):
            stops.append(Stop("request", reverse("procurement:request", args=[request.pk])))
        return stops + participation_stops(role)
    raise ValueError(f"unknown role {role.key}")
