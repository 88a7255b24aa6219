"""The citizens' dialogue's pages: the proposals with what became of them, a proposal
with its comments, writing, supporting, reporting, the e-mail confirmation, and the
moderators' queue, hiding, answers and settings."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.params import MAX_ID, bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.participation.models import (
    Dialogue,
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    DialogueTopic,
    Phase,
)
from knotenpunkt.participation.models.dialogue import HidingReason
from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services import dialogue as services

State = DialogueProposal.State
Status = DialogueProposal.Status
PAGE_SIZE = 20
EMAIL_HELP = gettext_lazy("We send you a link to confirm. The address is never shown publicly.")


# --- forms ---------------------------------------------------------------------------------


def _email_field():
    return forms.EmailField(
        label=gettext_lazy("Your e-mail address"), max_length=254, help_text=EMAIL_HELP
    )


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=150)
    text = forms.CharField(
        label=gettext_lazy("Your proposal"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Plain text, or Markdown for lists, emphasis and links."),
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=DialogueTopic.objects.none(),
        required=False,
        empty_label=gettext_lazy("No particular topic"),
    )
    email = _email_field()

    def __init__(self, *args, dialogue: Dialogue, needs_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        topics = dialogue.topics.all()
        if topics:
            self.fields["topic"].queryset = topics
        else:
            del self.fields["topic"]
        if not needs_email:
            del self.fields["email"]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    parent = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=MAX_ID
    )
    email = _email_field()

    def __init__(self, *args, needs_email: bool, **kwargs):
        super().__init__(*args, prefix="comment", **kwargs)
        if not needs_email:
            del self.fields["email"]


class SupportForm(forms.Form):
    email = _email_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="support", **kwargs)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong with it?"),
        choices=DialogueReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Details"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason (shown publicly)"),
        choices=HidingReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Explanation (shown publicly)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("What became of it"), choices=Status.choices)
    answer = forms.CharField(
        label=gettext_lazy("Answer (shown publicly)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Plain text, or Markdown for lists, emphasis and links."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="answer", **kwargs)


class SettingsForm(forms.Form):
    identity = forms.ChoiceField(
        label=gettext_lazy("Who may write"),
        choices=Dialogue.Identity.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Without an account, only in a public process. Anonymous contributions are "
            "protected by rate limits only."
        ),
    )
    moderation = forms.ChoiceField(
        label=gettext_lazy("Moderation"),
        choices=Dialogue.Moderation.choices,
        widget=forms.RadioSelect,
    )
    intro = forms.CharField(
        label=gettext_lazy("Introduction"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What the dialogue asks (Markdown)."),
    )
    topics = forms.CharField(
        label=gettext_lazy("Topics"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("One per line; proposals may name one."),
    )


# --- helpers ------------------------------------------------------------------------------


def _writer(request, email: str = "") -> services.Writer:
    return services.Writer(user=request.user, email=email, ip=request.META.get("REMOTE_ADDR"))


def _dialogue(request, phase_id) -> Dialogue:
    """The dialogue of a phase the user may read; 404 for everything else."""
    phase = get_object_or_404(
        Phase.objects.select_related("process").filter(
            module=Phase.Module.DIALOGUE, process__in=visible_processes(request.user)
        ),
        pk=phase_id,
    )
    return services.dialogue_of(phase)


def _proposal(request, pk) -> DialogueProposal:
    """A proposal the user may see: public, their own awaiting moderation, or any for
    the process's moderators."""
    proposal = get_object_or_404(
        DialogueProposal.objects.select_related("dialogue__phase__process", "topic").filter(
            dialogue__phase__process__in=visible_processes(request.user)
        ),
        pk=pk,
    )
    if proposal.is_public:
        return proposal
    if request.user.has_perm("participation.moderate_process", proposal.dialogue.process):
        return proposal
    if (
        proposal.state == State.PENDING
        and request.user.is_authenticated
        and proposal.author_id == request.user.pk
    ):
        return proposal
    raise Http404


