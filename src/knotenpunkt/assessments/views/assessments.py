"""The list of label assessments, one assessment's completeness, its settings and its
evidence pack."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.assessments.forms import AssessmentForm, add_service_errors
from knotenpunkt.assessments.models import Assessment
from knotenpunkt.assessments.rules import visible_assessments
from knotenpunkt.assessments.services import assessments as service
from knotenpunkt.assessments.services import pack
from knotenpunkt.assessments.services.evaluation import STATES, completeness
from knotenpunkt.assessments.views.common import assessment_for
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after


@login_required
def assessment_list(request):
    """Every assessment of the clusters the user looks after."""
    require_perm(request, "assessments.view_assessments")
    assessments = (
        visible_assessments(request.user)
        .select_related("cluster")
        .annotate(indicator_count=Count("indicators"))
        .order_by("-reference_year", "cluster__name", "label")
    )
    return render(request, "assessments/list.html", {"assessments": assessments})


@login_required
def assessment_create(request):
    require_perm(request, "assessments.view_assessments")
    clusters = clusters_looked_after(request.user)
    form = AssessmentForm(request.POST or None, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cluster = data.pop("cluster")
        require_perm(request, "assessments.start_assessment", cluster)
        try:
            assessment = service.start_assessment(request.user, cluster, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment has been started. Now add its indicators."))
            return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def assessment_detail(request, pk):
    """The completeness view: per area each indicator with its state and evidence."""
    assessment = assessment_for(request, pk)
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "result": completeness(assessment),
            "states": STATES,
            "earlier": Assessment.objects.filter(cluster=assessment.cluster)
            .exclude(pk=assessment.pk)
            .exists(),
        },
    )


@login_required
def assessment_edit(request, pk):
    assessment = assessment_for(request, pk)
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            service.change_assessment(request.user, assessment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment has been saved."))
            return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/assessment_form.html",
        {"form": form, "assessment": assessment},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def assessment_delete(request, pk):
    assessment = assessment_for(request, pk)
    try:
        service.delete_assessment(request.user, assessment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:detail", pk=assessment.pk)
    messages.success(request, _("The assessment has been deleted."))
    return redirect("assessments:list")


@login_required
def summary_pdf(request, pk):
    """The summary alone, to read before packing."""
    assessment = assessment_for(request, pk)
    response = HttpResponse(
        pack.summary_pdf(completeness(assessment)), content_type="application/pdf"
    )
    name = pack.pack_name(assessment).removesuffix(".zip") + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_pack(request, pk):
    """The ZIP of the summary and every evidence file."""
    assessment = assessment_for(request, pk)
    archive = pack.evidence_pack(request.user, assessment)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=pack.pack_name(assessment),
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
