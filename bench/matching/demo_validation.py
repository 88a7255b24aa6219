"""Export the matching demo as a second judged set, in the format of match-eval.

    .venv/bin/python bench/matching/demo_validation.py [out.json]

Builds the whole demo (directory + matching) in a throw-away test database, then writes
every organisation with a competence profile (description: the profile's offer and the
organisation's description; tags: keywords, technologies, services and products; topics:
the taxonomy slugs of profile and organisation, which match-eval sets as the profile's
topics) and the demo's needs (with their taxonomy topics), with graded judgements (0-3).

The judgements were written by reading the demo's capability templates and needs, per
need and before looking at the engine's ranking: a cluster manager's view of which kind of
provider could actually do the job (capability, not shared words), with the demo's
accepted / cooperation contacts as hints. A firm is judged by its main capability; a firm
whose *second* focus fits gets one grade less (it says one sentence about it). Research
bodies are judged by their field ("r:<field>"), universities as "r:university",
academies as "r:academy". The engine's developers never edit the needs or profiles.
"""

import json
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "demo-validation.json"

# need key -> {capability key (or r:<research field>) -> grade}
JUDGEMENTS = {
    "electrician_jobs": {
        "time_tracking_trades": 3,
        "low_code_forms": 2,
        "staff_scheduling": 1,
        "custom_software": 1,
    },
    "roofer_measuring": {
        "gis_geodata": 3,
        "r:Geoinformatik": 2,
        "film_vr": 1,
        "construction_bim": 1,
        "vision_quality": 1,
    },
    "roofer_apprentices": {"employer_branding": 3, "local_marketing": 2},
    "bakery_leftovers": {
        "forecasting": 3,
        "bi_dashboards": 2,
        "ai_consulting": 1,
        "r:Datenwissenschaft": 1,
    },
    "bakery_invoices": {
        "paperless_office": 3,
        "erp_integration": 1,
        "erp_selection": 1,
        "digital_check": 1,
    },
    "farm_records": {
        "smart_farming": 3,
        "gis_geodata": 1,
        "low_code_forms": 1,
        "r:Geoinformatik": 1,
    },
    "farm_shop": {"iot_sensors": 3, "smart_farming": 2, "omnichannel": 1, "online_shop": 1},
    "hotel_wifi": {"network_wifi": 3, "it_support": 2, "fibre_campus": 1},
    "hotel_rota": {"staff_scheduling": 3, "time_tracking_trades": 1},
    "care_rounds": {"care_software": 3, "staff_scheduling": 2, "low_code_forms": 1},
    "care_tablets": {"digital_skills": 3, "r:academy": 2, "elearning": 1, "care_software": 1},
    "bikes_stock": {"omnichannel": 3, "erp_integration": 3, "online_shop": 1, "erp_selection": 1},
    "bikes_workshop": {
        "r:university": 3,
        "r:Angewandte Informatik": 1,
        "mobile_apps": 1,
        "booking_tourism": 1,
        "online_services": 1,
        "custom_software": 1,
    },
    "metal_costing": {
        "erp_selection": 3,
        "time_tracking_trades": 2,
        "bi_dashboards": 1,
        "legacy_modernisation": 1,
    },
    "metal_breakdowns": {"machine_connect": 3, "iot_sensors": 2, "forecasting": 1},
    "metal_fake_invoice": {
        "awareness": 3,
        "digital_skills": 1,
        "isms_nis2": 1,
        "incident_response": 1,
        "security_check": 1,
    },
    "terminal_queue": {"logistics_software": 3, "maritime_software": 2, "fleet_telematics": 1},
    "shipping_it": {
        "it_support": 3,
        "maritime_software": 1,
        "network_wifi": 1,
        "backup_workplace": 1,
        "cloud_migration": 1,
    },
    "boatyard_winter": {
        "r:university": 3,
        "r:Angewandte Informatik": 1,
        "r:Maritime Informatik": 1,
        "logistics_software": 1,
        "custom_software": 1,
    },
    "stevedore_security": {
        "isms_nis2": 3,
        "security_check": 2,
        "awareness": 1,
        "incident_response": 1,
    },
    "district_queue": {
        "online_services": 3,
        "e_file_council": 1,
        "ux_service_design": 1,
        "it_contracts_law": 1,
    },
    "district_it_staff": {"r:university": 3, "employer_branding": 2, "r:academy": 1},
    "district_dead_spots": {
        "fibre_campus": 3,
        "gis_geodata": 2,
        "iot_sensors": 1,
        "r:Geoinformatik": 1,
    },
    "amt_reports": {
        "citizen_participation": 3,
        "low_code_forms": 1,
        "online_services": 1,
        "mobile_apps": 1,
    },
    "amt_websites": {"websites_accessible": 3, "ux_service_design": 1, "online_services": 1},
    "village_transport": {"on_demand_mobility": 3, "fleet_telematics": 1},
    "village_hall": {
        "booking_tourism": 2,
        "online_services": 1,
        "iot_sensors": 1,
        "mobile_apps": 1,
        "custom_software": 1,
    },
    "kiel_classrooms": {"iot_sensors": 3, "energy_monitoring": 2, "bi_dashboards": 1},
    "flensburg_participation": {
        "citizen_participation": 3,
        "gis_geodata": 1,
        "ux_service_design": 1,
    },
    "zweckverband_procurement": {"it_contracts_law": 3, "data_protection": 1},
    "university_voice_care": {
        "chatbots": 3,
        "r:Mensch-Computer-Interaktion": 2,
        "r:Digitale Medizin": 1,
        "document_ai": 1,
        "care_software": 1,
    },
    "tech_university_rotor_blades": {
        "gis_geodata": 3,
        "film_vr": 2,
        "vision_quality": 1,
        "structure_monitoring": 1,
        "r:Geoinformatik": 1,
        "r:Küsteningenieurwesen": 1,
    },
    "coast_dike_photos": {
        "vision_quality": 3,
        "gis_geodata": 2,
        "ai_consulting": 1,
        "structure_monitoring": 1,
        "r:Datenwissenschaft": 1,
        "r:Geoinformatik": 1,
    },
    "robotics_software": {
        "legacy_modernisation": 3,
        "custom_software": 2,
        "r:Angewandte Informatik": 1,
        "underwater_systems": 1,
    },
    "academy_returners": {"elearning": 3, "digital_skills": 2, "film_vr": 1, "serious_games": 1},
    "association_privacy": {"data_protection": 3, "it_contracts_law": 1, "awareness": 1},
}


