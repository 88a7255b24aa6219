"""The owners' pages: subscriptions of the organisations one administers and the clusters
one looks after, the secret, the delivery log. Thin: ask webhooks.rules, call the
services, render."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.jobs.rules import administered_organisations
from knotenpunkt.webhooks import services
from knotenpunkt.webhooks.forms import SubscriptionForm
from knotenpunkt.webhooks.rules import visible_deliveries, visible_subscriptions
from knotenpunkt.webhooks.services.delivery import body_of

LOG_LENGTH = 50


def _owner_choices(user) -> list[tuple[str, str]]:
    choices = [
        (f"organisation:{o.pk}", o.name) for o in administered_organisations(user).order_by("name")
    ]
    choices += [
        (f"cluster:{c.pk}", _("Cluster %(name)s") % {"name": c.name})
        for c in clusters_looked_after(user).order_by("name")
    ]
    return choices


def _subscription(request, pk):
    subscription = get_object_or_404(
        visible_subscriptions(request.user).select_related("organisation", "cluster"), pk=pk
    )
    require_perm(request, "webhooks.manage_subscription", subscription)
    return subscription


@login_required
def subscription_list(request):
    require_perm(request, "webhooks.use")
    subscriptions = visible_subscriptions(request.user).select_related("organisation", "cluster")
    return render(request, "webhooks/list.html", {"subscriptions": subscriptions})


@never_cache
@login_required
def subscription_create(request):
    require_perm(request, "webhooks.use")
    owners = _owner_choices(request.user)
    form = SubscriptionForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind, _sep, pk = data["owner"].partition(":")
        if kind == "organisation":
            owner = {"organisation": administered_organisations(request.user).get(pk=pk)}
            require_perm(request, "webhooks.manage_organisation", owner["organisation"])
        else:
            owner = {"cluster": clusters_looked_after(request.user).get(pk=pk)}
            require_perm(request, "webhooks.manage_cluster", owner["cluster"])
        try:
            subscription = services.create_subscription(
                request.user,
                url=data["url"],
                description=data["description"],
                event_types=data["event_types"],
                **owner,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The subscription is saved. Copy the signing secret into your receiver."),
            )
            return redirect("webhooks:subscription", subscription.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "webhooks/form.html", {"form": form}, status=status)


@never_cache
@login_required
def subscription_detail(request, pk):
    subscription = _subscription(request, pk)
    form = SubscriptionForm(
        initial={
            "url": subscription.url,
            "description": subscription.description,
            "event_types": subscription.event_types,
        }
    )
    return _detail(request, subscription, form)


def _detail(request, subscription, form, status=200):
    deliveries = subscription.deliveries.select_related("message")[:LOG_LENGTH]
    return render(
        request,
        "webhooks/subscription.html",
        {"subscription": subscription, "form": form, "deliveries": deliveries},
        status=status,
    )


@never_cache
@login_required
@require_POST
def subscription_edit(request, pk):
    subscription = _subscription(request, pk)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        try:
            services.change_subscription(request.user, subscription, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The subscription is saved."))
            return redirect("webhooks:subscription", subscription.pk)
    subscription.refresh_from_db()
    return _detail(request, subscription, form, status=422)


@login_required
@require_POST
def subscription_rotate(request, pk):
    subscription = _subscription(request, pk)
    services.rotate_secret(request.user, subscription)
    messages.success(
        request,
        _("A new signing secret is made; the old one no longer verifies. Copy the new one."),
    )
    return redirect("webhooks:subscription", subscription.pk)


def _act(request, subscription, action, done: str):
    try:
        action(request.user, subscription)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("webhooks:subscription", subscription.pk)


@login_required
@require_POST
def subscription_test(request, pk):
    return _act(
        request,
        _subscription(request, pk),
        services.send_test_event,
        _("A test event is on its way; its delivery appears in the log below."),
    )


@login_required
@require_POST
def subscription_enable(request, pk):
    return _act(
        request,
        _subscription(request, pk),
        services.enable,
        _("The subscription is switched on again."),
    )


@login_required
@require_POST
def subscription_disable(request, pk):
    def switch_off(user, subscription):
        services.disable(user, subscription, _("Switched off by %(user)s.") % {"user": user})

    return _act(
        request, _subscription(request, pk), switch_off, _("The subscription is switched off.")
    )


@login_required
@require_POST
def subscription_delete(request, pk):
    subscription = _subscription(request, pk)
    services.delete_subscription(request.user, subscription)
    messages.success(request, _("The subscription and its delivery log are deleted."))
    return redirect("webhooks:list")


@login_required
def delivery_detail(request, pk):
    delivery = get_object_or_404(
        visible_deliveries(request.user).select_related(
            "message", "subscription__organisation", "subscription__cluster"
        ),
        pk=pk,
    )
    require_perm(request, "webhooks.manage_subscription", delivery.subscription)
    payload = json.dumps(json.loads(body_of(delivery.message)), indent=2, ensure_ascii=False)
    return render(
        request,
        "webhooks/delivery.html",
        {"delivery": delivery, "subscription": delivery.subscription, "payload": payload},
    )


@login_required
@require_POST
def delivery_redeliver(request, pk):
    delivery = get_object_or_404(visible_deliveries(request.user), pk=pk)
    if not request.user.has_perm("webhooks.manage_subscription", delivery.subscription):
        raise PermissionDenied
    try:
        services.redeliver(request.user, delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is being sent again."))
    return redirect("webhooks:subscription", delivery.subscription_id)
