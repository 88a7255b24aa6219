def cooperation_post(partners=(), initial_forms=0, **fields) -> dict:
    """What the cooperation form sends: the fields and the partner rows (`initial_forms`:
    how many rows the page showed filled, as a browser sends it back)."""
    data = {
        "title": "Digitaler Zwilling für Hafenkräne",
        "description": "Gemeinsame Entwicklung.",
        "start_date": "2026-03-01",
        "end_date": "",
        "status": "running",
        "cluster_role": "initiated",
        "funding_programme": "ZIM",
        "funding_amount": "180000.00",
        "outputs": "",
        "partners-TOTAL_FORMS": str(max(len(partners), 1) + 1),
        "partners-INITIAL_FORMS": str(initial_forms),
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
    }
    for n, (organisation, role) in enumerate(partners):
        data[f"partners-{n}-organisation"] = str(organisation.pk)
        data[f"partners-{n}-role"] = role
    data.update(fields)
    return data
