"""The person's access tokens under "My data": list, make (the token shown once) and
revoke. Thin: ask api.rules, call api.tokens, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from knotenpunkt.api import tokens
from knotenpunkt.api.forms import TokenForm
from knotenpunkt.api.models import AccessToken
from knotenpunkt.api.rules import organisations_for_tokens


def _page(request, form, created=None, status=200):
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": tokens.tokens_of(request.user),
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
