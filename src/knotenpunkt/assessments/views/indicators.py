"""Indicators of an assessment: one by one, imported from a file, copied from an earlier
assessment; and their evidence files."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from knotenpunkt.assessments.forms import (
    CopyForm,
    EvidenceForm,
    ImportForm,
    IndicatorForm,
    add_service_errors,
)
from knotenpunkt.assessments.services import evidence as evidence_service
from knotenpunkt.assessments.services import indicators as service
from knotenpunkt.assessments.services.evaluation import completeness
from knotenpunkt.assessments.views.common import assessment_for, evidence_for, indicator_for
from knotenpunkt.core.csv_export import csv_writer


@login_required
def indicator_add(request, pk):
    assessment = assessment_for(request, pk)
    area = request.GET.get("area", "")[:150]
    form = IndicatorForm(request.POST or None, initial={"area": area})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = service.add_indicator(request.user, assessment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been added."))
            if "another" in request.POST:
                url = reverse("assessments:indicator_add", args=[assessment.pk])
                return redirect(f"{url}?area={indicator.area}")
            return redirect("assessments:indicator", pk=indicator.pk)
    return render(
        request,
        "assessments/indicator_form.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


def _indicator_page(request, indicator, form=None, evidence_form=None, status=200):
    result = next(
        r for r in completeness(indicator.assessment).results if r.indicator.pk == indicator.pk
    )
    return render(
        request,
        "assessments/indicator.html",
        {
            "assessment": indicator.assessment,
            "indicator": indicator,
            "result": result,
            "form": form or IndicatorForm(instance=indicator),
            "evidence_form": evidence_form or EvidenceForm(),
        },
        status=status,
    )


@login_required
def indicator_detail(request, pk):
    """An indicator with its state, its evidence and the forms to change both."""
    indicator = indicator_for(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            service.change_indicator(request.user, indicator, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been saved."))
            return redirect("assessments:indicator", pk=indicator.pk)
    return _indicator_page(request, indicator, form=form, status=400 if form.errors else 200)


@login_required
@require_POST
def indicator_delete(request, pk):
    indicator = indicator_for(request, pk)
    assessment = indicator.assessment
    service.delete_indicator(request.user, indicator)
    messages.success(request, _("The indicator has been deleted with its evidence."))
    return redirect("assessments:detail", pk=assessment.pk)


@login_required
def indicator_import(request, pk):
    """Indicators from the questionnaire as a CSV or XLSX file: all rows or none."""
    assessment = assessment_for(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = service.import_indicators(request.user, assessment, form.cleaned_data["file"])
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s indicator has been imported.",
                    "%(count)s indicators have been imported.",
                    result.created,
                )
                % {"count": result.created},
            )
            return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/indicator_import.html",
        {"assessment": assessment, "form": form, "problems": problems},
        status=400 if (form.errors or problems) else 200,
    )


@login_required
def import_template(request, pk):
    """An empty questionnaire file with the columns the import reads."""
    assessment_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicators.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv_writer(response, delimiter=";")
    writer.writerow(["area", "name", "requirement", "threshold", "comparison", "kpi"])
    return response


@login_required
def indicator_copy(request, pk):
    assessment = assessment_for(request, pk)
    form = CopyForm(request.POST or None, target=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            result = service.copy_indicators(request.user, assessment, form.cleaned_data["source"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(copied)s indicators copied, %(skipped)s already there.")
                % {"copied": result.copied, "skipped": result.skipped},
            )
            return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/indicator_copy.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


# --- evidence ----------------------------------------------------------------------------


@login_required
@require_POST
def evidence_add(request, pk):
    indicator = indicator_for(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_service.add_evidence(
                request.user,
                indicator,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evidence has been uploaded."))
            return redirect("assessments:indicator", pk=indicator.pk)
    return _indicator_page(request, indicator, evidence_form=form, status=400)


@login_required
def evidence_download(request, pk):
    """Evidence leaves the private storage only through this check."""
    evidence = evidence_for(request, pk)
    if not evidence.file or not evidence.file.storage.exists(evidence.file.name):
        messages.error(request, _("The file is missing from the storage."))
        return redirect("assessments:indicator", pk=evidence.indicator_id)
    name = evidence.original_name or PurePath(evidence.file.name).name
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = evidence_for(request, pk)
    indicator_pk = evidence.indicator_id
    evidence_service.delete_evidence(request.user, evidence)
    messages.success(request, _("The evidence has been deleted."))
    return redirect("assessments:indicator", pk=indicator_pk)
