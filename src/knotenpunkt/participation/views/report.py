"""The workshop report of a process as a PDF, for everyone who may read the process."""

import io

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services import report as services


@require_GET
def report(request, slug):
    # Whoever may not read the process gets the process page's 404: the report's address
    # must not tell that a members-only process exists.
    process = get_object_or_404(
        visible_processes(request.user).select_related("cluster", "organisation"), slug=slug
    )
    pdf = services.report_pdf_for(process, services.reader_of(request.user, process))
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=services.file_name(process),
        content_type="application/pdf",
    )