def _capabilities(profile) -> tuple[str | None, str | None]:
    """(main, second) capability keys of a demo profile, read back from its offer."""
    from knotenpunkt.demo.matching_data import (
        ACADEMY_PROFILE,
        CAPABILITIES,
        RESEARCH_FIELDS,
        SECOND_FOCUS_SENTENCES,
        UNIVERSITY_PROFILE,
    )

    offer = profile.offer
    for field in RESEARCH_FIELDS:
        if f"im Bereich {field} " in offer:
            return f"r:{field}", None
    if offer == UNIVERSITY_PROFILE[0]:
        return "r:university", None
    if offer == ACADEMY_PROFILE[0]:
        return "r:academy", None
    main = next((c.key for c in CAPABILITIES if any(offer.startswith(o) for o in c.openings)), None)
    second = next(
        (
            c.key
            for c in CAPABILITIES
            if c.key != main
            and any(sentence.format(short=c.short) in offer for sentence in SECOND_FOCUS_SENTENCES)
        ),
        None,
    )
    return main, second


def grade(judgements: dict[str, int], main: str | None, second: str | None) -> int:
    best = judgements.get(main, 0)
    if second and judgements.get(second, 0) >= 2:
        best = max(best, judgements[second] - 1)
    return best


def export() -> dict:
    from knotenpunkt.demo.builder import install_demo
    from knotenpunkt.demo.matching_data import NEEDS
    from knotenpunkt.matching.models import CompetenceProfile, Need

    install_demo()
    organisations, capability_of = [], {}
    profiles = CompetenceProfile.objects.select_related("organisation").prefetch_related(
        "topics", "organisation__topics"
    )
    for profile in profiles.order_by("organisation_id"):
        org = profile.organisation
        key = f"o{org.pk}"
        capability_of[key] = _capabilities(profile)
        tags = []
        for text in (profile.keywords, profile.technologies, profile.services, profile.products):
            tags += [line.strip() for line in (text or "").splitlines() if line.strip()]
        topics = list(dict.fromkeys([*profile.topics.all(), *org.topics.all()]))
        organisations.append(
            {
                "id": key,
                "name": org.name,
                "kind": {"research": "research", "public": "public"}.get(org.actor_type, "company"),
                "city": org.city,
                "employees": org.employees,
                "description": "\n".join(x for x in (profile.offer, org.description) if x),
                "tags": tags,
                "topics": [t.slug for t in topics],
                "capability": capability_of[key][0],
                "second_capability": capability_of[key][1],
            }
        )
    specs = {s.title: s for s in NEEDS}
    needs, judgements = [], {}
    for need in Need.objects.prefetch_related("topics").order_by("pk"):
        spec = specs.get(need.title)
        if spec is None:
            continue
        needs.append(
            {
                "id": spec.key,
                "title": need.title,
                "text": need.text,
                "topics": [t.slug for t in need.topics.all()],
            }
        )
        graded = {key: grade(JUDGEMENTS[spec.key], *capability_of[key]) for key in capability_of}
        judgements[spec.key] = {k: g for k, g in graded.items() if g > 0}
    return {
        "name": "Knotenpunkt demo needs and profiles (second judged set for generalisation)",
        "language": "de",
        "organisations": organisations,
        "needs": needs,
        "judgements": judgements,
    }


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import override_settings

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    old_name = connection.settings_dict["NAME"]
    with override_settings(CACHES=caches):
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            data = export()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['organisations'])} organisations, {len(data['needs'])} needs -> {out}")


if __name__ == "__main__":
    main()
