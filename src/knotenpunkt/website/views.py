"""The website's few platform views; its pages are served by Wagtail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from knotenpunkt.accounts.views import client_ip
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.texts import CONSENT_TEXTS
from knotenpunkt.website.forms import PortraitAuthorForm
from knotenpunkt.website.models import PortraitPage
from knotenpunkt.website.rules import may_request_portrait_consent, sites_edited_by
from knotenpunkt.website.services import portraits, sites


def go(request, page_id):
    """To the page in the reader's language, on its cluster's host (the feed's link)."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    locale = Locale.objects.filter(language_code=get_language()).first()
    translation = page.get_translation_or_none(locale) if locale else None
    if translation is not None and translation.live:
        page = translation
    address = page.get_full_url(request)
    if not address:
        raise Http404
    return HttpResponseRedirect(address)


@require_http_methods(["GET", "POST"])
def portrait_consent(request, token):
    """The portrayed person's page (no login: the signed link authorises). GET shows the
    portrait and the consent's wording; the person's button press decides (mail
    scanners open links, only people press buttons)."""
    try:
        portrait, person = portraits.portrait_for_consent(token)
    except portraits.ConsentLinkInvalid:
        return render(request, "website/portrait_consent_invalid.html", status=404)
    decided = None
    if request.method == "POST":
        granted = request.POST.get("decision") == "consent"
        portraits.decide_consent(token, granted, ip=client_ip(request))
        decided = "given" if granted else "declined"
    return render(
        request,
        "website/portrait_consent.html",
        {
            "portrait": portrait,
            "person": person,
            "wording": CONSENT_TEXTS[Consent.Purpose.PORTRAIT][1],
            "decided": decided,
        },
    )


@require_http_methods(["GET", "POST"])
def request_portrait_consent(request, page_id):
    """In Wagtail's editor: send the portrayed person the consent link (staff of the
    cluster, or a portrait author for their own organisation's people)."""
    portrait = get_object_or_404(PortraitPage, pk=page_id)
    if not may_request_portrait_consent(request.user, portrait):
        raise PermissionDenied
    status = portraits.consent_status(portrait)
    if request.method == "POST":
        try:
            address = portraits.request_consent(request.user, portrait)
        except portraits.ConsentRequestRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("The consent request was sent to %(address)s.") % {"address": address},
            )
        return redirect("wagtailadmin_pages:edit", portrait.pk)
    return TemplateResponse(
        request,
        "website/admin/request_portrait_consent.html",
        {"page": portrait, "status": status},
    )


@login_required
@require_http_methods(["GET", "POST"])
def portrait_authors(request):
    """The staff's list of members invited to write portraits, per cluster site they edit;
    invite another member or end an invitation."""
    cluster_sites = list(sites_edited_by(request.user).select_related("cluster"))
    if not cluster_sites:
        raise PermissionDenied
    if request.method == "POST":
        cluster_site = get_object_or_404(
            sites_edited_by(request.user), pk=request.POST.get("site", "")
        )
        if not request.user.has_perm("website.manage_portrait_authors", cluster_site):
            raise PermissionDenied
        form = PortraitAuthorForm(cluster_site, request.POST)
        if form.is_valid():
            user = form.cleaned_data["user"]
            try:
                if request.POST.get("action") == "revoke":
                    sites.revoke_portrait_author(request.user, cluster_site, user)
                    messages.success(
                        request,
                        _("%(user)s no longer writes portraits.") % {"user": user.email},
                    )
                else:
                    sites.invite_portrait_author(request.user, cluster_site, user)
                    messages.success(
                        request,
                        _("%(user)s is invited and was told by e-mail.") % {"user": user.email},
                    )
            except sites.AuthorRefused as refusal:
                messages.error(request, str(refusal))
            return redirect("website:authors")
        messages.error(request, _("Please choose a person from the list."))
    rows = [
        (cluster_site, sites.portrait_authors(cluster_site), PortraitAuthorForm(cluster_site))
        for cluster_site in cluster_sites
    ]
    return render(request, "website/portrait_authors.html", {"rows": rows})
