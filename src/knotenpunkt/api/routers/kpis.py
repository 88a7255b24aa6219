"""Key figures (knotenpunkt.kpis): the KPIs marked public, for closed years, to everybody
(the figures of an open year change every day; the open data exports hold to the same);
with a token of scope kpis:read, the staff's dashboard figures (every KPI in use, the
current year, targets and traffic lights) for the clusters the user looks after, asked
of kpis.rules as the dashboard asks them."""

from decimal import Decimal
from typing import Annotated, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.auth import optional_token_user
from knotenpunkt.api.openapi import OPTIONAL_TOKEN, SLUG, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.problems import NamedNotFound
from knotenpunkt.api.routers.directory import by_slug
from knotenpunkt.api.scopes import KPIS_READ
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.kpis.services.dashboard import trend_years
from knotenpunkt.kpis.services.definitions import active_kpis
from knotenpunkt.kpis.services.values import figures_for_body

router = Router(tags=["kpis"])
Value = float | dict[str, float] | None


class KpiOut(Schema):
    key: str
    name: str = Field(description="In the language asked for (Accept-Language).")
    name_de: str
    name_en: str
    definition_de: str
    definition_en: str
    unit: choice_of(Kpi.Unit)
    higher_is_better: bool


class FigureOut(Schema):
    year: int
    value: Value = Field(description="A number, or for a mix the share per kind in percent.")
    target: float | None = Field(description="The body's target (staff only).")
    light: Literal["green", "amber", "red"] | None = Field(
        description="Target reached, nearly, or not (staff only)."
    )


class KpiFigureOut(KpiOut):
    figure: FigureOut


class KpiSeriesOut(KpiOut):
    clusters: list[str] = Field(description="The slugs of the clusters taken as one body.")
    series: list[FigureOut]


class KpiFilters(Schema):
    cluster: str = Field(
        "",
        pattern=SLUG,
        description="A cluster's slug; without it every cluster (staff: theirs) as one body.",
    )
    year: int | None = Field(
        None,
        ge=1990,
        description=(
            "Default: the last closed year (staff: the current one); a later year is a 404."
        ),
    )


def _view(request, filters: KpiFilters):
    """(KPIs, clusters as one body, the last year shown, whether the staff's view)."""
    user = optional_token_user(request, KPIS_READ)
    this_year = timezone.localdate().year
    cluster = by_slug(Cluster, filters.cluster, "cluster") if filters.cluster else None
    staff = (
        user.has_perm("kpis.view_cluster_figures", cluster)
        if cluster
        else user.has_perm("kpis.view_dashboard")
    )
    if staff:
        clusters = [cluster] if cluster else list(clusters_looked_after(user))
        last = this_year
        kpis = active_kpis()
    else:
        user = AnonymousUser()
        clusters = [cluster] if cluster else list(Cluster.objects.all())
        last = this_year - 1
        kpis = [kpi for kpi in active_kpis() if kpi.is_public]
    year = filters.year or last
    if year > last:
        # A year without figures for the caller (yet): nothing there, said why.
        raise NamedNotFound(
            _("Figures are available up to %(year)s (those of an open year only to staff).")
            % {"year": last}
        )
    kpis.sort(key=lambda kpi: (kpi.order, kpi.key))
    return kpis, sorted(clusters, key=lambda c: c.slug), year, staff


def _number(value):
    return None if value is None else float(Decimal(value))


def _value(kpi: Kpi, value) -> Value:
    if value is None:
        return None
    if isinstance(value, dict):
        return {key: float(share) for key, share in sorted(value.items())}
    return _number(value)


def _figure(figure, staff: bool) -> dict:
    return {
        "year": figure.year,
        "value": _value(figure.kpi, figure.value),
        "target": _number(figure.target) if staff else None,
        "light": figure.light if staff else None,
    }


def _kpi(kpi: Kpi) -> dict:
    return {
        "key": kpi.key,
        "name": kpi.name_en if (get_language() or "de").startswith("en") else kpi.name_de,
        "name_de": kpi.name_de,
        "name_en": kpi.name_en,
        "definition_de": kpi.definition_de,
        "definition_en": kpi.definition_en,
        "unit": kpi.unit,
        "higher_is_better": kpi.higher_is_better,
    }


@router.get(
    "/kpis",
    response=list[KpiFigureOut],
    summary="Key figures of a year",
    openapi_extra=OPTIONAL_TOKEN,
)
@paginate(PageNumbers)
def list_kpis(request, filters: Query[KpiFilters]):
    """The key figures of one year, in the dashboard's order. Public: the KPIs marked
    public, closed years. With a token of scope kpis:read, for staff: every KPI in use up
    to the current year, with targets and lights, of the clusters they look after
    (another cluster: its public figures). Optional token."""
    kpis, clusters, year, staff = _view(request, filters)
    figures = figures_for_body(kpis, clusters, [year]) if clusters else {}
    return [
        {
            **_kpi(kpi),
            "figure": _figure(figures[kpi.key][year], staff)
            if clusters
            else {"year": year, "value": None, "target": None, "light": None},
        }
        for kpi in kpis
    ]


@router.get(
    "/kpis/{key}",
    response=KpiSeriesOut,
    summary="One key figure over the years",
    openapi_extra=OPTIONAL_TOKEN,
)
def get_kpi(request, key: Annotated[str, Path(pattern=SLUG)], filters: Query[KpiFilters]):
    """One KPI over up to ten years ending with `year`, from the body's first membership
    on, as the dashboard's trend; the same visibility as the list. Optional token."""
    kpis, clusters, year, staff = _view(request, filters)
    kpi = next((kpi for kpi in kpis if kpi.key == key), None)
    if kpi is None:
        raise Http404
    years = trend_years(clusters, year) if clusters else [year]
    figures = figures_for_body([kpi], clusters, years)[kpi.key] if clusters else {}
    series = [
        _figure(figures[y], staff)
        if clusters
        else {"year": y, "value": None, "target": None, "light": None}
        for y in years
    ]
    return {**_kpi(kpi), "clusters": [c.slug for c in clusters], "series": series}
