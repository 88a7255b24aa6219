from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import register_action

register_action("webhooks.subscription.created", _("Webhook subscription created"))
register_action("webhooks.subscription.changed", _("Webhook subscription changed"))
register_action("webhooks.subscription.deleted", _("Webhook subscription deleted"))
register_action("webhooks.subscription.secret_rotated", _("Webhook secret renewed"))
register_action("webhooks.subscription.disabled", _("Webhook subscription switched off"))
register_action("webhooks.subscription.enabled", _("Webhook subscription switched on again"))
register_action("webhooks.delivery.redelivered", _("Webhook delivery sent again"))
register_action("webhooks.subscription.tested", _("Webhook test event sent"))
