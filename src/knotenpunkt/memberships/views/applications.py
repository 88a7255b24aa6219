"""Applications for membership: the applicant's pages, the staff's review and the
versioned statutes and fee rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.memberships.forms.applications import (
    ApplicationFilterForm,
    ApplicationForm,
    DeclineForm,
    DocumentForm,
    StaffMessageForm,
    add_service_errors,
)
from knotenpunkt.memberships.models import ClusterDocument, MembershipApplication
from knotenpunkt.memberships.rules import visible_applications
from knotenpunkt.memberships.services import applications as services
from knotenpunkt.memberships.services.documents import current_documents, publish_document
from knotenpunkt.memberships.services.schedules import schedule_in_force

PAGE_SIZE = 50


# --- the applicant ----------------------------------------------------------------------------


@login_required
def apply(request):
    """Where to apply, and the applications of the user's organisations."""
    if not request.user.has_perm("memberships.apply"):
        return render(request, "memberships/application_not_allowed.html", status=403)
    applications = list(services.applications_of(request.user))
    for application in applications:
        application.may_change = application.is_open and request.user.has_perm(
            "memberships.change_application", application
        )
    return render(
        request,
        "memberships/application_start.html",
        {"applications": applications, "clusters": Cluster.objects.order_by("name")},
    )


def _fee_tables(cluster):
    """The schedules in force this year and next, for the applicant to see the fees."""
    year = timezone.localdate().year
    tables = []
    for schedule in (schedule_in_force(cluster, year), schedule_in_force(cluster, year + 1)):
        if schedule is not None:
            tables.append({"schedule": schedule, "rates": list(schedule.rates.all())})
    return tables


def _application_page(request, form, cluster, documents, application=None, status=200):
    return render(
        request,
        "memberships/application_form.html",
        {
            "form": form,
            "cluster": cluster,
            "documents": documents,
            "application": application,
            "fee_tables": _fee_tables(cluster),
            "conditions": [
                (kind.label, services.KIND_CONDITIONS[kind]) for kind in services.APPLICABLE_KINDS
            ],
        },
        status=status,
    )


