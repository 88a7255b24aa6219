"""The open data of public processes: ideas and measures as CSV, everything as JSON."""

import io

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from knotenpunkt.participation.rules import processes_with_open_data
from knotenpunkt.participation.services import open_data as services

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _process(slug):
    # Only public processes have open data: for any other, the address does not exist,
    # whoever asks (moderators too).
    return get_object_or_404(
        processes_with_open_data().select_related("cluster", "organisation"), slug=slug
    )


def _download(content: bytes, name: str, fmt: str) -> FileResponse:
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt]
    )
    # Open data may be fetched by scripts on other sites.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def process_data(request, slug, fmt):
    """The whole process as one JSON document."""
    if fmt != "json":
        raise Http404
    process = _process(slug)
    url = request.build_absolute_uri(process.get_absolute_url())
    return _download(
        services.process_json(process, url), services.file_name(process, "open-data", fmt), fmt
    )


@require_GET
def table_data(request, slug, table, fmt):
    """One table (ideas or measures) as CSV or JSON."""
    if table not in services.TABLES or fmt not in CONTENT_TYPES:
        raise Http404
    process = _process(slug)
    if fmt == "csv":
        content = services.table_csv(process, table)
    else:
        content = services.table_json(
            process, table, request.build_absolute_uri(process.get_absolute_url())
        )
    return _download(content, services.file_name(process, table, fmt), fmt)
