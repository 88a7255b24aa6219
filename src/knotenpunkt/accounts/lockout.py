"""The key the login lock-out (django-axes) counts failures under."""


def lockout_username(request, credentials=None) -> str:
    """The address as login reads it: stripped and case-folded. Login ignores case, so
    counting "Bob@…" and "bob@…" apart would give every spelling its own guesses."""
    if credentials:
        typed = credentials.get("username") or credentials.get("email") or ""
    else:
        typed = getattr(request, "POST", {}).get("username", "")
    return str(typed).strip().casefold()
