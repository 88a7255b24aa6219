from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render


def healthz(request):
    """For load balancers and the benchmark's floor: no template, one trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def privacy_notice(request):
    return render(request, "core/privacy_notice.html")


def accessibility(request):
    return render(request, "core/accessibility.html")
