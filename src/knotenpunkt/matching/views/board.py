"""Matches for a provider, and the staff's matchmaking board across their clusters."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.matching.models import Need
from knotenpunkt.matching.rules import visible_board_needs
from knotenpunkt.matching.services import needs as need_services

FOR_ME_LIMIT = 20


@login_required
def for_me(request):
    """Open needs the viewer may see, ranked for one of their organisations."""
    from knotenpunkt.matching.services.ranking import rank_needs

    require_perm(request, "matching.view_matches_for_me")
    viewer = need_services.viewer_for(request.user)
    organisations = list(need_services.organisations_for_posting(request.user))
    chosen = next(
        (o for o in organisations if str(o.pk) == request.GET.get("organisation")),
        organisations[0],
    )
    candidates = (
        need_services.visible_needs(request.user)
        .filter(status=Need.Status.OPEN)
        .exclude(organisation=chosen)
        .select_related("organisation", "cluster", "author")
    )
    matches = rank_needs(chosen, candidates, limit=FOR_ME_LIMIT)
    need_services.mark_authors(viewer, [m.need for m in matches])
    return render(
        request,
        "matching/for_me.html",
        {
            "organisations": organisations,
            "organisation": chosen,
            "matches": [(m, m.explanation.as_dict()) for m in matches],
        },
    )


@login_required
def board(request):
    require_perm(request, "matching.view_board")
    clusters = list(clusters_looked_after(request.user))
    return render(
        request,
        "matching/board.html",
        {
            "needs": visible_board_needs(request.user),
            "pipeline": need_services.pipeline(clusters),
        },
    )
