"""The workshop board's pages: the board (polled by HTMX every 3 s), the participants'
cards and dots, and the facilitator's controls. Every action is a plain form POST that
redirects back to the board; with HTMX it answers with the board fragment instead."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.participation.models import BoardCard, BoardColumn, Phase
from knotenpunkt.participation.models.board import MAX_DOTS
from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services import board as services


class CardForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your card"),
        max_length=BoardCard._meta.get_field("text").max_length,
        # The board is polled every few seconds; hx-preserve keeps what is being typed.
        widget=forms.Textarea(attrs={"rows": 2, "hx-preserve": "true"}),
    )


class ColumnForm(forms.Form):
    prompt = forms.CharField(label=gettext_lazy("Question"), max_length=300, required=False)
    dots_per_participant = forms.IntegerField(
        label=gettext_lazy("Dots per participant"), min_value=1, max_value=MAX_DOTS
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy("Only moderators see the reason."),
    )


def _board_phase(request, phase_id) -> Phase:
    """The board's phase, if the user may see its process (else 404)."""
    return get_object_or_404(
        Phase.objects.select_related("process"),
        pk=phase_id,
        module=Phase.Module.WORKSHOP_BOARD,
        process__in=visible_processes(request.user),
    )


def _card(request, card_id) -> BoardCard:
    return get_object_or_404(
        BoardCard.objects.select_related("column__phase__process"),
        pk=card_id,
        column__phase__module=Phase.Module.WORKSHOP_BOARD,
        column__phase__process__in=visible_processes(request.user),
    )


def _column(request, column_id) -> BoardColumn:
    return get_object_or_404(
        BoardColumn.objects.select_related("phase__process"),
        pk=column_id,
        phase__module=Phase.Module.WORKSHOP_BOARD,
        phase__process__in=visible_processes(request.user),
    )


def _board_url(phase: Phase, kind: str = "") -> str:
    url = reverse("participation:board", args=[phase.pk])
    return f"{url}#column-{kind}" if kind else url


def _context(request, phase: Phase, failed_kind="", failed_form=None, **extra) -> dict:
    may_moderate = request.user.has_perm("participation.moderate_process", phase.process)
    columns = services.board_for(request.user, phase, moderator=may_moderate)
    for view in columns:
        kind = view.column.kind
        view.card_form = failed_form if kind == failed_kind else CardForm(prefix=kind)
    return {
        "phase": phase,
        "process": phase.process,
        "columns": columns,
        "fragment": bool(request.htmx),
        "may_moderate": may_moderate,
        "may_take_part": request.user.has_perm("participation.take_part", phase.process),
        "show_authors": may_moderate and phase.process.attribute_ideas,
        "poll_seconds": 3,
        **extra,
    }


def _render_board(request, phase: Phase, status=200, **extra):
    template = "participation/board/board.html"
    if request.htmx and not request.htmx.boosted:
        template += "#board"
    return render(request, template, _context(request, phase, **extra), status=status)


def _after_action(request, phase: Phase, kind: str = ""):
    """POST-redirect-GET without script; the fresh board fragment for HTMX."""
    if request.htmx:
        return _render_board(request, phase)
    return redirect(_board_url(phase, kind))


def board(request, phase_id):
    phase = _board_phase(request, phase_id)
    return _render_board(request, phase)


