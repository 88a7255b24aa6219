from django.urls import path
from oauth2_provider import views as oauth_views

from knotenpunkt.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("new/", views.token_create, name="create"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
    path(
        "authorised/<int:pk>/revoke/",
        views.authorisation_revoke,
        name="authorisation_revoke",
    ),
    path("applications/", views.application_list, name="applications"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
]

# OAuth 2 for third-party apps (django-oauth-toolkit), included at the root in its own
# namespace "oauth2_provider": the endpoints under /o/, and the RFC 8414 metadata at the
# origin's /.well-known/oauth-authorization-server (its issuer is the origin). No implicit,
# password or device flows, no dynamic registration: apps are registered on the pages above.
oauth_urlpatterns = [
    path("o/authorize/", views.AuthorizeView.as_view(), name="authorize"),
    path("o/token/", oauth_views.TokenView.as_view(), name="token"),
    path("o/revoke_token/", oauth_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("o/introspect/", oauth_views.IntrospectTokenView.as_view(), name="introspect"),
    path(
        ".well-known/oauth-authorization-server",
        oauth_views.OAuthServerMetadataView.as_view(),
        name="oauth-server-metadata",
    ),
]
