"""The staff's review queue of likely duplicates, and the as-you-type duplicate warning."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.quality.forms.duplicates import DuplicateFilterForm, ScanForm
from knotenpunkt.quality.models import CandidatePair
from knotenpunkt.quality.services import duplicates as duplicate_services
from knotenpunkt.quality.services import lookup

PAGE_SIZE = 25


@login_required
def duplicate_list(request):
    require_perm(request, "quality.review_duplicates")
    form = DuplicateFilterForm(request.GET or None)
    filters = form.filters()
    pairs = duplicate_services.pairs_for(request.user, **filters)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    records = duplicate_services.records_for(page.object_list)
    rows = []
    for pair in page.object_list:
        a = records.get((pair.kind, pair.record_a_id))
        b = records.get((pair.kind, pair.record_b_id))
        rows.append(
            {
                "pair": pair,
                "a": a,
                "b": b,
                # Names the row's buttons for screen readers, which list them out of context.
                "label": f"{a or pair.record_a_id} / {b or pair.record_b_id}",
                "reasons": duplicate_services.describe_agreements(pair.agreements),
            }
        )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "quality/duplicate_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "querystring": query_without_page.urlencode(),
            "current_url": request.get_full_path(),
            "merge_url_name": (
                "quality:merge_people"
                if filters["kind"] == CandidatePair.Kind.PERSON
                else "quality:merge_organisations"
            ),
        },
    )


def _decision(request, pk, decide, message):
    require_perm(request, "quality.review_duplicates")
    pair = get_object_or_404(CandidatePair, pk=pk)
    if not duplicate_services.user_may_review(request.user, pair):
        raise Http404
    decide(pair, request.user)
    if request.htmx:
        return render(request, "quality/duplicate_decided.html", {"pair": pair, "message": message})
    messages.success(request, message)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("quality:duplicates")
    return redirect(back)


@login_required
@require_POST
def duplicate_different(request, pk):
    return _decision(
        request,
        pk,
        duplicate_services.mark_different,
        _("Marked as different: this pair will not be proposed again."),
    )


@login_required
@require_POST
def duplicate_same(request, pk):
    return _decision(
        request,
        pk,
        duplicate_services.mark_same,
        _("Marked as the same: the pair waits under “Same, merge later”."),
    )


@login_required
@require_POST
def duplicate_scan(request):
    require_perm(request, "quality.review_duplicates")
    form = ScanForm(request.POST)
    kind = (form.cleaned_data["kind"] or None) if form.is_valid() else None
    duplicate_services.request_scan(request.user, kind)
    messages.success(
        request,
        _(
            "The search for duplicates is running in the background; "
            "reload the page in a few minutes."
        ),
    )
    return redirect("quality:duplicates")


# The warning ------------------------------------------------------------------------------

# The back office names its inline fields "emails-0-address" and "phones-0-number".
_INLINE_EMAIL = re.compile(r"^emails-\d+-address$")
_INLINE_PHONE = re.compile(r"^phones-\d+-number$")
_MAX_VALUE = 200


def _value(request, name) -> str:
    return request.GET.get(name, "").strip()[:_MAX_VALUE]


def _exclude_id(request) -> int | None:
    return bounded_int(request.GET.get("exclude"), minimum=1)


def _require_login(request):
    # A warning, not a page: an anonymous request gets a plain refusal, not a login form.
    if not request.user.is_authenticated:
        raise PermissionDenied


@require_GET
def similar_people(request):
    _require_login(request)
    emails = [_value(request, "email")]
    phones = [_value(request, "phone")]
    for name in request.GET:
        if _INLINE_EMAIL.match(name):
            emails.append(_value(request, name))
        elif _INLINE_PHONE.match(name):
            phones.append(_value(request, name))
    matches = lookup.similar_people(
        request.user,
        first_name=_value(request, "first_name"),
        last_name=_value(request, "last_name"),
        emails=[e for e in emails if e][:5],
        phones=[p for p in phones if p][:5],
        exclude_id=_exclude_id(request),
    )
    return render(request, "quality/similar_people.html", {"matches": _described(matches)})


@require_GET
def similar_organisations(request):
    _require_login(request)
    matches = lookup.similar_organisations(
        request.user,
        name=_value(request, "name"),
        website=_value(request, "website"),
        email=_value(request, "email"),
        phone=_value(request, "phone"),
        vat_id=_value(request, "vat_id"),
        register_number=_value(request, "register_number"),
        exclude_id=_exclude_id(request),
    )
    return render(request, "quality/similar_organisations.html", {"matches": _described(matches)})


def _described(matches):
    return [
        {"match": m, "reasons": duplicate_services.describe_agreements(m.agreements)}
        for m in matches
    ]
