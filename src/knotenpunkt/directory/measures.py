"""The directory's figures for the KPIs: members, entries, exits and the actor mix, by the
definitions of services/membership_spans.py (docs/kpis.md)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.services.membership_spans import membership_figures, movements

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("directory.Membership", "directory.Organisation")


def _figures(query) -> dict:
    """The membership figures of the query, computed once for all five measures."""
    if "directory.members" not in query.memo:
        query.memo["directory.members"] = membership_figures(query.cluster_ids, query.years)
    return query.memo["directory.members"]


def _attribute(name: str):
    def compute(query) -> dict:
        return {
            key: {year: getattr(figures, name) for year, figures in per_year.items()}
            for key, per_year in _figures(query).items()
        }

    return compute


def _organisation_rows(pairs, wording) -> list[MeasureRow]:
    names = Organisation.objects.in_bulk([org for org, _day in pairs])
    rows = [
        MeasureRow(
            label=names[org].name,
            url=reverse("directory:organisation", args=[names[org].slug]),
            detail=wording % {"day": date_format(day)},
            value=names[org].get_actor_type_display(),
        )
        for org, day in pairs
    ]
    return sorted(rows, key=lambda row: row.label.casefold())


def _movement_rows(which: str, wording):
    def rows(clusters, year) -> list[MeasureRow]:
        return _organisation_rows(movements([c.pk for c in clusters], year)[which], wording)

    return rows


MEMBERS = {
    "members_start": (
        _("Members at the start of the year"),
        _("Member organisations at the end of the year before."),
        _("member since %(day)s"),
        True,
    ),
    "entries": (
        _("Entries"),
        _(
            "How often an organisation became a member on a day of the year (a member "
            "that day, not the day before). A kind change or renewal without a gap is "
            "no entry."
        ),
        _("entered on %(day)s"),
        True,
    ),
    "exits": (
        _("Exits"),
        _(
            "How often an organisation stopped being a member on a day of the year (a "
            "member that day, not the day after); a membership ending on 31 December is "
            "an exit of that year."
        ),
        _("left on %(day)s"),
        False,
    ),
    "members_end": (
        _("Members at year end"),
        _(
            "Organisations that are members on 31 December and still on 1 January, "
            "each counted once whichever clusters it belongs to."
        ),
        _("member since %(day)s"),
        True,
    ),
}
for order, (key, (label, definition, wording, higher)) in zip(
    (10, 11, 12, 14), MEMBERS.items(), strict=True
):
    register_measure(
        key,
        label,
        "count",
        _attribute(key),
        rows=_movement_rows(key, wording),
        definition=definition,
        higher_is_better=higher,
        order=order,
        sources=SOURCES,
    )
register_measure(
    "net",
    _("Net change of members"),
    "count",
    _attribute("net"),
    rows=_movement_rows("entries", _("entered on %(day)s")),
    definition=_("Entries minus exits of the year: members at year end minus at the start."),
    order=13,
    sources=SOURCES,
)
register_measure(
    "actor_mix",
    _("Actor mix"),
    "mix",
    _attribute("actor_mix"),
    rows=_movement_rows("members_end", _("member since %(day)s")),
    definition=_(
        "Share of the members at year end per actor type (business, research, "
        "intermediary, marketing, public), in percent with one decimal."
    ),
    order=16,
    sources=SOURCES,
)
