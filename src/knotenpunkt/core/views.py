from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from knotenpunkt.directory.models import Cluster


def home(request):
    clusters = Cluster.objects.all()
    return render(request, "core/home.html", {"clusters": clusters})


def healthz(request):
    """For load balancers and the benchmark's floor: no template, one trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def privacy_notice(request):
    return render(request, "core/privacy_notice.html")


def accessibility(request):
    return render(request, "core/accessibility.html")
