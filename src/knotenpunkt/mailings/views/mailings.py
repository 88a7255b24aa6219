"""Staff pages for mailings: overview, compose, detail with progress, preview, test,
schedule and cancel. Views parse input and call services (editing, sending, compose)."""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knotenpunkt.core.params import is_id
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.mailings.forms.mailings import (
    BlockFormSet,
    ClusterChoiceForm,
    MailingForm,
    PreviewPersonForm,
    ScheduleForm,
    TestSendForm,
)
from knotenpunkt.mailings.models import Mailing, MailingRecipient
from knotenpunkt.mailings.rules import visible_mailings
from knotenpunkt.mailings.services import compose, editing, sending

PAGE_SIZE = 50
WENT_OUT = (Mailing.Status.SENDING, Mailing.Status.PAUSED, Mailing.Status.SENT)
# The preview iframe shows the mail as mail programs do: with inline styles and the
# images from the platform's address (absolute URLs); it may be framed by our own pages only.
MAIL_PREVIEW_CSP = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": [
        "'self'",
        "data:",
        "https:",
        "{0.scheme}://{0.netloc}".format(urlsplit(settings.SITE_URL)),
    ],
    "frame-ancestors": ["'self'"],
    "form-action": ["'none'"],
}


def _mailing(request, pk) -> Mailing:
    mailing = get_object_or_404(
        Mailing.objects.select_related("cluster", "mailing_list", "segment", "created_by"), pk=pk
    )
    require_perm(request, "mailings.manage_mailing", mailing)
    return mailing


