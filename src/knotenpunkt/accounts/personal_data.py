from knotenpunkt.core.registry import register_personal_data


def export_account(person) -> dict | None:
    user = person.user
    if user is None:
        return None
    return {
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_confirmed_at": user.email_confirmed_at.isoformat()
        if user.email_confirmed_at
        else None,
    }


register_personal_data("account", export_account)