@login_required
def apply_to(request, cluster):
    """The application form for one cluster, with its fees and documents."""
    require_perm(request, "memberships.apply")
    cluster = get_object_or_404(Cluster, slug=cluster)
    organisations = services.organisations_for_application(request.user)
    documents = current_documents(cluster)
    form = ApplicationForm(
        request.POST or None,
        organisations=organisations,
        documents=documents,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_application(
                request.user,
                data["organisation"],
                cluster,
                kind=data["kind"],
                size_class=data["size_class"],
                start_date=data["start_date"],
                motivation=data["motivation"],
                accepted_document_ids=data.get("accepted_documents", []),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your application has been sent to %(cluster)s. You will hear from the staff.")
                % {"cluster": cluster},
            )
            return redirect("memberships:apply")
    return _application_page(
        request, form, cluster, documents, status=400 if form.is_bound else 200
    )


def _own_application(request, pk) -> MembershipApplication:
    application = get_object_or_404(
        MembershipApplication.objects.select_related("organisation", "cluster"), pk=pk
    )
    require_perm(request, "memberships.change_application", application)
    return application


@login_required
def application_edit(request, pk):
    """Change an open application and send it again."""
    application = _own_application(request, pk)
    if not application.is_open:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("memberships:apply")
    documents = current_documents(application.cluster)
    form = ApplicationForm(
        request.POST or None,
        documents=documents,
        initial=ApplicationForm.initial_from(application),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.resubmit(
                request.user,
                application,
                kind=data["kind"],
                size_class=data["size_class"],
                start_date=data["start_date"],
                motivation=data["motivation"],
                accepted_document_ids=data.get("accepted_documents", []),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application has been sent again."))
            return redirect("memberships:apply")
    return _application_page(
        request,
        form,
        application.cluster,
        documents,
        application=application,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    try:
        services.withdraw(request.user, application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The application has been withdrawn."))
    return redirect("memberships:apply")


# --- the staff --------------------------------------------------------------------------------


@login_required
def application_list(request):
    """The applications of the clusters the user looks after, open ones first by default."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user)
    form = ApplicationFilterForm(request.GET or None, clusters=clusters)
    applications = visible_applications(request.user).select_related(
        "organisation", "cluster", "applicant"
    )
    status = ""
    if form.is_valid():
        status = form.cleaned_data["status"]
        if form.cleaned_data["cluster"] is not None:
            applications = applications.filter(cluster=form.cleaned_data["cluster"])
    if status == "":
        applications = applications.filter(status__in=MembershipApplication.OPEN_STATUSES)
    elif status != "all":
        applications = applications.filter(status=status)
    page = Paginator(applications.order_by("-submitted_at", "-pk"), PAGE_SIZE).get_page(
        bounded_int(request.GET.get("page"), 1, minimum=1)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "memberships/application_list.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


def _reviewed_application(request, pk) -> MembershipApplication:
    application = get_object_or_404(
        MembershipApplication.objects.select_related(
            "organisation", "cluster", "applicant", "decided_by", "membership"
        ),
        pk=pk,
    )
    require_perm(request, "memberships.review_application", application)
    return application


def _detail_page(request, application, *, message_form=None, decline_form=None, status=200):
    return render(
        request,
        "memberships/application_detail.html",
        {
            "application": application,
            "acceptances": application.acceptances.select_related("document", "accepted_by"),
            "history": entries_for(application)[:20],
            "fee": services.fee_for(
                application.cluster,
                application.kind,
                application.size_class,
                max(application.start_date, timezone.localdate()),
            ),
            "is_member": services.has_open_membership(
                application.organisation, application.cluster
            ),
            "message_form": message_form or StaffMessageForm(),
            "decline_form": decline_form or DeclineForm(),
        },
        status=status,
    )


@login_required
def application_detail(request, pk):
    return _detail_page(request, _reviewed_application(request, pk))


@login_required
@require_POST
def application_approve(request, pk):
    application = _reviewed_application(request, pk)
    try:
        services.approve(request.user, application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(org)s is now a member of %(cluster)s; the organisation has been informed.")
            % {"org": application.organisation.name, "cluster": application.cluster},
        )
    return redirect("memberships:application_detail", pk=application.pk)


def _decide(request, pk, form_class, decide, field: str, done: str, form_name: str):
    """A staff decision with a text (the message, the reason): validated, taken through
    the service, or the detail page again with the form's errors."""
    application = _reviewed_application(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            decide(request.user, application, form.cleaned_data[field])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("memberships:application_detail", pk=application.pk)
    return _detail_page(request, application, status=400, **{form_name: form})


@login_required
@require_POST
def application_ask_for_changes(request, pk):
    return _decide(
        request,
        pk,
        StaffMessageForm,
        services.ask_for_changes,
        "message",
        _("The applicant has been asked for changes."),
        "message_form",
    )


@login_required
@require_POST
def application_decline(request, pk):
    return _decide(
        request,
        pk,
        DeclineForm,
        services.decline,
        "reason",
        _("The application has been declined."),
        "decline_form",
    )


# --- documents --------------------------------------------------------------------------------


@login_required
def documents(request):
    """Staff: the versions of each cluster's statutes and fee rules, and a new version."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user)
    initial = {"valid_from": timezone.localdate()}
    if base_pk := bounded_int(request.GET.get("base")):
        base = ClusterDocument.objects.filter(pk=base_pk, cluster__in=clusters).first()
        if base is not None:
            initial.update(cluster=base.cluster, kind=base.kind, title=base.title, body=base.body)
    form = DocumentForm(request.POST or None, clusters=clusters, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require_perm(request, "memberships.manage_fees", data["cluster"])
        try:
            published = publish_document(
                request.user,
                data["cluster"],
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                valid_from=data["valid_from"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of “%(title)s” is published.")
                % {"version": published.version, "title": published.title},
            )
            return redirect("memberships:documents")
    return render(
        request,
        "memberships/application_documents.html",
        {
            "form": form,
            "documents": ClusterDocument.objects.filter(cluster__in=clusters).select_related(
                "cluster", "created_by"
            ),
        },
        status=400 if form.is_bound else 200,
    )


def document(request, cluster, kind, version):
    """One version of a cluster's statutes or fee rules: public, as applicants read it."""
    document = get_object_or_404(
        ClusterDocument.objects.select_related("cluster"),
        cluster__slug=cluster,
        kind=kind,
        version=version,
    )
    newest = current_documents(document.cluster)
    return render(
        request,
        "memberships/application_document.html",
        {
            "document": document,
            "body_html": render_markdown(document.body),
            "is_current": document in newest,
        },
    )