def _require_writing(request, dialogue):
    """Login for those who need an account; 403 for those who may not write at all."""
    if request.user.has_perm("participation.write_in_dialogue", dialogue):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _needs_email(request, dialogue) -> bool:
    return not request.user.is_authenticated and dialogue.identity == Dialogue.Identity.EMAIL


def _apply_error(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _after_writing(request, contribution, dialogue):
    if contribution.state == State.UNCONFIRMED:
        return render(
            request,
            "participation/dialogue/check_mail.html",
            {"dialogue": dialogue, "email": contribution.email},
        )
    if contribution.state == State.PENDING:
        messages.success(
            request, _("Thank you. Your contribution is published once a moderator approves it.")
        )
    else:
        messages.success(request, _("Thank you. Your contribution is published."))
    return redirect(contribution.get_absolute_url())


# --- public pages -------------------------------------------------------------------------


def dialogue_page(request, phase_id):
    dialogue = _dialogue(request, phase_id)
    proposals = services.public_proposals(dialogue, request.user)
    status = request.GET.get("status", "")
    if status in Status.values:
        proposals = proposals.filter(status=status)
    else:
        status = ""
    topics = list(dialogue.topics.all())
    topic = request.GET.get("topic", "")
    topic_id = bounded_int(topic, minimum=1)
    if topic_id is not None and any(t.pk == topic_id for t in topics):
        proposals = proposals.filter(topic_id=topic_id)
    else:
        topic = ""
    page = Paginator(proposals.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    querystring = "&".join(
        f"{key}={value}" for key, value in (("status", status), ("topic", topic)) if value
    )
    return render(
        request,
        "participation/dialogue/page.html",
        {
            "dialogue": dialogue,
            "phase": dialogue.phase,
            "process": dialogue.process,
            "intro_html": render_markdown(dialogue.intro),
            "page": page,
            "statuses": Status.choices,
            "status": status,
            "topics": topics,
            "topic": topic,
            "querystring": querystring,
            "is_open": services.is_open(dialogue),
            "may_write": request.user.has_perm("participation.write_in_dialogue", dialogue),
            "may_moderate": request.user.has_perm(
                "participation.moderate_process", dialogue.process
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_new(request, phase_id):
    dialogue = _dialogue(request, phase_id)
    refused = _require_writing(request, dialogue)
    if refused:
        return refused
    needs_email = _needs_email(request, dialogue)
    form = ProposalForm(request.POST or None, dialogue=dialogue, needs_email=needs_email)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                proposal = services.submit_proposal(
                    dialogue,
                    _writer(request, data.get("email", "")),
                    title=data["title"],
                    text=data["text"],
                    topic=data.get("topic"),
                    language=translation.get_language(),
                )
            except services.RateLimited as error:
                form.add_error(None, error)
                status = 429
            except ValidationError as error:
                _apply_error(form, error)
                status = 400
            else:
                return _after_writing(request, proposal, dialogue)
        else:
            status = 400
    return render(
        request,
        "participation/dialogue/proposal_form.html",
        {"dialogue": dialogue, "form": form},
        status=status,
    )


def _detail(request, proposal, *, status=200, **forms_):
    dialogue = proposal.dialogue
    may_write = request.user.has_perm("participation.write_in_dialogue", dialogue)
    may_moderate = request.user.has_perm("participation.moderate_process", dialogue.process)
    comments = services.public_comments(proposal, request.user)
    reply_to = None
    comment_form = forms_.get("comment_form")
    if comment_form is None:
        wanted = bounded_int(request.GET.get("reply_to"), minimum=1)
        if wanted is not None:
            reply_to = next((c for c in comments if c.pk == wanted), None)
        comment_form = CommentForm(
            initial={"parent": reply_to.pk if reply_to else None},
            needs_email=_needs_email(request, dialogue),
        )
    else:
        parent = bounded_int(comment_form.data.get("comment-parent"), minimum=1)
        if parent is not None:
            reply_to = next((c for c in comments if c.pk == parent), None)
    context = {
        "dialogue": dialogue,
        "process": dialogue.process,
        "proposal": proposal,
        "text_html": render_markdown(proposal.text),
        "answer_html": render_markdown(proposal.answer),
        "support_count": services.support_count(proposal),
        "has_supported": services.has_supported(proposal, request.user),
        "comments": comments,
        "reply_to": reply_to,
        "may_write": may_write and proposal.state == State.PUBLISHED,
        "may_moderate": may_moderate,
        "comment_form": comment_form,
        "support_form": forms_.get("support_form") or SupportForm(),
        "support_needs_email": not request.user.is_authenticated,
        "answer_form": forms_.get("answer_form")
        or AnswerForm(initial={"status": proposal.status, "answer": proposal.answer}),
    }
    return render(request, "participation/dialogue/proposal_detail.html", context, status=status)


def proposal_detail(request, pk):
    return _detail(request, _proposal(request, pk))


@require_POST
def comment_new(request, pk):
    proposal = _proposal(request, pk)
    dialogue = proposal.dialogue
    refused = _require_writing(request, dialogue)
    if refused:
        return refused
    form = CommentForm(request.POST, needs_email=_needs_email(request, dialogue))
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data.get("parent"):
            parent = DialogueComment.objects.filter(pk=data["parent"], proposal=proposal).first()
        try:
            if data.get("parent") and parent is None:
                raise ValidationError(_("The comment you answer is not there any more."))
            comment = services.submit_comment(
                proposal,
                _writer(request, data.get("email", "")),
                text=data["text"],
                parent=parent,
                language=translation.get_language(),
            )
        except services.RateLimited as error:
            form.add_error(None, error)
            status = 429
        except ValidationError as error:
            _apply_error(form, error)
        else:
            return _after_writing(request, comment, dialogue)
    return _detail(request, proposal, comment_form=form, status=status)


@require_POST
def support(request, pk):
    proposal = _proposal(request, pk)
    dialogue = proposal.dialogue
    refused = _require_writing(request, dialogue)
    if refused:
        return refused
    email = ""
    form = SupportForm(request.POST)
    if not request.user.is_authenticated:
        if not form.is_valid():
            return _detail(request, proposal, support_form=form, status=400)
        email = form.cleaned_data["email"]
    try:
        made, created = services.support(
            proposal, _writer(request, email), language=translation.get_language()
        )
    except services.RateLimited as error:
        form.add_error(None, error)
        return _detail(request, proposal, support_form=form, status=429)
    except ValidationError as error:
        _apply_error(form, error)
        return _detail(request, proposal, support_form=form, status=400)
    if made.confirmed_at is None:
        messages.success(
            request,
            _("We have sent you an e-mail. Your support counts once you confirm it there."),
        )
    elif created:
        messages.success(request, _("Thank you. Your support counts."))
    else:
        messages.info(request, _("You already support this proposal."))
    return redirect(proposal)


def _target(request, kind, pk):
    if kind == "proposal":
        return _proposal(request, pk)
    if kind == "comment":
        comment = get_object_or_404(
            DialogueComment.objects.select_related("proposal__dialogue__phase__process"),
            pk=pk,
        )
        _proposal(request, comment.proposal_id)
        return comment
    raise Http404


@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    target = _target(request, kind, pk)
    if target.state != State.PUBLISHED:
        raise Http404
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.report(
                    target,
                    _writer(request),
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except services.RateLimited as error:
                form.add_error(None, error)
                status = 429
            except ValidationError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Thank you. The moderators will look at it."))
                return redirect(target.get_absolute_url())
    return render(
        request,
        "participation/dialogue/report_form.html",
        {"target": target, "kind": kind, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    target = services.pending_confirmation(token)
    if target is None:
        raise Http404
    kind = {DialogueProposal: "proposal", DialogueComment: "comment"}.get(type(target), "support")
    if request.method == "POST":
        try:
            target = services.confirm(token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if kind == "proposal":
                back = target.dialogue.get_absolute_url()
                if target.state == State.PUBLISHED:
                    back = target.get_absolute_url()
            else:
                back = target.proposal.get_absolute_url()
            return render(
                request,
                "participation/dialogue/confirmed.html",
                {"target": target, "kind": kind, "back_url": back},
            )
    return render(request, "participation/dialogue/confirm.html", {"target": target, "kind": kind})


# --- moderation ---------------------------------------------------------------------------


def moderation_queue(request, phase_id):
    dialogue = _dialogue(request, phase_id)
    require_perm(request, "participation.moderate_process", dialogue.process)
    return render(
        request,
        "participation/dialogue/moderation.html",
        {
            "dialogue": dialogue,
            "process": dialogue.process,
            "queue": services.moderation_queue(dialogue),
            "show_authors": dialogue.process.attribute_ideas,
        },
    )


@require_http_methods(["GET", "POST"])
def moderate(request, kind, pk):
    target = _target(request, kind, pk)
    dialogue = target.dialogue if kind == "proposal" else target.proposal.dialogue
    require_perm(request, "participation.moderate_process", dialogue.process)
    form = HideForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if request.POST.get("action") == "approve":
                services.approve(request.user, target)
                messages.success(request, _("The contribution is published."))
                return redirect("participation:dialogue_moderation", dialogue.phase_id)
            if form.is_valid():
                services.hide(
                    request.user,
                    target,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The contribution is hidden; the reason is shown."))
                return redirect(target.get_absolute_url())
        except ValidationError as error:
            _apply_error(form, error)
    return render(
        request,
        "participation/dialogue/hide_form.html",
        {"target": target, "kind": kind, "form": form, "dialogue": dialogue},
        status=status,
    )


@require_POST
def dismiss_report(request, pk):
    found = get_object_or_404(
        DialogueReport.objects.select_related(
            "proposal__dialogue__phase__process", "comment__proposal__dialogue__phase__process"
        ),
        pk=pk,
    )
    target = found.target
    dialogue = target.dialogue if found.proposal_id else target.proposal.dialogue
    require_perm(request, "participation.moderate_process", dialogue.process)
    services.dismiss_report(request.user, found)
    messages.success(request, _("The report is dismissed; the contribution stays as it is."))
    return redirect("participation:dialogue_moderation", dialogue.phase_id)


@require_POST
def answer(request, pk):
    proposal = _proposal(request, pk)
    require_perm(request, "participation.moderate_process", proposal.dialogue.process)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(
                request.user,
                proposal,
                status=form.cleaned_data["status"],
                text=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The answer is published."))
            return redirect(proposal)
    return _detail(request, proposal, answer_form=form, status=400)


@require_http_methods(["GET", "POST"])
def settings_page(request, phase_id):
    dialogue = _dialogue(request, phase_id)
    require_perm(request, "participation.moderate_process", dialogue.process)
    initial = {
        "identity": dialogue.identity,
        "moderation": dialogue.moderation,
        "intro": dialogue.intro,
        "topics": "\n".join(t.title for t in dialogue.topics.all()),
    }
    form = SettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.configure(
                    request.user,
                    dialogue,
                    identity=data["identity"],
                    moderation=data["moderation"],
                    intro=data["intro"],
                    topics=data["topics"].splitlines(),
                )
            except ValidationError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("The dialogue's settings are saved."))
                return redirect("participation:dialogue", dialogue.phase_id)
    return render(
        request,
        "participation/dialogue/settings.html",
        {"dialogue": dialogue, "process": dialogue.process, "form": form},
        status=status,
    )
