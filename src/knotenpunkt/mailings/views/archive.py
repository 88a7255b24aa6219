"""The archive of sent mailings as web pages, and the engagement counters of the mails.

The archive shows each mailing with neutral personal values ("Dear Sir or Madam", no
personal unsubscribe link), so an archived copy never reveals or acts for a recipient.
The counters only add to totals: their links name the mailing and the link's position,
never the recipient, and nothing about the request is stored.
"""

from csp.decorators import csp_replace, csp_update
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from knotenpunkt.directory.models import Cluster
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import Mailing
from knotenpunkt.mailings.services import tracking
from knotenpunkt.mailings.services.compose import preview

PAGE_SIZE = 20

# The smallest transparent GIF (1×1 pixels, 43 bytes).
TRANSPARENT_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\x00\x00\x00"
    b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _archived_mailings(cluster: Cluster, with_members_archive: bool):
    archives = [Mailing.Archive.PUBLIC]
    if with_members_archive:
        archives.append(Mailing.Archive.MEMBERS)
    return (
        Mailing.objects.filter(cluster=cluster, status=Mailing.Status.SENT, archive__in=archives)
        .select_related("mailing_list")
        .annotate(sent_on=Coalesce("finished_at", "started_at", "scheduled_for", "created_at"))
        .order_by("-sent_on", "-pk")
    )


@require_safe
def archive(request, cluster):
    cluster = get_object_or_404(Cluster, slug=cluster)
    members = request.user.has_perm("mailings.view_members_archive", cluster)
    page = Paginator(_archived_mailings(cluster, members), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mailings/archive_list.html",
        {
            "cluster": cluster,
            "page": page,
            "mailings": page.object_list,
            "members_archive": members,
        },
    )


def _archived_mailing(cluster, pk) -> Mailing:
    """The mailing if it is in the archive at all, else 404."""
    return get_object_or_404(
        Mailing.objects.select_related("cluster", "mailing_list").annotate(
            sent_on=Coalesce("finished_at", "started_at", "scheduled_for", "created_at")
        ),
        cluster__slug=cluster,
        pk=pk,
        status=Mailing.Status.SENT,
        archive__in=[Mailing.Archive.PUBLIC, Mailing.Archive.MEMBERS],
    )


def _refusal(request, mailing: Mailing):
    """None if the user may read the mailing; anonymous visitors of a members-only one are
    sent to the login (and back), everyone else without the right is refused."""
    if request.user.has_perm("mailings.view_archived_mailing", mailing):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@require_safe
def archive_mailing(request, cluster, pk):
    mailing = _archived_mailing(cluster, pk)
    if refused := _refusal(request, mailing):
        return refused
    return render(
        request,
        "mailings/archive_mailing.html",
        {"cluster": mailing.cluster, "mailing": mailing},
    )


# The mail's own HTML needs its inline styles, and is shown in a frame of the archive page
# (sandboxed there: the mail runs nothing and cannot reach the page around it).
@require_safe
@xframe_options_sameorigin
@csp_update({"style-src": ["'unsafe-inline'"]})
@csp_replace({"frame-ancestors": ["'self'"]})
def archive_mailing_html(request, cluster, pk):
    mailing = _archived_mailing(cluster, pk)
    if refused := _refusal(request, mailing):
        return refused
    html, _text = preview(mailing)
    return HttpResponse(html)


@require_safe
def archive_mailing_text(request, cluster, pk):
    mailing = _archived_mailing(cluster, pk)
    if refused := _refusal(request, mailing):
        return refused
    _html, text = preview(mailing)
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _gif() -> HttpResponse:
    response = HttpResponse(TRANSPARENT_GIF, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_safe
def track_open(request, token):
    """Count one opening of a mailing; always answer with the pixel, whatever the token."""
    try:
        mailing_id = tokens.read_open_token(token)
    except (signing.BadSignature, ValueError):
        return _gif()
    if request.method == "GET":
        tracking.count_open(mailing_id)
    return _gif()


@csrf_exempt
@require_safe
@never_cache
def track_click(request, token):
    """Count one click and go on to the link's stored address (never one from the request)."""
    try:
        mailing_id, position = tokens.read_click_token(token)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise Http404 from exc
    url = tracking.link_target(mailing_id, position, count=request.method == "GET")
    if url is None:
        raise Http404
    return HttpResponseRedirect(url)
