"""The public board and a posting's page."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.jobs.forms.board import BoardFilterForm
from knotenpunkt.jobs.forms.postings import RejectForm
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.board import BoardFilters, board_page, filter_options
from knotenpunkt.jobs.services.postings import may_be_renewed
from knotenpunkt.jobs.services.structured_data import json_ld_script, structured_data
from knotenpunkt.jobs.views.digest import digest_box

Status = JobPosting.Status


def board(request):
    form = BoardFilterForm(request.GET or None, options=filter_options())
    filters = form.filters() if form.is_bound else BoardFilters()
    page = board_page(filters, request.GET.get("page"))
    return render(
        request,
        "jobs/board.html",
        {
            "form": form,
            "page": page,
            "filtered": form.is_bound and form.is_filtered(),
            "digest": digest_box(request),
        },
    )


def posting_detail(request, slug, reject_form=None):
    posting = get_object_or_404(
        JobPosting.objects.select_related("organisation", "region"), slug=slug
    )
    return detail_response(request, posting, reject_form=reject_form)


def detail_response(request, posting: JobPosting, *, reject_form=None):
    """The posting's page: everyone reads a listed one (with its schema.org markup); an
    expired or withdrawn one says so, without markup and, for visitors, as 410 Gone; an
    unpublished one exists only for those who manage it."""
    today = timezone.localdate()
    status = posting.current_status(today)
    gone = status in (Status.EXPIRED, Status.WITHDRAWN)
    if not gone and not request.user.has_perm("jobs.view_posting", posting):
        raise Http404
    may_edit = request.user.has_perm("jobs.edit_posting", posting)
    data = structured_data(posting, request.build_absolute_uri("/").rstrip("/"), today)
    may_review = status == Status.IN_REVIEW and request.user.has_perm(
        "jobs.review_posting", posting
    )
    context = {
        "posting": posting,
        "status": status,
        "status_label": Status(status).label,
        "gone": gone,
        "json_ld": json_ld_script(data) if data is not None else "",
        "description_html": render_markdown(posting.description),
        "topics": list(posting.topics.all()),
        "clusters": list(posting.clusters.all()) if may_edit else [],
        "may_edit": may_edit,
        "may_submit": may_edit and status in (Status.DRAFT, Status.REJECTED, Status.WITHDRAWN),
        "may_withdraw": may_edit and status != Status.WITHDRAWN,
        "may_renew": may_edit and may_be_renewed(posting, today),
        "may_review": may_review,
        "reject_form": reject_form or (RejectForm() if may_review else None),
    }
    if reject_form is not None:
        response_status = 400
    elif gone and not may_edit:
        response_status = 410
    else:
        response_status = 200
    return render(request, "jobs/detail.html", context, status=response_status)
