"""The 14 OZG Themenfelder and common interfaces of administrative software.

Both are data: staff may add interfaces or correct labels in the admin.
"""

from django.db import migrations

THEMENFELDER = [
    ("arbeit-ruhestand", "Arbeit & Ruhestand", "Work & retirement"),
    ("bauen-wohnen", "Bauen & Wohnen", "Building & housing"),
    ("bildung", "Bildung", "Education"),
    ("ein-auswanderung", "Ein- & Auswanderung", "Immigration & emigration"),
    ("engagement-hobby", "Engagement & Hobby", "Volunteering & hobbies"),
    ("familie-kind", "Familie & Kind", "Family & children"),
    ("forschung-foerderung", "Forschung & Förderung", "Research & funding"),
    ("gesundheit", "Gesundheit", "Health"),
    ("mobilitaet-reisen", "Mobilität & Reisen", "Mobility & travel"),
    ("querschnittsleistungen", "Querschnittsleistungen", "Cross-cutting services"),
    ("recht-ordnung", "Recht & Ordnung", "Law & order"),
    ("steuern-zoll", "Steuern & Zoll", "Taxes & customs"),
    ("umwelt", "Umwelt", "Environment"),
    (
        "unternehmensfuehrung",
        "Unternehmensführung & -entwicklung",
        "Business management & development",
    ),
]

INTERFACES = [
    ("fit-connect", "FIT-Connect", "transport"),
    ("osci-xta", "OSCI / XTA", "transport"),
    ("xzufi", "XZuFi", "xoev"),
    ("xmeld", "XMeld", "xoev"),
    ("xpersonenstand", "XPersonenstand", "xoev"),
    ("xbau", "XBau", "xoev"),
    ("xauslaender", "XAusländer", "xoev"),
    ("xinneres", "XInneres", "xoev"),
    ("xfall", "XFall", "xoev"),
    ("xdomea", "xdomea", "documents"),
    ("xrechnung", "XRechnung", "documents"),
    ("saml", "SAML 2.0", "sso"),
    ("oidc", "OpenID Connect", "sso"),
    ("bundid", "BundID", "sso"),
    ("unternehmenskonto", "Mein Unternehmenskonto", "sso"),
    ("ldap", "LDAP / Active Directory", "sso"),
    ("epaybl", "ePayBL", "payment"),
    ("rest", "REST API (OpenAPI)", "other"),
    ("oparl", "OParl", "other"),
    ("dcat-ap-de", "DCAT-AP.de", "other"),
]


def seed(apps, schema_editor):
    Themenfeld = apps.get_model("procurement", "Themenfeld")
    Interface = apps.get_model("procurement", "Interface")
    for key, de, en in THEMENFELDER:
        Themenfeld.objects.update_or_create(key=key, defaults={"label_de": de, "label_en": en})
    for key, name, kind in INTERFACES:
        Interface.objects.update_or_create(key=key, defaults={"name": name, "kind": kind})


class Migration(migrations.Migration):
    dependencies = [("procurement", "0003_catalogue_buyers_requests_orders")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
