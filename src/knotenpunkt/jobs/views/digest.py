"""The weekly digest: subscribing (logged in on the board, or by e-mail with double
opt-in), confirming and unsubscribing. The confirmation and unsubscribe pages need no
login: the signed link is the authorisation, as in the mailings."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from knotenpunkt.accounts.views import client_ip
from knotenpunkt.directory.models import Person
from knotenpunkt.jobs import tokens
from knotenpunkt.jobs.forms.digest import DigestForm, DigestSignupForm
from knotenpunkt.jobs.models import JobDigestSubscription
from knotenpunkt.jobs.services import digest as services
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.texts import CONSENT_TEXTS

Status = JobDigestSubscription.Status


def _own_person(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user, erased_at__isnull=True).first()


def _consent_text() -> dict:
    version, text = CONSENT_TEXTS[Consent.Purpose.JOBS_DIGEST]
    return {"version": version, "text": text}


def _initial(subscription) -> dict:
    if subscription is None or subscription.status == Status.UNSUBSCRIBED:
        return {}
    return {"kinds": subscription.kinds, "topics": list(subscription.topics.all())}


def digest_box(request) -> dict:
    """What the board shows about the digest: the logged-in person's subscription, or
    the way to the sign-up."""
    person = _own_person(request.user)
    subscription = services.subscription_of(person)
    return {
        "person": person,
        "subscription": subscription,
        "active": subscription is not None and subscription.status == Status.ACTIVE,
        "pending": subscription is not None and subscription.status == Status.PENDING,
    }


@require_http_methods(["GET", "POST"])
def digest(request):
    person = _own_person(request.user)
    if person is None:
        return _public_signup(request)
    subscription = services.subscription_of(person)
    if request.method == "POST" and "unsubscribe" in request.POST:
        services.unsubscribe(person, source="jobs board", ip=client_ip(request), actor=request.user)
        messages.success(request, _("You will receive no more digests."))
        return redirect("jobs:digest")
    form = DigestForm(request.POST or None, initial=_initial(subscription))
    if request.method == "POST" and form.is_valid():
        subscription = services.subscribe_account(
            request.user,
            kinds=form.cleaned_data["kinds"],
            topics=form.cleaned_data["topics"],
            ip=client_ip(request),
            language=get_language(),
        )
        if subscription.status == Status.ACTIVE:
            messages.success(request, _("Your digest settings are saved."))
        else:
            messages.success(request, _("Please confirm the digest with the link we sent you."))
        return redirect("jobs:digest")
    return render(
        request,
        "jobs/digest.html",
        {
            "form": form,
            "subscription": subscription,
            "active": subscription is not None and subscription.status == Status.ACTIVE,
            "consent_text": _consent_text(),
        },
        status=400 if form.is_bound else 200,
    )


def _public_signup(request):
    form = DigestSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_subscription(
            email=form.cleaned_data["email"],
            kinds=form.cleaned_data["kinds"],
            topics=form.cleaned_data["topics"],
            source="jobs digest form",
            ip=client_ip(request),
            language=get_language(),
        )
        # The same answer for a new and a known address: the form tells strangers nothing.
        return render(request, "jobs/digest_requested.html", {"email": form.cleaned_data["email"]})
    return render(
        request,
        "jobs/digest.html",
        {"form": form, "consent_text": _consent_text(), "public": True},
        status=400 if form.is_bound else 200,
    )


def _link_invalid(request, reason="invalid"):
    return render(request, "jobs/link_invalid.html", {"expired": reason == "expired"}, status=400)


@require_http_methods(["GET", "POST"])
def digest_confirm(request, token):
    """GET only shows a button: mail servers' link scanners open links, and the person,
    not their spam filter, confirms."""
    try:
        subscription = services.subscription_for_confirmation(token)
        if request.method == "POST":
            subscription = services.confirm_subscription(token, ip=client_ip(request))
    except services.LinkInvalid as failure:
        return _link_invalid(request, failure.reason)
    if subscription.status == Status.ACTIVE:
        return render(request, "jobs/digest_confirmed.html", {"subscription": subscription})
    if subscription.status != Status.PENDING:
        return _link_invalid(request)
    return render(request, "jobs/digest_confirm.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signed link authorises
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """One-click unsubscribe: a POST (the mail client's "List-Unsubscribe=One-Click", or
    the page's button) ends the subscription at once; a GET changes nothing."""
    try:
        person_id = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _link_invalid(request)
    person = Person.objects.filter(pk=person_id, erased_at__isnull=True).first()
    if person is None:
        return _link_invalid(request)
    if request.method == "POST":
        services.unsubscribe(person, source="one-click unsubscribe", ip=client_ip(request))
        return render(request, "jobs/digest_unsubscribed.html")
    return render(request, "jobs/digest_unsubscribe.html")
