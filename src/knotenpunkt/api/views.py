"""The person's access tokens under "My data": list, make (the token shown once) and
revoke; beside them the third-party apps they authorised (revocable), the apps they
registered as a developer, and the OAuth consent page. Thin: ask api.rules, call
api.tokens and api.applications, render."""

from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from oauth2_provider.models import Application
from oauth2_provider.views import AuthorizationView

from knotenpunkt.api import applications, tokens
from knotenpunkt.api.forms import ApplicationForm, TokenForm
from knotenpunkt.api.models import AccessToken
from knotenpunkt.api.rules import organisations_for_tokens


def _page(request, form, created=None, status=200):
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": tokens.tokens_of(request.user),
            "authorisations": applications.authorisations_of(request.user),
            "form": form,
            "created": created,
        },
        status=status,
    )


@login_required
def token_list(request):
    if not request.user.has_perm("api.manage_tokens"):
        raise PermissionDenied
    return _page(request, TokenForm(organisations=organisations_for_tokens(request.user)))


@never_cache
@login_required
@require_POST
def token_create(request):
    if not request.user.has_perm("api.manage_tokens"):
        raise PermissionDenied
    organisations = organisations_for_tokens(request.user)
    form = TokenForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _page(request, form, status=422)
    data = form.cleaned_data
    try:
        token, text = tokens.create_token(
            request.user,
            data["name"],
            data["scopes"],
            data["lifetime_days"],
            organisation=data.get("organisation"),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form, status=422)
    # Shown in this answer only: it is not stored, and a reload cannot show it again.
    return _page(request, TokenForm(organisations=organisations), created=(token, text))


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(AccessToken, pk=pk)
    if not request.user.has_perm("api.revoke_token", token):
        raise PermissionDenied
    tokens.revoke_token(request.user, token)
    messages.success(
        request,
        _("The token “%(name)s” is revoked and opens nothing any more.") % {"name": token.name},
    )
    return redirect("api_tokens:list")


@login_required
@require_POST
def authorisation_revoke(request, pk):
    # Revokes only what the app holds of the person asking: nobody revokes for another.
    if not request.user.has_perm("api.manage_tokens"):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    applications.revoke_authorisation(request.user, application)
    messages.success(
        request,
        _("“%(name)s” may no longer act in your name.") % {"name": application.name},
    )
    return redirect("api_tokens:list")


def _applications_page(request, form, created=None, status=200):
    return render(
        request,
        "api/applications.html",
        {
            "applications": applications.applications_of(request.user),
            "form": form,
            "created": created,
        },
        status=status,
    )


@login_required
def application_list(request):
    if not request.user.has_perm("api.register_application"):
        raise PermissionDenied
    return _applications_page(request, ApplicationForm())


@never_cache
@login_required
@require_POST
def application_create(request):
    if not request.user.has_perm("api.register_application"):
        raise PermissionDenied
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _applications_page(request, form, status=422)
    data = form.cleaned_data
    try:
        application, secret = applications.register_application(
            request.user, data["name"], data["client_type"], data["redirect_uris"].splitlines()
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _applications_page(request, form, status=422)
    # The secret is in this answer only: the toolkit keeps its hash.
    return _applications_page(request, ApplicationForm(), created=(application, secret))


@login_required
@require_POST
def application_delete(request, pk):
    application = get_object_or_404(Application, pk=pk)
    if not request.user.has_perm("api.manage_application", application):
        raise PermissionDenied
    applications.delete_application(request.user, application)
    messages.success(
        request,
        _("The application “%(name)s” is deleted; its tokens open nothing any more.")
        % {"name": application.name},
    )
    return redirect("api_tokens:applications")


class AuthorizeView(AuthorizationView):
    """The toolkit's authorization endpoint with the platform's consent page; a consent
    given is audited. The page's form may lead on to the app's redirect address, so the
    Content-Security-Policy's form-action allows that origin on this page."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        redirect_uri = getattr(self, "oauth2_data", {}).get("redirect_uri")
        if response.status_code == 200 and redirect_uri:
            parts = urlsplit(redirect_uri)
            response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
        return response

    def form_valid(self, form):
        application = Application.objects.filter(client_id=form.cleaned_data["client_id"]).first()
        if application is None:
            # The toolkit looks the application up without asking whether it exists: a
            # consent posted for an unknown (or since deleted) client is the error page.
            error = {"error": "invalid_client", "description": ""}
            return render(self.request, self.template_name, {"error": error}, status=400)
        response = super().form_valid(form)
        location = response.get("Location", "") if response.status_code == 302 else ""
        if form.cleaned_data.get("allow") and "code" in parse_qs(urlsplit(location).query):
            applications.record_authorisation(
                self.request.user, application, (form.cleaned_data.get("scope") or "").split()
            )
        return response
