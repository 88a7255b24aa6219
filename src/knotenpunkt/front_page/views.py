from django.shortcuts import render

from knotenpunkt.front_page.services import network_overview


def home(request):
    """The front page: the directory search and what happens in the network."""
    return render(request, "front_page/home.html", {"overview": network_overview(request.user)})
