"""django-anymail's webhook URLs, each refused while no webhook secret is configured
(mailings.webhooks.require_webhook_secret); mounted at /mailings/webhooks/."""

from anymail import urls as anymail_urls
from django.urls import URLPattern

from knotenpunkt.mailings.webhooks import require_webhook_secret

app_name = "anymail"
urlpatterns = [
    URLPattern(
        pattern.pattern,
        require_webhook_secret(pattern.callback),
        pattern.default_args,
        pattern.name,
    )
    for pattern in anymail_urls.urlpatterns
]
