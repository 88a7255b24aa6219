"""The data-quality dashboard and the one list page behind all of its figures."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.charts import bars_across
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Position
from knotenpunkt.quality.models import MergeKind
from knotenpunkt.quality.services import dashboard as figures

PAGE_SIZE = 50


class StaleForm(forms.Form):
    months = forms.IntegerField(
        label=gettext_lazy("Stale after (months)"),
        min_value=1,
        max_value=240,
        initial=figures.DEFAULT_STALE_MONTHS,
    )


def _months(request) -> tuple[StaleForm, int]:
    form = StaleForm(request.GET if "months" in request.GET else None)
    months = form.cleaned_data["months"] if form.is_valid() else figures.DEFAULT_STALE_MONTHS
    return form, months


@login_required
def dashboard(request):
    require_perm(request, "quality.view_quality")
    user = request.user
    form, months = _months(request)
    people = figures.completeness(MergeKind.PERSON, user)
    organisations = figures.completeness(MergeKind.ORGANISATION, user)
    return render(
        request,
        "quality/dashboard.html",
        {
            "form": form,
            "months": months,
            "people": people,
            "organisations": organisations,
            "people_chart": _chart(people),
            "organisations_chart": _chart(organisations),
            "stale_people": figures.stale_records(MergeKind.PERSON, user, months).count(),
            "stale_organisations": figures.stale_records(
                MergeKind.ORGANISATION, user, months
            ).count(),
            "undeliverable": figures.undeliverable_emails(user).count(),
            "without_position": figures.people_without_position(user).count(),
            "pending_people": figures.pending_pairs_count(MergeKind.PERSON, user),
            "pending_organisations": figures.pending_pairs_count(MergeKind.ORGANISATION, user),
        },
    )


def _chart(fields):
    # Many fields with long names: bars across, their names in a column beside them.
    rows = [(capfirst(f.label), [f.percent]) for f in fields]
    return bars_across(rows, max_value=100, unit="%")


def _people(queryset):
    current = Position.objects.current().select_related("organisation")
    return queryset.prefetch_related(
        "emails", Prefetch("positions", queryset=current, to_attr="current_positions")
    )


@login_required
def record_list(request, kind):
    """The records behind one dashboard figure; `kind` names the figure."""
    require_perm(request, "quality.view_quality")
    user = request.user
    _form, months = _months(request)
    field = request.GET.get("field", "")
    try:
        if kind == "people-missing":
            label = _field_label(MergeKind.PERSON, field)
            title = _("People without: %(field)s") % {"field": label}
            records, row = _people(figures.missing_field(MergeKind.PERSON, user, field)), "person"
        elif kind == "organisations-missing":
            label = _field_label(MergeKind.ORGANISATION, field)
            title = _("Organisations without: %(field)s") % {"field": label}
            records = figures.missing_field(MergeKind.ORGANISATION, user, field)
            row = "organisation"
        elif kind == "people-stale":
            title = _("People not confirmed or updated for %(months)s months") % {"months": months}
            records = _people(figures.stale_records(MergeKind.PERSON, user, months))
            row = "person"
        elif kind == "organisations-stale":
            title = _("Organisations not confirmed or updated for %(months)s months") % {
                "months": months
            }
            records = figures.stale_records(MergeKind.ORGANISATION, user, months)
            row = "organisation"
        elif kind == "emails-undeliverable":
            title = _("Invalid or bouncing e-mail addresses")
            records = figures.undeliverable_emails(user).select_related("person")
            records, row = records.order_by("person__last_name", "address"), "email"
        elif kind == "people-without-position":
            title = _("People without a current function at an organisation")
            records, row = _people(figures.people_without_position(user)), "person"
        else:
            raise Http404
    except KeyError as exc:
        raise Http404 from exc
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "quality/dashboard_records.html",
        {
            "title": title,
            "row": row,
            "page": page,
            "querystring": query_without_page.urlencode(),
        },
    )


def _field_label(kind: str, key: str) -> str:
    for figure in figures.COMPLETENESS[kind]:
        if figure.key == key:
            return str(figure.label)
    raise KeyError(key)