@require_POST
def add_card(request, phase_id, kind):
    phase = _board_phase(request, phase_id)
    require_perm(request, "participation.take_part", phase.process)
    column = next((c for c in services.columns_of(phase) if c.kind == kind), None)
    if column is None:
        raise PermissionDenied
    form = CardForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            services.add_card(request.user, column, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Your card is on the board."))
            return _after_action(request, phase, kind)
    # The text stays in the form, with the message beside it.
    return _render_board(request, phase, status=400, failed_kind=kind, failed_form=form)


def _vote(request, card_id, operation):
    card = _card(request, card_id)
    phase = card.column.phase
    require_perm(request, "participation.take_part", phase.process)
    try:
        operation(request.user, card)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _after_action(request, phase, card.column.kind)


@require_POST
def place_dot(request, card_id):
    return _vote(request, card_id, services.place_dot)


@require_POST
def take_back_dot(request, card_id):
    return _vote(request, card_id, services.take_back_dot)


COLUMN_ACTIONS = {
    "open_collecting": lambda actor, column: services.set_collecting(actor, column, True),
    "close_collecting": lambda actor, column: services.set_collecting(actor, column, False),
    "open_voting": lambda actor, column: services.set_voting(actor, column, True),
    "close_voting": lambda actor, column: services.set_voting(actor, column, False),
    "reveal": services.reveal,
}


@require_POST
def column_action(request, column_id, action):
    column = _column(request, column_id)
    require_perm(request, "participation.moderate_process", column.phase.process)
    operation = COLUMN_ACTIONS.get(action)
    if operation is None:
        raise PermissionDenied
    try:
        operation(request.user, column)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _after_action(request, column.phase, column.kind)


@require_http_methods(["GET", "POST"])
def board_setup(request, phase_id):
    """The facilitator sets each column's question and dot budget."""
    phase = _board_phase(request, phase_id)
    require_perm(request, "participation.moderate_process", phase.process)
    columns = services.columns_of(phase)
    data = request.POST if request.method == "POST" else None
    forms_by_column = [
        (
            column,
            ColumnForm(
                data,
                prefix=column.kind,
                initial={
                    "prompt": column.prompt,
                    "dots_per_participant": column.dots_per_participant,
                },
            ),
        )
        for column in columns
    ]
    if data is not None and all(form.is_valid() for _column, form in forms_by_column):
        for column, form in forms_by_column:
            services.configure_column(request.user, column, **form.cleaned_data)
        messages.success(request, _("The board is set up."))
        return redirect(_board_url(phase))
    return render(
        request,
        "participation/board/setup.html",
        {"phase": phase, "process": phase.process, "forms": forms_by_column},
        status=400 if data is not None else 200,
    )


@require_http_methods(["GET", "POST"])
def hide_card(request, card_id):
    card = _card(request, card_id)
    phase = card.column.phase
    require_perm(request, "participation.moderate_process", phase.process)
    form = HideForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.hide_card(request.user, card, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The card is hidden from the participants."))
            return redirect(_board_url(phase, card.column.kind))
    return render(
        request,
        "participation/board/hide.html",
        {"card": card, "phase": phase, "process": phase.process, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
def unhide_card(request, card_id):
    card = _card(request, card_id)
    require_perm(request, "participation.moderate_process", card.column.phase.process)
    services.unhide_card(request.user, card)
    messages.success(request, _("The card is shown again."))
    return _after_action(request, card.column.phase, card.column.kind)


@require_http_methods(["GET", "POST"])
def merge_card(request, card_id):
    """Merge this card (a duplicate) into another card of its column."""
    card = _card(request, card_id)
    phase = card.column.phase
    require_perm(request, "participation.moderate_process", phase.process)
    candidates = card.column.cards.filter(hidden_at__isnull=True, merged_into__isnull=True).exclude(
        pk=card.pk
    )
    error = ""
    if request.method == "POST":
        survivor_id = bounded_int(request.POST.get("survivor"), minimum=1)
        survivor = candidates.filter(pk=survivor_id).first() if survivor_id else None
        if survivor is None:
            error = _("Please choose the card to merge this one into.")
        else:
            try:
                services.merge_cards(request.user, survivor, card)
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                messages.success(request, _("The cards are merged; their dots are on one card."))
                return redirect(_board_url(phase, card.column.kind))
    return render(
        request,
        "participation/board/merge.html",
        {
            "card": card,
            "phase": phase,
            "process": phase.process,
            "candidates": candidates,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_POST
def adopt_card(request, card_id, adopted):
    card = _card(request, card_id)
    require_perm(request, "participation.moderate_process", card.column.phase.process)
    try:
        services.set_adopted(request.user, card, adopted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _after_action(request, card.column.phase, card.column.kind)