@login_required
@require_GET
def mailing_list(request):
    require_perm(request, "mailings.view_mailings")
    mailings = visible_mailings(request.user).select_related("cluster", "mailing_list", "segment")
    page = Paginator(mailings, PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_counts(page.object_list)
    return render(request, "mailings/mailing_list.html", {"page": page, "mailings": page})


def _attach_counts(mailings) -> None:
    """Sent/skipped/failed per mailing that went out, in one grouped query for the page."""
    went_out = [m.pk for m in mailings if m.status in WENT_OUT]
    counts: dict[int, dict[str, int]] = {}
    if went_out:
        rows = (
            MailingRecipient.objects.filter(mailing_id__in=went_out)
            .values_list("mailing_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for mailing_id, status, n in rows:
            counts.setdefault(mailing_id, {})[status] = n
    for mailing in mailings:
        mine = counts.get(mailing.pk, {})
        mailing.counts = {
            "sent": mine.get(MailingRecipient.Status.SENT, 0),
            "skipped": mine.get(MailingRecipient.Status.SKIPPED, 0),
            "failed": mine.get(MailingRecipient.Status.FAILED, 0),
        }


def _edit_page(request, form, blocks, mailing=None, status=200):
    return render(
        request,
        "mailings/mailing_edit.html",
        {"form": form, "blocks": blocks, "mailing": mailing},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mailing_create(request):
    require_perm(request, "mailings.view_mailings")
    clusters = clusters_looked_after(request.user).order_by("name")
    cluster = _chosen_cluster(request, clusters)
    if cluster is None:
        # Staff of several clusters first say whose mailing it is: lists, target groups,
        # events and members on the form are that cluster's.
        return render(
            request,
            "mailings/mailing_cluster.html",
            {"form": ClusterChoiceForm(clusters=clusters)},
        )
    require_perm(request, "mailings.manage_mailing", Mailing(cluster=cluster))
    mailing = Mailing(cluster=cluster)
    form = MailingForm(request.POST or None, instance=mailing, cluster=cluster)
    blocks = BlockFormSet(
        request.POST or None, request.FILES or None, instance=mailing, cluster=cluster
    )
    if request.method == "POST" and form.is_valid() and blocks.is_valid():
        mailing = editing.create_mailing(request.user, form, blocks)
        messages.success(
            request, _("The mailing “%(subject)s” is saved.") % {"subject": mailing.subject}
        )
        return redirect(mailing)
    return _edit_page(request, form, blocks, status=400 if form.is_bound else 200)


def _chosen_cluster(request, clusters) -> Cluster | None:
    """The cluster from ?cluster=, or the only one the user staffs; None: ask first."""
    chosen = request.GET.get("cluster")
    if chosen:
        if not is_id(chosen):
            return None
        return get_object_or_404(clusters, pk=chosen)
    only = list(clusters[:2])
    return only[0] if len(only) == 1 else None


@login_required
@require_http_methods(["GET", "POST"])
def mailing_edit(request, pk):
    mailing = _mailing(request, pk)
    if not mailing.is_editable:
        messages.info(request, _("A mailing that is being sent or was sent cannot be changed."))
        return redirect(mailing)
    form = MailingForm(request.POST or None, instance=mailing, cluster=mailing.cluster)
    blocks = BlockFormSet(
        request.POST or None, request.FILES or None, instance=mailing, cluster=mailing.cluster
    )
    if request.method == "POST" and form.is_valid() and blocks.is_valid():
        try:
            editing.update_mailing(request.user, form, blocks)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(mailing)
        messages.success(
            request, _("The mailing “%(subject)s” is saved.") % {"subject": mailing.subject}
        )
        return redirect(mailing)
    return _edit_page(request, form, blocks, mailing, status=400 if form.is_bound else 200)


def _detail_context(request, mailing, test_form=None) -> dict:
    went_out = mailing.status in WENT_OUT or (
        mailing.status == Mailing.Status.CANCELLED and mailing.started_at is not None
    )
    context = {
        "mailing": mailing,
        "blocks": mailing.blocks.select_related("event", "organisation"),
        "test_form": test_form or TestSendForm(initial={"addresses": request.user.email}),
        "progress": sending.progress(mailing) if went_out else None,
        "recipients_count": None if went_out else sending.recipients_count(mailing),
        "can_schedule": mailing.is_editable,
        "can_cancel": mailing.status in sending.CANCELLABLE,
        "can_resume": mailing.status == Mailing.Status.PAUSED,
    }
    if mailing.track_engagement:
        context["links"] = list(mailing.links.order_by("position"))
    return context


@login_required
@require_GET
def mailing_detail(request, pk):
    mailing = _mailing(request, pk)
    return render(request, "mailings/mailing_detail.html", _detail_context(request, mailing))


@login_required
@require_GET
def mailing_progress(request, pk):
    """The progress fragment HTMX swaps in every two seconds while the mailing is sent."""
    mailing = _mailing(request, pk)
    context = {"mailing": mailing, "progress": sending.progress(mailing)}
    if request.htmx:
        return render(request, "mailings/mailing_detail.html#progress", context)
    return redirect(mailing)


def _preview_person(request, mailing):
    """(form, person): the sample recipient chosen on the preview page, if any."""
    people = editing.sample_recipients(mailing)
    form = PreviewPersonForm(request.GET or None, people=people)
    person = None
    if form.is_valid() and form.cleaned_data["person"] is not None:
        person = next(p for p in people if p.pk == form.cleaned_data["person"])
    return form, person


@login_required
@require_GET
def mailing_preview(request, pk):
    mailing = _mailing(request, pk)
    form, person = _preview_person(request, mailing)
    _html, text = compose.preview(mailing, person)
    return render(
        request,
        "mailings/mailing_preview.html",
        {"mailing": mailing, "form": form, "person": person, "text": text},
    )


@login_required
@require_GET
@xframe_options_sameorigin
@csp_replace(MAIL_PREVIEW_CSP)
def mailing_preview_html(request, pk):
    """The HTML part itself, for the preview page's iframe."""
    mailing = _mailing(request, pk)
    _form, person = _preview_person(request, mailing)
    html, _text = compose.preview(mailing, person)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def mailing_test(request, pk):
    mailing = _mailing(request, pk)
    form = TestSendForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, mailing, test_form=form)
        return render(request, "mailings/mailing_detail.html", context, status=400)
    try:
        count = sending.send_test(request.user, mailing, form.cleaned_data["addresses"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "A test mail is on its way to %(count)d address.",
                "Test mails are on their way to %(count)d addresses.",
                count,
            )
            % {"count": count},
        )
    return redirect(mailing)


@login_required
@require_http_methods(["GET", "POST"])
def mailing_schedule(request, pk):
    mailing = _mailing(request, pk)
    if not mailing.is_editable:
        messages.info(request, _("This mailing has already been sent or cancelled."))
        return redirect(mailing)
    form = ScheduleForm(
        request.POST or None,
        initial={"send_at": mailing.scheduled_for}
        if mailing.status == Mailing.Status.SCHEDULED
        else None,
    )
    if request.method == "POST" and form.is_valid():
        when = form.cleaned_data["send_at"]
        try:
            mailing = sending.schedule_mailing(request.user, mailing, when)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if when is None:
                messages.success(request, _("The mailing is being sent now."))
            else:
                messages.success(
                    request,
                    _("The mailing will be sent on %(when)s.")
                    % {"when": _local_datetime(mailing.scheduled_for)},
                )
            return redirect(mailing)
    return render(
        request,
        "mailings/mailing_schedule.html",
        {
            "mailing": mailing,
            "form": form,
            "recipients_count": sending.recipients_count(mailing),
        },
        status=400 if form.is_bound else 200,
    )


def _local_datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


@login_required
@require_POST
def mailing_cancel(request, pk):
    mailing = _mailing(request, pk)
    try:
        sending.cancel_mailing(request.user, mailing)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The mailing is cancelled; nobody else will receive it."))
    return redirect(mailing)


@login_required
@require_POST
def mailing_resume(request, pk):
    """Continue a paused mailing with the recipients still waiting."""
    mailing = _mailing(request, pk)
    try:
        sending.resume_mailing(request.user, mailing)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Sending continues with the recipients still waiting; nobody gets it twice.")
        )
    return redirect(mailing)
