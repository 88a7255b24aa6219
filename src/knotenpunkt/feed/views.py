"""The personal feed, its actions (open, rate, share, follow, consent), the inbox and the
staff's figures. Thin: parse, ask feed.rules, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.directory.models import Cluster, Person, Topic
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.feed.forms import FollowForm, ShareForm
from knotenpunkt.feed.models import FeedEntry, Follow
from knotenpunkt.feed.rendering import rating_form, render_items
from knotenpunkt.feed.rules import entries_with_figures, viewer_for, visible_entries
from knotenpunkt.feed.services import follows as follow_services
from knotenpunkt.feed.services import ranking, sharing, usage
from knotenpunkt.privacy.texts import CONSENT_TEXTS

TABS = ("for_you", "popular")


def _viewer_or_403(request):
    if not request.user.has_perm("feed.view_feed"):
        raise PermissionDenied
    return viewer_for(request.user)


def _back(request, default="feed:feed"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default)


def _visible_entry(viewer, pk) -> FeedEntry:
    entry = visible_entries(viewer).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@login_required
def personal_feed(request):
    viewer = _viewer_or_403(request)
    tab = request.GET.get("tab", "for_you")
    tab = tab if tab in TABS else "for_you"
    number = bounded_int(request.GET.get("page"), 1, minimum=1, maximum=20)
    build = ranking.popular_feed if tab == "popular" else ranking.personal_feed
    page = build(viewer, request.user, page=number)
    render_items(
        request,
        page.items,
        figures_for=viewer.organisation_ids,
        staffed=viewer.staffed_cluster_ids,
    )
    return render(
        request,
        "feed/feed.html",
        {
            "page": page,
            "tab": tab,
            "consented": usage.has_profiling_consent(viewer.person),
            "consent_wording": CONSENT_TEXTS[usage.PROFILING][1],
        },
    )


@login_required
def follows(request):
    """What the person follows, watches and mutes, with a form to follow a topic."""
    viewer = _viewer_or_403(request)
    follows = follow_services.follows_of(viewer.person)
    labels = follow_services.follow_labels(follows)
    return render(
        request,
        "feed/follows.html",
        {
            "follows": [(f, labels.get((f.target_type, f.target_id), "")) for f in follows],
            "levels": Follow.Level.choices,
            "topics": Topic.objects.order_by("label_de").only("pk", "label_de", "label_en"),
        },
    )


@login_required
def open_entry(request, pk):
    """Count the open (with consent) and go to the item's own page."""
    viewer = _viewer_or_403(request)
    entry = _visible_entry(viewer, pk)
    usage.record_open(viewer.person, entry)
    if not url_has_allowed_host_and_scheme(entry.url, {request.get_host()}, request.is_secure()):
        raise Http404
    return HttpResponseRedirect(entry.url)


@login_required
@require_POST
def rate(request, pk):
    viewer = _viewer_or_403(request)
    entry = _visible_entry(viewer, pk)
    useful = request.POST.get("useful")
    if useful not in ("1", "0"):
        return redirect("feed:feed")
    rating = usage.rate_entry(viewer.person, entry, useful == "1")
    if request.htmx:
        return HttpResponse(rating_form(entry.pk, rating.useful, get_token(request), ""))
    messages.success(request, _("Thank you for your rating."))
    return _back(request)


@login_required
@require_POST
def follow(request):
    viewer = _viewer_or_403(request)
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            follow_services.set_follow(
                viewer.person,
                form.cleaned_data["target_type"],
                form.cleaned_data["target_id"],
                form.cleaned_data["level"] or None,
            )
        except LookupError:
            raise Http404 from None
        messages.success(request, _("Your feed settings were saved."))
    return _back(request)


@login_required
@require_POST
def consent(request):
    viewer = _viewer_or_403(request)
    granted = request.POST.get("granted") == "1"
    changed = usage.set_profiling_consent(request.user, viewer.person, granted, source="feed page")
    if changed and granted:
        messages.success(request, _("Thank you. Your feed now learns from what you use."))
    elif changed:
        messages.success(
            request, _("Your consent was withdrawn and what we recorded about your use deleted.")
        )
    return redirect("feed:feed")


@login_required
def share(request, pk):
    viewer = _viewer_or_403(request)
    entry = _visible_entry(viewer, pk)
    query = request.GET.get("q", "")[:100]
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recipient = Person.objects.filter(pk=form.cleaned_data["recipient"]).first()
        if recipient is not None:
            try:
                sharing.share_entry(viewer, recipient, entry, form.cleaned_data["note"])
            except sharing.SharingRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("Sent to %(name)s.") % {"name": recipient.full_name})
                return redirect("feed:feed")
        else:
            form.add_error("recipient", _("Please choose a person."))
    matches = sharing.shareable_people(viewer, query) if query else []
    return render(
        request,
        "feed/share.html",
        {"entry": entry, "form": form, "query": query, "matches": matches},
    )


@login_required
def inbox(request):
    viewer = _viewer_or_403(request)
    return render(request, "feed/inbox.html", {"notices": sharing.inbox(viewer.person)})


@login_required
def figures(request):
    """Per item: opens, shares and ratings, for the clusters the user looks after."""
    if not request.user.has_perm("feed.view_figures"):
        raise PermissionDenied
    clusters = list(clusters_looked_after(request.user).order_by("name"))
    chosen = bounded_int(request.GET.get("cluster"))
    entries = entries_with_figures(request.user)
    if chosen:
        cluster = get_object_or_404(Cluster, pk__in=[c.pk for c in clusters], pk=chosen)
        entries = entries.filter(tags__kind="cluster", tags__value=cluster.pk)
    rows = entries.order_by("-opens", "-shares", "-useful", "-published_at")[:200]
    return render(
        request,
        "feed/figures.html",
        {"clusters": clusters, "chosen": chosen, "entries": rows},
    )
