from knotenpunkt.core.registry import register_personal_data


def export_consents(person) -> list[dict]:
    return [
        {
            "purpose": c.purpose,
            "granted": c.granted,
            "recorded_at": c.recorded_at.isoformat(),
            "source": c.source,
            "text_version": c.text_version,
            "wording": c.wording,
        }
        for c in person.consents.all()
    ]


def erase_consents(person) -> None:
    # The records stay as proof of what was agreed (Art. 7(1)); only the IP goes.
    person.consents.update(ip_address=None)


register_personal_data("consents", export_consents, erase_consents, models=("privacy.Consent",))
