"""Public pages of the mailings: sign-up, confirmation, preference centre, unsubscribe.

None of them needs a login: the signed link in the mail is the authorisation, so a
recipient can always leave without remembering a password.
"""

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from knotenpunkt.accounts.views import client_ip
from knotenpunkt.directory.models import Person
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.forms.subscriptions import PreferencesForm, SubscribeForm
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.mailings.services import subscriptions as services
from knotenpunkt.privacy.texts import CONSENT_TEXTS


def _consent_texts(lists) -> list[dict]:
    """The wordings (with version) the lists on offer stand on, to show before consent."""
    purposes = sorted({services.consent_purpose(ml) for ml in lists})
    return [
        {
            "purpose": purpose,
            "version": CONSENT_TEXTS[purpose][0],
            "text": CONSENT_TEXTS[purpose][1],
        }
        for purpose in purposes
    ]


def _link_invalid(request, reason="invalid"):
    return render(
        request, "mailings/link_invalid.html", {"expired": reason == "expired"}, status=400
    )


@require_http_methods(["GET", "POST"])
def subscribe(request):
    lists = services.subscribable_lists()
    if request.GET.get("cluster"):
        lists = lists.filter(cluster__slug=request.GET["cluster"])
    initial = {}
    if request.GET.get("list"):
        initial["lists"] = [ml for ml in lists if ml.slug == request.GET["list"]]
    form = SubscribeForm(request.POST or None, lists=lists, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            for mailing_list in data["lists"]:
                services.request_subscription(
                    mailing_list,
                    source="subscribe form",
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    ip=client_ip(request),
                    language=get_language(),
                )
        return render(request, "mailings/subscribe_done.html", {"email": data["email"]})
    return render(
        request,
        "mailings/subscribe.html",
        {"form": form, "consent_texts": _consent_texts(lists), "has_lists": bool(lists)},
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET only shows a button: link scanners of mail servers open links, and a
    subscription must be confirmed by the person, not by their spam filter."""
    try:
        subscription = services.subscription_for_confirmation(token)
        if request.method == "POST":
            subscription = services.confirm_subscription(token, ip=client_ip(request))
    except services.LinkInvalid as failure:
        return _link_invalid(request, failure.reason)
    if subscription.status == Subscription.Status.ACTIVE:
        return render(
            request,
            "mailings/confirmed.html",
            {
                "subscription": subscription,
                "preferences_url": services.preferences_url(subscription.person),
            },
        )
    if subscription.status != Subscription.Status.PENDING:
        return _link_invalid(request)
    return render(request, "mailings/confirm.html", {"subscription": subscription})


def _person_from_preferences_token(token) -> Person | None:
    try:
        person_id = tokens.read_preferences_token(token)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=person_id, erased_at__isnull=True).first()


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    person = _person_from_preferences_token(token)
    if person is None:
        return _link_invalid(request)
    lists = services.offered_lists(person)
    chosen = Subscription.objects.filter(
        person=person,
        mailing_list__in=lists,
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING],
    ).select_related("mailing_list")
    pending = {s.mailing_list_id for s in chosen if s.status == Subscription.Status.PENDING}
    # Bound on every POST: unticking the last list sends no field at all.
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        lists=lists,
        initial={"lists": [s.mailing_list for s in chosen]},
    )
    if request.method == "POST":
        if "unsubscribe_all" in request.POST:
            services.unsubscribe(person, source="preference centre", ip=client_ip(request))
            messages.success(request, _("You are unsubscribed from everything."))
            return redirect("mailings:preferences", token=token)
        if form.is_valid():
            requested, ended = services.update_preferences(
                person,
                form.cleaned_data["lists"],
                ip=client_ip(request),
                language=get_language(),
            )
            if requested:
                messages.success(
                    request,
                    _("Saved. Please confirm the new subscriptions with the link we sent you."),
                )
            else:
                messages.success(request, _("Your preferences are saved."))
            return redirect("mailings:preferences", token=token)
    return render(
        request,
        "mailings/preferences.html",
        {
            "form": form,
            "person": person,
            "pending": [ml for ml in lists if ml.pk in pending],
            "consent_texts": _consent_texts(lists),
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signed link authorises
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe. A POST (the mail client's "List-Unsubscribe=One-Click", or
    the button on the page) takes effect at once; a GET never changes anything, because
    link scanners open every link in a mail."""
    try:
        person_id, list_id = tokens.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _link_invalid(request)
    person = Person.objects.filter(pk=person_id, erased_at__isnull=True).first()
    if person is None:
        return _link_invalid(request)
    mailing_list = MailingList.objects.filter(pk=list_id).first() if list_id else None
    if list_id and mailing_list is None:
        # The list is gone, and with it every subscription to it: nothing left to end.
        return render(request, "mailings/unsubscribed.html", {"mailing_list": None})
    if request.method == "POST":
        services.unsubscribe(
            person, mailing_list, source="one-click unsubscribe", ip=client_ip(request)
        )
        return render(
            request,
            "mailings/unsubscribed.html",
            {
                "mailing_list": mailing_list,
                "preferences_url": services.preferences_url(person),
            },
        )
    return render(request, "mailings/unsubscribe.html", {"mailing_list": mailing_list})
