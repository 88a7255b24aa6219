"""The one-stop shop's demo as plain data: providers, offerings, buyers, quote requests.

Providers are named by a key and the kinds of demo firm that would offer such a thing
(the directory demo generates the firms' names from a seed); three keys name the showcase
firms the demo logins work at. Dates are days relative to the day the demo is built:
negative numbers lie in the past. Amounts are EUR net as strings, turned into Decimal
by the builder. Reference customers name real places of Schleswig-Holstein; the products
and firms are invented.
"""

from dataclasses import dataclass, field

# --- providers -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderSpec:
    key: str
    archetypes: tuple[str, ...]
    # A showcase firm the demo logins use; otherwise any member firm of the archetypes.
    name: str = ""


PROVIDERS = [
    ProviderSpec("foerdewerk", ("software",), "Fördewerk Digital GmbH"),
    ProviderSpec("datenkontor", ("data_ai",), "Kieler Datenkontor GmbH"),
    ProviderSpec("nordlicht", ("software",), "Nordlicht Software UG (haftungsbeschränkt)"),
    ProviderSpec("akte", ("govtech", "software")),
    ProviderSpec("formular", ("govtech", "software")),
    ProviderSpec("portal", ("govtech", "software")),
    ProviderSpec("bau", ("govtech", "software")),
    ProviderSpec("register", ("govtech", "software")),
    ProviderSpec("audit", ("security", "it_consulting")),
    ProviderSpec("isms", ("security", "it_consulting")),
    ProviderSpec("pentest", ("security", "it_consulting")),
    ProviderSpec("rechenzentrum", ("hosting", "telecom", "systemhaus")),
    ProviderSpec("schulit", ("systemhaus",)),
    ProviderSpec("opensource", ("systemhaus", "software")),
    ProviderSpec("konferenz", ("software", "telecom")),
    ProviderSpec("webagentur", ("media_design",)),
    ProviderSpec("barrierefrei", ("media_design", "it_consulting")),
    ProviderSpec("strategie", ("it_consulting",)),
    ProviderSpec("geodaten", ("data_ai", "greenit", "software")),
    ProviderSpec("erechnung", ("software", "ecommerce")),
    ProviderSpec("personal", ("software", "it_consulting")),
    ProviderSpec("mobil", ("mobility", "iot", "software")),
    ProviderSpec("akademie", ("edtech", "it_consulting")),
    ProviderSpec("ki", ("data_ai",)),
    ProviderSpec("uebersetzung", ("data_ai", "software")),
]


# --- offerings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSpec:
    kind: str  # OfferingDocument.Kind
    title: str
    issuer: str = ""
    # Days from the build day until the document expires; None: no expiry.
    valid_days: int | None = None


# How far an offering gets through the listing workflow.
PUBLISHED = "published"
PUBLISHED_V2 = "published_v2"  # version 2 published, version 1 superseded
V2_SUBMITTED = "v2_submitted"  # version 1 published, version 2 waiting for review
SUBMITTED = "submitted"
CHANGES_REQUESTED = "changes_requested"
DRAFT = "draft"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class OfferingSpec:
    key: str
    provider: str
    name: str
    summary: str
    description: str
    kind: str  # product / service
    category: str
    procurement_category: str  # supplies / services
    deployment: str
    hosting: str
    price_model: str
    price_amount: str | None
    price_note: str = ""
    hosting_details: str = ""
    references: tuple[str, ...] = ()
    themenfelder: tuple[str, ...] = ()
    leika_keys: tuple[str, ...] = ()
    interfaces: tuple[str, ...] = ()
    open_source_licence: str = ""
    opencode_url: str = ""
    accessibility: str = "not_assessed"
    accessibility_statement_url: str = ""
    c5: str = ""
    iso27001: str = ""
    avv_available: bool = False
    evb_it: str = ""
    documents: tuple[DocumentSpec, ...] = ()
    state: str = PUBLISHED
    # Fields that differ in version 2 (PUBLISHED_V2, V2_SUBMITTED).
    revision: dict = field(default_factory=dict)
    # Staff's note when sending it back (CHANGES_REQUESTED) or the reason (WITHDRAWN).
    note: str = ""


def _sheet(title: str) -> DocumentSpec:
    return DocumentSpec("data_sheet", title)


ISO_ISSUER = "TÜV Nord Cert GmbH"
C5_ISSUER = "Wirtschaftsprüfungsgesellschaft Holm & Partner"
BITV_ISSUER = "BITV-Prüfstelle Nord"

OFFERINGS = [
    # --- appointments ---
    OfferingSpec(
        "termine",
        "foerdewerk",
        "TerminNord – Online-Terminvergabe für Bürgerbüros",
        "Bürgerinnen und Bürger buchen Termine fürs Bürgerbüro, die Zulassungsstelle oder das "
        "Standesamt online; das Amt steuert Schalter, Aufrufanlage und Auslastung.",
        "TerminNord ersetzt Wartemarken und Telefonschlangen: Jede Dienstleistung bekommt eine "
        "eigene Dauer, Unterlagen-Checkliste und Vorlaufzeit.\n\n"
        "- Buchung im Web, per App und am Telefon durch die Servicestelle\n"
        "- Aufrufanlage und Wartezeitanzeige im Wartebereich\n"
        "- Erinnerung per E-Mail oder SMS, Absage mit einem Klick\n"
        "- Auswertung der Auslastung je Standort\n\n"
        "Die Leistungsbeschreibungen übernimmt TerminNord aus dem Zuständigkeitsfinder (XZuFi).",
        "product",
        "appointments",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.18",
        price_note="Mindestens 1.200 EUR im Jahr; Einrichtung pauschal 1.900 EUR.",
        hosting_details="Rechenzentrum in Kiel (ISO 27001), Backup in Hamburg.",
        references=(
            "Stadt Neumünster, seit 2023",
            "Kreis Pinneberg, Zulassungsstelle, seit 2024",
            "Amt Hüttener Berge, seit 2025",
        ),
        themenfelder=("querschnittsleistungen", "mobilitaet-reisen"),
        leika_keys=("99115001012000", "99036013000000"),
        interfaces=("xzufi", "oidc", "rest"),
        accessibility="full",
        accessibility_statement_url="https://terminnord.example/barrierefreiheit",
        iso27001="native",
        avv_available=True,
        evb_it="cloud",
        documents=(
            _sheet("Produktblatt TerminNord"),
            DocumentSpec("iso27001", "ISO-27001-Zertifikat Rechenzentrum Kiel", ISO_ISSUER, 410),
            DocumentSpec("accessibility", "BITV-Prüfbericht TerminNord", BITV_ISSUER, 300),
        ),
        state=PUBLISHED_V2,
        revision={
            "price_amount": "0.16",
            "price_note": "Mindestens 1.200 EUR im Jahr; Einrichtung pauschal 1.500 EUR.",
        },
    ),
    OfferingSpec(
        "fuhrpark",
        "foerdewerk",
        "Dienstwagen buchen – Fuhrpark- und Poolfahrzeugbuchung",
        "Beschäftigte buchen Dienstwagen, E-Bikes und Lastenräder im Intranet; die "
        "Fuhrparkleitung sieht Auslastung, Fahrtenbuch und Ladezustand.",
        "Für Verwaltungen mit Poolfahrzeugen an mehreren Standorten. Schlüsselübergabe über "
        "Schlüsseltresore mit PIN, elektronisches Fahrtenbuch und Schadensmeldung per Foto. "
        "Die Anmeldung läuft über das vorhandene Active Directory.",
        "product",
        "other",
        "services",
        "saas",
        "de",
        "per_user_month",
        "2.50",
        price_note="Abgerechnet werden buchende Beschäftigte; Schlüsseltresor optional.",
        hosting_details="Hetzner Online, Falkenstein.",
        references=("Stadt Elmshorn, seit 2025",),
        interfaces=("ldap", "saml", "rest"),
        accessibility="partial",
        accessibility_statement_url="https://dienstwagen.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Leistungsbeschreibung Fuhrparkbuchung"),),
    ),
    OfferingSpec(
        "formularassistent",
        "foerdewerk",
        "Formularassistent für Anträge in einfacher Sprache",
        "Ein Assistent führt Schritt für Schritt durch Anträge, erklärt Fachbegriffe in "
        "einfacher Sprache und prüft Angaben, bevor sie abgeschickt werden.",
        "Neues Produkt, noch in der Pilotphase mit zwei Ämtern. Der Assistent setzt auf "
        "vorhandene Formulare auf und übergibt die Daten über FIT-Connect an das Fachverfahren.",
        "product",
        "online_services",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.09",
        hosting_details="Rechenzentrum in Kiel.",
        themenfelder=("querschnittsleistungen", "familie-kind"),
        interfaces=("fit-connect", "bundid"),
        avv_available=True,
        evb_it="cloud",
        state=CHANGES_REQUESTED,
        note=(
            "Bitte ergänzen Sie die Angaben zur Barrierefreiheit (Prüfbericht oder "
            "Erklärung) und nennen Sie die LeiKa-Schlüssel der Anträge aus dem Pilotbetrieb."
        ),
    ),
    # --- data, open data, AI ---
    OfferingSpec(
        "opendata",
        "datenkontor",
        "Offene Daten Nord – Open-Data-Portal für Kommunen",
        "Ein Open-Data-Portal auf CKAN-Basis, das Datensätze mit DCAT-AP.de-Metadaten "
        "beschreibt und automatisch an GovData weitergibt.",
        "Kommunen veröffentlichen Haushaltsdaten, Baumkataster, Wahlergebnisse oder Parkplätze "
        "ohne eigene Server. Wir richten das Portal ein, übernehmen vorhandene Listen und "
        "schulen die Datenverantwortlichen. Der Quellcode steht unter EUPL auf openCode.",
        "product",
        "data",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.05",
        price_note="Mindestens 900 EUR im Jahr; Einrichtung 2.400 EUR.",
        hosting_details="IONOS Cloud, Berlin.",
        references=("Stadt Norderstedt, seit 2024", "Kreis Nordfriesland, seit 2025"),
        themenfelder=("umwelt", "querschnittsleistungen"),
        interfaces=("dcat-ap-de", "rest"),
        open_source_licence="EUPL-1.2",
        opencode_url="https://gitlab.opencode.de/offene-daten-nord/portal",
        accessibility="full",
        accessibility_statement_url="https://offene-daten-nord.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Datenblatt Offene Daten Nord"),),
    ),
    OfferingSpec(
        "chatbot",
        "datenkontor",
        "Frag Kiki – KI-Assistent für Bürgeranfragen",
        "Ein Chat-Assistent beantwortet rund um die Uhr Fragen zu Leistungen, Öffnungszeiten "
        "und Unterlagen – auf Grundlage der eigenen Leistungsbeschreibungen der Kommune.",
        "Der Assistent antwortet nur aus freigegebenen Quellen (Leistungsbeschreibungen aus "
        "XZuFi, eigene Webseiten) und nennt immer die Quelle. Was er nicht sicher weiß, gibt "
        "er mit Kontaktdaten an das Bürgerbüro weiter. Das Sprachmodell läuft in einem "
        "deutschen Rechenzentrum; Gespräche werden nach 30 Tagen gelöscht.",
        "product",
        "ai",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.12",
        price_note="Einrichtung und Anbindung der Quellen 3.500 EUR.",
        hosting_details="GPU-Cluster der Stadtwerke Neumünster, Open-Weight-Modell.",
        references=("Stadt Bad Segeberg, Pilot 2025",),
        themenfelder=("querschnittsleistungen",),
        interfaces=("xzufi", "rest"),
        accessibility="partial",
        accessibility_statement_url="https://frag-kiki.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Produktblatt Frag Kiki"),),
        state=PUBLISHED_V2,
        revision={
            "summary": "Ein Chat-Assistent beantwortet rund um die Uhr Fragen zu Leistungen, "
            "Öffnungszeiten und Unterlagen – jetzt auch in Leichter Sprache und auf Englisch.",
        },
    ),
    OfferingSpec(
        "ki_posteingang",
        "ki",
        "PostPilot – KI-gestützte Posteingangssortierung",
        "Eingehende Briefe, E-Mails und Formulare werden erkannt, dem zuständigen Fachbereich "
        "zugeordnet und mit Fristen versehen.",
        "PostPilot liest gescannte Post und E-Mail-Anhänge, erkennt Absender, Aktenzeichen und "
        "Anliegen und schlägt die Zuständigkeit vor. Die Verarbeitung nutzt ein "
        "Sprachmodell eines US-Anbieters; der Betrieb liegt daher außerhalb der EU (siehe "
        "Hosting). Eine EU-Variante ist in Vorbereitung.",
        "product",
        "ai",
        "services",
        "saas",
        "non_eu",
        "per_user_month",
        "14.00",
        price_note="Ab 20 Nutzerinnen und Nutzern.",
        hosting_details="Microsoft Azure, Region East US (Virginia); Unterauftragsverarbeiter "
        "OpenAI.",
        interfaces=("xdomea", "rest"),
        accessibility="not_assessed",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Produktblatt PostPilot"),),
    ),
    OfferingSpec(
        "uebersetzung",
        "uebersetzung",
        "LinguaAmt – Sofortübersetzung am Schalter",
        "Übersetzt Gespräche am Schalter in über 40 Sprachen, gesprochen und als Text, auf "
        "einem Tablet zwischen Beschäftigten und Kundschaft.",
        "Gedacht für Ausländerbehörden, Jobcenter und Bürgerbüros. Die Spracherkennung und "
        "Übersetzung laufen über einen großen US-Cloud-Anbieter; personenbezogene Daten "
        "werden nicht gespeichert, das Transfer Impact Assessment liegt bei.",
        "product",
        "ai",
        "services",
        "saas",
        "non_eu",
        "per_user_month",
        "29.00",
        price_note="Tablet-Halterung und Mikrofon als Set 240 EUR einmalig.",
        hosting_details="Amazon Web Services, Region us-east-1; Speicherung nur im "
        "Arbeitsspeicher.",
        themenfelder=("ein-auswanderung", "arbeit-ruhestand"),
        accessibility="partial",
        accessibility_statement_url="https://linguaamt.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Datenblatt LinguaAmt"),),
    ),
    # --- council information system ---
    OfferingSpec(
        "ratsinfo",
        "nordlicht",
        "RatNord – Ratsinformationssystem mit OParl",
        "Sitzungsdienst, Ratsinformationssystem und Gremien-App in einem, mit offener "
        "OParl-Schnittstelle für Bürgerinnen, Bürger und Presse.",
        "Von der Tagesordnung bis zur Niederschrift: Vorlagen entstehen im Sitzungsdienst, "
        "gehen digital an die Gremien und erscheinen barrierefrei im Ratsinformationssystem. "
        "Die Mandatsträger arbeiten mit der App auf dem Tablet, auch offline. Sitzungsgeld "
        "wird automatisch abgerechnet.",
        "product",
        "specialist",
        "services",
        "saas",
        "de",
        "per_user_month",
        "9.00",
        price_note="Abgerechnet je Mandatsträgerin/Mandatsträger und Sachbearbeitung; "
        "Migration aus Altsystem nach Aufwand.",
        hosting_details="Rechenzentrum in Flensburg, Zweitstandort Kiel.",
        references=("Stadt Schleswig, seit 2022", "Amt Südtondern, seit 2023", "Kreis Plön"),
        themenfelder=("engagement-hobby", "querschnittsleistungen"),
        interfaces=("oparl", "saml", "xdomea"),
        accessibility="full",
        accessibility_statement_url="https://ratnord.example/barrierefreiheit",
        iso27001="grundschutz",
        avv_available=True,
        evb_it="cloud",
        documents=(
            _sheet("Leistungsbeschreibung RatNord"),
            DocumentSpec(
                "iso27001",
                "ISO 27001 auf Basis von IT-Grundschutz",
                "BSI-zertifizierte Auditorin Dr. Jana Kühl",
                35,
            ),
        ),
        state=V2_SUBMITTED,
        revision={
            "price_amount": "8.50",
            "price_note": "Abgerechnet je Mandatsträgerin/Mandatsträger; Sachbearbeitung "
            "inklusive.",
        },
    ),
    # --- e-file ---
    OfferingSpec(
        "eakte",
        "akte",
        "AktenWerk – E-Akte und Dokumentenmanagement",
        "Die elektronische Akte für Kommunalverwaltungen: Schriftgut, Vorgangsbearbeitung, "
        "Aussonderung ans Archiv – mit xdomea-Austausch.",
        "AktenWerk führt Akten nach Aktenplan (kommunaler Aktenplan SH vorinstalliert), "
        "bildet Mitzeichnung und Umlauf ab und gibt Akten per xdomea an Fachverfahren und "
        "das Landesarchiv. Die Lizenz wird einmalig gekauft; Pflege separat.",
        "product",
        "efile",
        "supplies",
        "on_premises",
        "customer",
        "one_off",
        "4800.00",
        price_note="Je 25 Arbeitsplätze; Softwarepflege 20 % p. a. (EVB-IT Pflege S).",
        references=("Stadt Husum, seit 2021", "Amt Kropp-Stapelholm, seit 2023"),
        themenfelder=("querschnittsleistungen",),
        interfaces=("xdomea", "ldap", "osci-xta"),
        accessibility="partial",
        accessibility_statement_url="https://aktenwerk.example/barrierefreiheit",
        evb_it="ueberlassung_a",
        documents=(_sheet("Produktblatt AktenWerk"), _sheet("Systemvoraussetzungen")),
    ),
    OfferingSpec(
        "scanservice",
        "akte",
        "Scandienst für die Altaktenübernahme",
        "Wir scannen Papierakten ersetzend nach TR-RESISCAN und übernehmen sie mit "
        "Metadaten in Ihre E-Akte.",
        "Abholung im gesicherten Fahrzeug, Scan in unserem Scanzentrum in Rendsburg, "
        "Qualitätsprüfung und Übergabe per xdomea. Die Vernichtung der Originale nach "
        "Freigabe dokumentieren wir.",
        "service",
        "efile",
        "services",
        "none",
        "none",
        "project",
        "0.11",
        price_note="Preis je Seite, ab 50.000 Seiten; Abholung pauschal 180 EUR.",
        references=("Amt Eiderstedt, 2024",),
        interfaces=("xdomea",),
        avv_available=True,
        evb_it="dienstvertrag",
        documents=(
            DocumentSpec(
                "certificate",
                "Zertifikat TR-RESISCAN (BSI TR-03138)",
                "Bundesamt für Sicherheit in der Informationstechnik",
                -45,
            ),
        ),
    ),
    # --- OZG online services ---
    OfferingSpec(
        "formularserver",
        "formular",
        "FormFlow – Formularserver mit FIT-Connect",
        "Online-Anträge selbst bauen und über FIT-Connect an Fachverfahren zustellen; mit "
        "Bezahlung, BundID-Login und Bescheidrückkanal.",
        "FormFlow ist ein Baukasten für Online-Dienste nach OZG: Formulare entstehen ohne "
        "Programmierung, Leistungsbeschreibungen kommen aus XZuFi, Anträge gehen über "
        "FIT-Connect oder OSCI/XTA an das Fachverfahren. Gebühren laufen über ePayBL.",
        "product",
        "online_services",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.35",
        price_note="Einrichtung 2.900 EUR, Schulung für Formularredaktion inklusive.",
        hosting_details="Dataport AöR, Rechenzentrum Norderstedt.",
        references=("Kreis Segeberg, seit 2023", "Stadt Itzehoe, seit 2024"),
        themenfelder=("querschnittsleistungen", "familie-kind", "unternehmensfuehrung"),
        leika_keys=("99050012104000", "99123003000000"),
        interfaces=("fit-connect", "osci-xta", "xzufi", "bundid", "unternehmenskonto", "epaybl"),
        accessibility="full",
        accessibility_statement_url="https://formflow.example/barrierefreiheit",
        c5="type2",
        avv_available=True,
        evb_it="cloud",
        documents=(
            _sheet("Produktblatt FormFlow"),
            DocumentSpec("c5", "BSI-C5-Testat Typ 2 (Betrieb)", C5_ISSUER, 200),
        ),
    ),
    OfferingSpec(
        "xzufi_redaktion",
        "formular",
        "Redaktion von Leistungsbeschreibungen (XZuFi)",
        "Wir schreiben und pflegen Ihre Leistungsbeschreibungen im Zuständigkeitsfinder, "
        "verständlich und mit den richtigen LeiKa-Schlüsseln.",
        "Viele Leistungsbeschreibungen sind veraltet oder fehlen. Unsere Redaktion gleicht Ihre "
        "Leistungen mit dem LeiKa ab, übernimmt Stammtexte des Landes und ergänzt Gebühren, "
        "Unterlagen und Fristen. Abrechnung nach Tagessatz.",
        "service",
        "consulting",
        "services",
        "none",
        "none",
        "daily_rate",
        "890.00",
        references=("Amt Schrevenborn, 2025",),
        themenfelder=("querschnittsleistungen",),
        interfaces=("xzufi",),
        evb_it="dienstvertrag",
    ),
    # --- portal and payment ---
    OfferingSpec(
        "buergerportal",
        "portal",
        "Serviceportal Kommune – Bürger- und Unternehmensportal",
        "Das Serviceportal bündelt alle Online-Dienste der Kommune mit Postfach, "
        "Statusanzeige und Login über BundID und Mein Unternehmenskonto.",
        "Das Portal zeigt Leistungen aus dem Zuständigkeitsfinder, verlinkt Online-Dienste "
        "des Landes und eigene Formulare und stellt Bescheide ins Postfach. Die "
        "Gestaltung folgt dem Erscheinungsbild der Kommune.",
        "product",
        "portal",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.45",
        price_note="Mindestlaufzeit 24 Monate.",
        hosting_details="noris network, Nürnberg (ISO 27001, C5).",
        references=("Stadt Heide, seit 2024", "Gemeinde Henstedt-Ulzburg, seit 2025"),
        themenfelder=("querschnittsleistungen", "bauen-wohnen", "familie-kind"),
        interfaces=("bundid", "unternehmenskonto", "xzufi", "fit-connect"),
        accessibility="full",
        accessibility_statement_url="https://serviceportal-kommune.example/barrierefreiheit",
        c5="type1",
        iso27001="native",
        avv_available=True,
        evb_it="cloud",
        documents=(
            _sheet("Produktblatt Serviceportal"),
            DocumentSpec("c5", "BSI-C5-Testat Typ 1", C5_ISSUER, 20),
            DocumentSpec("iso27001", "ISO-27001-Zertifikat", ISO_ISSUER, 500),
        ),
        state=PUBLISHED_V2,
        revision={"c5": "type2", "price_note": "Mindestlaufzeit 12 Monate."},
    ),
    OfferingSpec(
        "epayment",
        "portal",
        "Bezahlmodul für Online-Dienste (ePayBL)",
        "Gebühren online bezahlen mit Kreditkarte, PayPal, giropay und Lastschrift – "
        "angebunden an ePayBL und das kommunale Finanzverfahren.",
        "Das Modul steckt in jeden Online-Dienst und meldet Zahlungen mit Kassenzeichen an die "
        "Finanzbuchhaltung. Buchungsdateien und Tagesabschluss entstehen automatisch.",
        "product",
        "payment",
        "services",
        "saas",
        "de",
        "one_off",
        "3200.00",
        price_note="Einmalig je Mandant; Transaktionsgebühren des Zahlungsdienstleisters extra.",
        hosting_details="noris network, Nürnberg.",
        references=("Stadt Heide, seit 2024",),
        interfaces=("epaybl", "rest"),
        accessibility="full",
        accessibility_statement_url="https://serviceportal-kommune.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    # --- building permits ---
    OfferingSpec(
        "bauantrag",
        "bau",
        "BauDigital – Digitaler Bauantrag mit XBau",
        "Bauanträge online einreichen, Beteiligung der Fachstellen digital, Bescheid per "
        "XBau zurück – für untere Bauaufsichtsbehörden.",
        "Architektinnen und Architekten reichen Bauvorlagen online ein; die Bauaufsicht "
        "prüft Vollständigkeit, beteiligt Fachstellen und Gemeinden im Umlaufverfahren und "
        "erteilt den Bescheid digital. Der Austausch mit dem Fachverfahren läuft über XBau.",
        "product",
        "specialist",
        "services",
        "hybrid",
        "de",
        "per_user_month",
        "45.00",
        price_note="Je Sachbearbeitungsplatz; Anbindung an das Fachverfahren 6.500 EUR.",
        hosting_details="Portal im Rechenzentrum Kiel, Fachverfahren beim Kunden.",
        references=("Kreis Rendsburg-Eckernförde, seit 2024", "Kreis Steinburg, Pilot 2025"),
        themenfelder=("bauen-wohnen",),
        leika_keys=("99010003000000", "99010018000000"),
        interfaces=("xbau", "fit-connect", "bundid", "unternehmenskonto"),
        accessibility="partial",
        accessibility_statement_url="https://baudigital.example/barrierefreiheit",
        iso27001="native",
        avv_available=True,
        evb_it="system",
        documents=(
            _sheet("Produktblatt BauDigital"),
            DocumentSpec("iso27001", "ISO-27001-Zertifikat", ISO_ISSUER, -12),
        ),
    ),
    # --- registers ---
    OfferingSpec(
        "standesamt",
        "register",
        "Personenstand Nord – Fachverfahren Standesamt",
        "Beurkundung von Geburten, Eheschließungen und Sterbefällen mit elektronischem "
        "Personenstandsregister und XPersonenstand.",
        "Das Fachverfahren führt das elektronische Personenstandsregister, erzeugt Urkunden "
        "und Mitteilungen per XPersonenstand und nimmt Online-Anträge auf Urkunden an.",
        "product",
        "specialist",
        "supplies",
        "on_premises",
        "customer",
        "one_off",
        "7600.00",
        price_note="Lizenz je Standesamt; Pflege 18 % p. a.",
        references=("Standesamt Eckernförde, seit 2020", "Standesamt Mölln, seit 2022"),
        themenfelder=("familie-kind",),
        leika_keys=("99052002000000", "99052006000000"),
        interfaces=("xpersonenstand", "osci-xta", "fit-connect"),
        accessibility="partial",
        accessibility_statement_url="https://personenstand-nord.example/barrierefreiheit",
        evb_it="ueberlassung_a",
        documents=(_sheet("Leistungsbeschreibung Personenstand Nord"),),
    ),
    OfferingSpec(
        "melde_schnittstelle",
        "register",
        "XMeld-Konnektor für Meldebehörden",
        "Verbindet das Einwohnermeldeverfahren über XMeld mit Online-Diensten, anderen "
        "Meldebehörden und Fachverfahren der Verwaltung.",
        "Der Konnektor nimmt Online-Anmeldungen entgegen, gleicht sie mit dem Melderegister "
        "ab und beantwortet Datenübermittlungen an berechtigte Stellen nach XMeld.",
        "product",
        "specialist",
        "supplies",
        "on_premises",
        "customer",
        "one_off",
        "5400.00",
        price_note="Einmalige Lizenz; Updates zu neuen XMeld-Versionen in der Pflege enthalten.",
        themenfelder=("querschnittsleistungen",),
        leika_keys=("99115001012000", "99115005000000"),
        interfaces=("xmeld", "osci-xta", "fit-connect"),
        accessibility="not_assessed",
        evb_it="ueberlassung_b",
        state=SUBMITTED,
    ),
    # --- IT security ---
    OfferingSpec(
        "sicherheitsaudit",
        "audit",
        "IT-Sicherheitsaudit für Kommunen",
        "Ein unabhängiger Blick auf Ihre IT: Netz, Server, Arbeitsplätze, Berechtigungen und "
        "Notfallvorsorge, mit priorisiertem Maßnahmenplan.",
        "Zwei Auditoren prüfen drei Tage vor Ort und einen Tag remote, angelehnt an den "
        "BSI-Standard 200-2 und das Profil für Kommunen. Sie erhalten einen Bericht für die "
        "Verwaltungsspitze und einen technischen Teil für die IT.",
        "service",
        "security",
        "services",
        "none",
        "none",
        "project",
        "9800.00",
        price_note="Festpreis bis 250 Arbeitsplätze; Reisekosten innerhalb SH inklusive.",
        references=("Amt Trave-Land, 2024", "Stadt Eutin, 2025"),
        iso27001="native",
        evb_it="dienstvertrag",
        documents=(
            _sheet("Leistungsbeschreibung Sicherheitsaudit"),
            DocumentSpec("iso27001", "ISO-27001-Zertifikat", ISO_ISSUER, 260),
        ),
    ),
    OfferingSpec(
        "pentest_web",
        "audit",
        "Penetrationstest für Webanwendungen und Portale",
        "Wir greifen Ihre Online-Dienste an, bevor es andere tun: nach OWASP, mit "
        "Nachtest und verständlichem Bericht.",
        "Black-, Grey- oder White-Box-Test von Portalen, Formularservern und Schnittstellen. "
        "Kritische Funde melden wir sofort; der Nachtest nach Behebung ist im Preis.",
        "service",
        "security",
        "services",
        "none",
        "none",
        "daily_rate",
        "1150.00",
        price_note="Üblich sind 4 bis 8 Tage je Anwendung.",
        references=("Kreis Ostholstein, 2025",),
        evb_it="dienstvertrag",
    ),
    OfferingSpec(
        "isms",
        "isms",
        "ISMS-Aufbau nach BSI IT-Grundschutz",
        "Wir bauen mit Ihnen ein Informationssicherheitsmanagement auf – vom Basis-Schutz "
        "bis zur Vorbereitung auf die ISO-27001-Zertifizierung auf Basis von IT-Grundschutz.",
        "Wir stellen auf Wunsch den externen Informationssicherheitsbeauftragten, erstellen "
        "Leitlinie, Strukturanalyse und Modellierung im Grundschutz-Tool und begleiten "
        "das erste interne Audit.",
        "service",
        "security",
        "services",
        "none",
        "none",
        "daily_rate",
        "1080.00",
        price_note="Pakete ab 12 Beratertagen.",
        references=("Stadt Wedel, seit 2023", "Amt Büchen, seit 2024"),
        evb_it="dienstvertrag",
        documents=(
            DocumentSpec(
                "certificate",
                "Personenzertifikat IT-Grundschutz-Berater",
                "Bundesamt für Sicherheit in der Informationstechnik",
                140,
            ),
        ),
    ),
    OfferingSpec(
        "notfalluebung",
        "isms",
        "Notfallübung Cyberangriff für Verwaltungsstäbe",
        "Ein halber Tag Planspiel: Ihre Verwaltung wird von Ransomware getroffen – wer "
        "entscheidet was, wer informiert wen?",
        "Wir spielen ein realistisches Szenario mit Verwaltungsspitze, IT, Pressestelle und "
        "Datenschutz durch und werten es gemeinsam aus. Ergebnis: ein geprüfter Notfallplan.",
        "service",
        "training",
        "services",
        "none",
        "none",
        "one_off",
        "3900.00",
        price_note="Bis 20 Teilnehmende, vor Ort in SH.",
        evb_it="dienstvertrag",
    ),
    OfferingSpec(
        "pentest_netz",
        "pentest",
        "Penetrationstest interne Netze und Active Directory",
        "Wir prüfen, wie weit ein Angreifer mit einem Arbeitsplatzzugang in Ihrem Netz kommt, "
        "und zeigen die kürzesten Wege zur Behebung.",
        "Test des internen Netzes, des Active Directory und der Fernzugänge. Alle Tests "
        "stimmen wir mit Ihrem Dienstleister ab; die Berichte folgen dem BSI-Praxisleitfaden.",
        "service",
        "security",
        "services",
        "none",
        "none",
        "daily_rate",
        "1240.00",
        price_note="Erfahrungswert 5 Tage für eine Verwaltung mit 150 Arbeitsplätzen.",
        references=("Kreis Herzogtum Lauenburg, 2025",),
        evb_it="dienstvertrag",
        documents=(
            DocumentSpec(
                "certificate",
                "Zertifikat BSI-geprüfter Penetrationstester",
                "Bundesamt für Sicherheit in der Informationstechnik",
                -130,
            ),
        ),
    ),
    OfferingSpec(
        "phishing",
        "pentest",
        "Awareness-Training mit Phishing-Simulation",
        "E-Learning in kurzen Einheiten und simulierte Phishing-Mails, damit Beschäftigte "
        "Angriffe erkennen.",
        "Zwölf Lerneinheiten à zehn Minuten, in die Lernplattform der Verwaltung "
        "einbindbar; die Simulation wertet nur anonymisiert aus und ist mit dem Personalrat "
        "abstimmbar.",
        "product",
        "training",
        "services",
        "saas",
        "eu",
        "per_user_month",
        "1.90",
        price_note="Mindestens 50 Beschäftigte, Laufzeit 12 Monate.",
        hosting_details="OVHcloud, Straßburg (Frankreich).",
        accessibility="partial",
        accessibility_statement_url="https://wachsam-lernen.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        state=WITHDRAWN,
        note="Das Produkt wird nicht mehr angeboten; Nachfolger ab dem nächsten Jahr.",
    ),
    # --- hosting and collaboration ---
    OfferingSpec(
        "c5hosting",
        "rechenzentrum",
        "Kommunale Cloud Nord – Hosting mit BSI-C5-Testat",
        "Virtuelle Server, Kubernetes und Objektspeicher aus zwei Rechenzentren in "
        "Schleswig-Holstein, mit BSI-C5-Testat Typ 2.",
        "Für Fachverfahren und Online-Dienste, die nicht in die Public Cloud sollen: "
        "georedundanter Betrieb in Kiel und Lübeck, 24/7-Bereitschaft, Notfallhandbuch und "
        "Wiederherstellungstests zweimal im Jahr.",
        "service",
        "hosting",
        "services",
        "saas",
        "de",
        "per_user_month",
        "38.00",
        price_note="Preis je vCPU und Monat inkl. 4 GB RAM; Speicher ab 0,04 EUR je GB.",
        hosting_details="Eigene Rechenzentren in Kiel und Lübeck (Tier III).",
        references=("Zweckverband Ostholstein, seit 2022", "Stadt Neumünster, seit 2024"),
        interfaces=("rest",),
        c5="type2",
        iso27001="grundschutz",
        avv_available=True,
        evb_it="cloud",
        documents=(
            DocumentSpec("c5", "BSI-C5-Testat Typ 2", C5_ISSUER, 160),
            DocumentSpec(
                "iso27001",
                "ISO 27001 auf Basis von IT-Grundschutz",
                "Bundesamt für Sicherheit in der Informationstechnik",
                600,
            ),
        ),
    ),
    OfferingSpec(
        "nextcloud_managed",
        "rechenzentrum",
        "Verwaltungswolke – Nextcloud als Managed Service",
        "Dateiablage, gemeinsame Bearbeitung und Talk auf Nextcloud, betrieben in "
        "Schleswig-Holstein, mit Anbindung an Ihr Active Directory.",
        "Wir betreiben Nextcloud mit Collabora Online für Ihre Verwaltung, spielen Updates "
        "ein und überwachen den Dienst. Freigaben an externe Partner sind möglich, "
        "Dateien bleiben in unseren Rechenzentren.",
        "product",
        "collaboration",
        "services",
        "saas",
        "de",
        "per_user_month",
        "6.50",
        price_note="Ab 25 Nutzerinnen und Nutzern; 100 GB je Nutzer inklusive.",
        hosting_details="Eigene Rechenzentren in Kiel und Lübeck.",
        references=("Amt Probstei, seit 2024",),
        interfaces=("ldap", "saml", "oidc"),
        open_source_licence="AGPL-3.0-or-later",
        opencode_url="https://gitlab.opencode.de/kommunale-cloud-nord/nextcloud-betrieb",
        accessibility="partial",
        accessibility_statement_url="https://verwaltungswolke.example/barrierefreiheit",
        c5="type2",
        avv_available=True,
        evb_it="cloud",
        documents=(
            DocumentSpec("avv", "Muster-AVV nach Art. 28 DSGVO"),
            DocumentSpec("c5", "BSI-C5-Testat Typ 2", C5_ISSUER, 160),
        ),
    ),
    OfferingSpec(
        "kollaboration",
        "opensource",
        "Zusammenarbeit im eigenen Haus – Nextcloud-Einführung",
        "Wir führen Nextcloud mit Dateiablage, Kalender und Office im eigenen "
        "Rechenzentrum der Verwaltung ein und schulen die Beschäftigten.",
        "Vom Konzept über die Installation auf Ihren Servern bis zur Migration der "
        "Netzlaufwerke. Nach dem Start übernehmen wir auf Wunsch die Pflege und den "
        "Support für Ihre IT-Abteilung.",
        "service",
        "collaboration",
        "services",
        "on_premises",
        "customer",
        "project",
        "18500.00",
        price_note="Richtpreis bis 150 Arbeitsplätze inkl. 4 Schulungstagen.",
        references=("Stadt Glückstadt, 2024", "Amt Hohe Elbgeest, 2025"),
        interfaces=("ldap", "saml"),
        open_source_licence="AGPL-3.0-or-later",
        opencode_url="https://gitlab.opencode.de/nord-oss/nextcloud-kommunal",
        evb_it="erstellung",
    ),
    OfferingSpec(
        "jitsi",
        "opensource",
        "Videokonferenz mit Jitsi Meet – betrieben für Sie",
        "Videokonferenzen im Browser ohne Installation und ohne Konto für Gäste, auf Jitsi "
        "Meet, betrieben in Deutschland.",
        "Für Besprechungen mit Bürgerinnen, Bürgern und Partnern: Einladungslink genügt. "
        "Einwahl per Telefon, Warteraum und Moderationsrechte für Beschäftigte, Anmeldung "
        "über Ihr Verzeichnis.",
        "product",
        "collaboration",
        "services",
        "saas",
        "de",
        "per_user_month",
        "3.00",
        price_note="Je Beschäftigtem mit Moderationsrecht; Gäste kostenlos.",
        hosting_details="Hetzner Online, Nürnberg.",
        references=("Gemeinde Kronshagen, seit 2023",),
        interfaces=("oidc", "ldap"),
        open_source_licence="Apache-2.0",
        opencode_url="https://gitlab.opencode.de/nord-oss/jitsi-betrieb",
        accessibility="partial",
        accessibility_statement_url="https://nord-oss.example/jitsi/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    OfferingSpec(
        "bbb",
        "konferenz",
        "Gremienkonferenz – BigBlueButton für Sitzungen und Schulungen",
        "Hybride Gremiensitzungen und Schulungen mit BigBlueButton: Abstimmungen, "
        "Wortmeldeliste, Aufzeichnung und Livestream für die Öffentlichkeit.",
        "Auf BigBlueButton aufgebaut und um Funktionen für Gremien erweitert: Wortmeldungen "
        "in Reihenfolge, namentliche und geheime Abstimmung, Anwesenheitsliste fürs "
        "Protokoll. Unsere Erweiterungen stehen unter EUPL auf openCode.",
        "product",
        "collaboration",
        "services",
        "saas",
        "de",
        "per_user_month",
        "4.20",
        price_note="Je Mandatsträger/in oder Beschäftigtem; Livestream 150 EUR im Monat.",
        hosting_details="IONOS Cloud, Frankfurt am Main.",
        references=("Stadt Rendsburg, seit 2024", "Kreis Schleswig-Flensburg, seit 2025"),
        themenfelder=("engagement-hobby",),
        interfaces=("oidc", "saml", "oparl"),
        open_source_licence="EUPL-1.2",
        opencode_url="https://gitlab.opencode.de/gremienkonferenz/bbb-gremien",
        accessibility="full",
        accessibility_statement_url="https://gremienkonferenz.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Produktblatt Gremienkonferenz"),),
    ),
    # --- schools and signage ---
    OfferingSpec(
        "schulit",
        "schulit",
        "Schul-IT-Support für Schulträger",
        "Wir betreuen Tablets, Notebooks, Präsentationstechnik und WLAN an Ihren Schulen – "
        "mit festen Technikern und Vor-Ort-Terminen.",
        "Support für Schulträger nach dem Medienentwicklungsplan: Gerätemanagement über "
        "MDM, Reparatur, Ausgabe an Lehrkräfte und Schülerinnen, Hotline für das "
        "Kollegium. Ein Ansprechpartner je Schule.",
        "service",
        "other",
        "services",
        "none",
        "none",
        "per_user_month",
        "4.80",
        price_note="Je betreutem Endgerät und Monat; Vor-Ort-Einsätze bis 4 Stunden im Monat "
        "je Schule inklusive.",
        references=("Schulverband Kaltenkirchen, seit 2023", "Gemeinde Tangstedt, seit 2024"),
        themenfelder=("bildung",),
        avv_available=True,
        evb_it="service",
        documents=(_sheet("Leistungsbeschreibung Schul-IT"),),
    ),
    OfferingSpec(
        "signage",
        "schulit",
        "Digitale Beschilderung und Wartebereichsanzeigen",
        "Bildschirme im Rathaus und Bürgerbüro zeigen Wegeleitung, Aufrufe und aktuelle "
        "Hinweise – zentral gepflegt im Browser.",
        "Lieferung und Montage der Displays, Inhalte über ein Redaktionssystem, Anbindung "
        "an die Terminvergabe für Aufrufe. Auch als Mietmodell möglich; Austausch defekter "
        "Geräte innerhalb von zwei Werktagen.",
        "product",
        "other",
        "supplies",
        "hybrid",
        "de",
        "one_off",
        "2650.00",
        price_note="Je Display inkl. Montage; Redaktionssystem 19 EUR je Display und Monat.",
        hosting_details="Redaktionssystem bei Hetzner Online, Falkenstein.",
        references=("Rathaus Quickborn, 2025",),
        interfaces=("rest",),
        evb_it="systemlieferung",
    ),
    # --- accessibility and web ---
    OfferingSpec(
        "relaunch",
        "webagentur",
        "Web-Relaunch für Kommunen",
        "Neue Website für Ihre Gemeinde, Stadt oder Ihr Amt: barrierefrei, mobil, mit "
        "einfachem Redaktionssystem und eingebundenen Online-Diensten.",
        "Wir beginnen mit einem Workshop mit Verwaltung und Bürgerschaft, gestalten im "
        "Erscheinungsbild der Kommune und setzen auf einem Open-Source-CMS um. Leichte "
        "Sprache und Gebärdensprache-Videos für die Pflichtseiten sind enthalten.",
        "service",
        "portal",
        "services",
        "none",
        "none",
        "project",
        "24500.00",
        price_note="Richtpreis für eine Amtsverwaltung mit bis zu 300 Seiten.",
        references=("Amt Geltinger Bucht, 2024", "Gemeinde Harrislee, 2025"),
        interfaces=("xzufi",),
        evb_it="erstellung",
        documents=(_sheet("Referenzmappe Web-Relaunch"),),
    ),
    OfferingSpec(
        "barrierefreiheit_schulung",
        "webagentur",
        "Schulung: Barrierefreie Dokumente und Webinhalte",
        "Ein Tag Praxis für Redakteurinnen und Redakteure: barrierefreie PDFs, Word-Vorlagen, "
        "Alternativtexte und verständliche Sprache.",
        "Die Teilnehmenden bringen eigene Dokumente mit und machen sie im Kurs "
        "barrierefrei. Inhouse bei Ihnen oder online in zwei Halbtagen; Checklisten und "
        "Vorlagen zum Weiterarbeiten gibt es für alle.",
        "service",
        "training",
        "services",
        "none",
        "none",
        "daily_rate",
        "1150.00",
        price_note="Bis 12 Teilnehmende je Tag.",
        references=("Stadt Neustadt in Holstein, 2025",),
        evb_it="dienstvertrag",
    ),
    OfferingSpec(
        "bitv_test",
        "barrierefrei",
        "BITV-Test von Websites und Online-Diensten",
        "Prüfung nach BITV 2.0 / EN 301 549 mit allen 98 Prüfschritten, Bericht und "
        "Entwurf der Erklärung zur Barrierefreiheit.",
        "Zwei Prüferinnen testen unabhängig voneinander, auch mit Screenreader und "
        "Tastatur. Der Bericht nennt jeden Mangel mit Fundstelle und Lösungsvorschlag; ein "
        "Nachtest ist inklusive.",
        "service",
        "accessibility",
        "services",
        "none",
        "none",
        "one_off",
        "2400.00",
        price_note="Je Website mit bis zu 15 Seitentypen; Online-Dienste je Formular 650 EUR.",
        references=("Kreis Dithmarschen, 2025", "Stadt Ratzeburg, 2025"),
        evb_it="dienstvertrag",
        documents=(
            DocumentSpec(
                "certificate",
                "Akkreditierung als BITV-Prüfstelle",
                "BIK-Prüfverbund",
                -300,
            ),
        ),
    ),
    OfferingSpec(
        "barrierefrei_pdf",
        "barrierefrei",
        "Barrierefreie PDF-Formulare und Bescheide",
        "Wir machen Ihre Formulare, Bescheidvorlagen und Broschüren barrierefrei nach "
        "PDF/UA – auch in großen Mengen.",
        "Für Vorlagen aus Fachverfahren bauen wir Tag-Strukturen, die bei jedem Druck "
        "erhalten bleiben. Prüfung mit PAC und Screenreader; Sie erhalten zu jeder Datei ein "
        "kurzes Prüfprotokoll.",
        "service",
        "accessibility",
        "services",
        "none",
        "none",
        "project",
        "85.00",
        price_note="Je Seite; ab 200 Seiten 65 EUR.",
        evb_it="dienstvertrag",
        state=SUBMITTED,
    ),
    OfferingSpec(
        "barrierefreiheit_beratung",
        "akademie",
        "Barrierefreiheit verstehen – Schulung für Führungskräfte und IT",
        "Was verlangen BITV 2.0 und BFSG, was heißt das für Einkauf, IT und Website? Ein "
        "halber Tag mit Beispielen aus Kommunen.",
        "Mit Selbsttest: Die Teilnehmenden bedienen die eigene Website mit Screenreader und "
        "ohne Maus. Auch als Online-Seminar; im Anschluss erhalten alle eine Checkliste für "
        "barrierefreie Beschaffung.",
        "service",
        "training",
        "services",
        "none",
        "none",
        "one_off",
        "1450.00",
        price_note="Halbtag, bis 20 Teilnehmende.",
        references=("Kreisverwaltung Steinburg, 2025",),
        evb_it="dienstvertrag",
    ),
    # --- strategy and training ---
    OfferingSpec(
        "strategie",
        "strategie",
        "Digitalisierungsstrategie für Kommunen",
        "In drei Workshops zur eigenen Digitalstrategie: Bestandsaufnahme, Ziele, "
        "Maßnahmenplan mit Prioritäten und Kosten.",
        "Wir beziehen Verwaltung, Politik und Bürgerschaft ein, werten Ihre Prozesse und "
        "IT-Landschaft aus und liefern eine Strategie, die in einen Haushalt passt.",
        "service",
        "consulting",
        "services",
        "none",
        "none",
        "project",
        "14800.00",
        price_note="Festpreis für Kommunen bis 25.000 Einwohnerinnen und Einwohner.",
        references=("Amt Lensahn, 2024", "Stadt Bad Oldesloe, 2025"),
        evb_it="dienstvertrag",
        documents=(_sheet("Vorgehen Digitalisierungsstrategie"),),
    ),
    OfferingSpec(
        "ozg_beratung",
        "strategie",
        "OZG-Umsetzungsbegleitung und Prozessberatung",
        "Wir helfen, EfA-Dienste nachzunutzen und eigene Abläufe durchgängig digital zu "
        "machen – vom Antrag bis zum Bescheid.",
        "Priorisierung der Leistungen, Prozessaufnahme mit den Fachbereichen, Anbindung an "
        "Fachverfahren über FIT-Connect und Begleitung bis zum Go-live und darüber hinaus, "
        "bis die Fallzahlen stimmen.",
        "service",
        "consulting",
        "services",
        "none",
        "none",
        "daily_rate",
        "1190.00",
        references=("Amt Mittelholstein, 2024",),
        themenfelder=("querschnittsleistungen",),
        interfaces=("fit-connect",),
        evb_it="dienstvertrag",
    ),
    OfferingSpec(
        "digitallotsen",
        "akademie",
        "Digitallotsen-Qualifizierung für Verwaltungsbeschäftigte",
        "Sechs Module für Beschäftigte, die in ihrer Abteilung Digitalisierung voranbringen: "
        "Prozesse, Online-Dienste, Datenschutz, Veränderung begleiten.",
        "Blended Learning über zwölf Wochen mit Präsenztagen in Kiel, Lernplattform und einem "
        "Praxisprojekt aus der eigenen Verwaltung. Abschluss mit Zertifikat.",
        "service",
        "training",
        "services",
        "none",
        "none",
        "one_off",
        "1680.00",
        price_note="Je teilnehmender Person.",
        references=("Kreis Nordfriesland, 2025",),
        evb_it="dienstvertrag",
    ),
    OfferingSpec(
        "elearning",
        "akademie",
        "E-Learning Verwaltung digital",
        "Kurze Lernvideos und Übungen zu E-Akte, Online-Diensten, Datenschutz und "
        "IT-Sicherheit für alle Beschäftigten.",
        "Die Lernplattform läuft bei uns oder in Ihrem Moodle; Kurse lassen sich an die "
        "eigenen Verfahren anpassen. Neue Beschäftigte starten mit einem Pflichtpaket; "
        "Auswertungen zeigen nur den Lernstand je Abteilung.",
        "product",
        "training",
        "services",
        "saas",
        "de",
        "per_user_month",
        "1.20",
        price_note="Mindestens 100 Beschäftigte, Laufzeit 12 Monate.",
        hosting_details="Eigener Moodle-Betrieb bei Hetzner Online, Falkenstein.",
        interfaces=("saml",),
        open_source_licence="GPL-3.0-or-later",
        opencode_url="https://gitlab.opencode.de/verwaltung-digital/lernkurse",
        accessibility="full",
        accessibility_statement_url="https://verwaltung-digital-lernen.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    # --- GIS ---
    OfferingSpec(
        "geoportal",
        "geodaten",
        "GeoNord – Geoportal und Web-GIS",
        "Bebauungspläne, Leitungen, Straßenbeleuchtung und Grünflächen in einer Karte – für "
        "Verwaltung und Öffentlichkeit.",
        "Web-GIS auf QGIS-Server und MapLibre mit Fachschalen für Bauleitplanung, "
        "Straßenkataster und Friedhöfe. Daten der Landesvermessung sind eingebunden, "
        "Dienste nach INSPIRE und als Open Data abrufbar.",
        "product",
        "gis",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.22",
        price_note="Fachschalen je 600 EUR im Jahr.",
        hosting_details="Rechenzentrum in Lübeck.",
        references=("Amt Schlei-Ostsee, seit 2023", "Stadt Kappeln, seit 2024"),
        themenfelder=("bauen-wohnen", "umwelt"),
        interfaces=("dcat-ap-de", "xbau", "rest"),
        open_source_licence="GPL-2.0-or-later",
        opencode_url="https://gitlab.opencode.de/geonord/geoportal",
        accessibility="partial",
        accessibility_statement_url="https://geonord.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        documents=(_sheet("Produktblatt GeoNord"),),
        state=PUBLISHED_V2,
        revision={"price_amount": "0.20", "price_note": "Zwei Fachschalen inklusive."},
    ),
    OfferingSpec(
        "baumkataster",
        "geodaten",
        "Baumkataster und Baumkontrolle mobil",
        "Bäume erfassen, kontrollieren und pflegen mit der App – mit Karte, Fotos und "
        "rechtssicherer Dokumentation der Verkehrssicherungspflicht.",
        "Die Baumkontrolleure arbeiten mit dem Tablet auch ohne Netz; Maßnahmen gehen als "
        "Aufträge an den Bauhof. Übernahme vorhandener Kataster aus Excel oder GIS.",
        "product",
        "gis",
        "services",
        "saas",
        "de",
        "per_user_month",
        "39.00",
        hosting_details="Rechenzentrum in Lübeck.",
        references=("Gemeinde Scharbeutz, seit 2025",),
        themenfelder=("umwelt",),
        interfaces=("rest",),
        accessibility="not_assessed",
        avv_available=True,
        evb_it="cloud",
    ),
    # --- e-invoice, HR ---
    OfferingSpec(
        "erechnung",
        "erechnung",
        "RechnungsEingang – XRechnung empfangen und prüfen",
        "E-Rechnungen im XRechnung- und ZUGFeRD-Format empfangen, validieren, "
        "sachlich prüfen und an die Finanzbuchhaltung übergeben.",
        "Rechnungen kommen per E-Mail, Peppol oder Upload an, werden gegen die "
        "KoSIT-Regeln geprüft, lesbar dargestellt und im Workflow freigegeben. Die "
        "Übergabe an die Finanzsoftware geschieht per Schnittstelle.",
        "product",
        "other",
        "services",
        "saas",
        "de",
        "per_user_month",
        "8.50",
        price_note="Je Person im Freigabe-Workflow; Empfang unbegrenzt.",
        hosting_details="Open Telekom Cloud, Magdeburg/Biere.",
        references=("Amt Hüttener Berge, seit 2024", "Stadt Preetz, seit 2025"),
        interfaces=("xrechnung", "rest", "saml"),
        accessibility="full",
        accessibility_statement_url="https://rechnungseingang.example/barrierefreiheit",
        c5="type1",
        avv_available=True,
        evb_it="cloud",
        documents=(
            _sheet("Produktblatt RechnungsEingang"),
            DocumentSpec("c5", "BSI-C5-Testat Typ 1 des Cloud-Betreibers", C5_ISSUER, 45),
        ),
    ),
    OfferingSpec(
        "onboarding",
        "personal",
        "Willkommen an Bord – digitales Onboarding für die Verwaltung",
        "Neue Beschäftigte bekommen vor dem ersten Tag Zugang zu Infos, Formularen und "
        "Ansprechpartnern; Personalabteilung und IT arbeiten eine gemeinsame Checkliste ab.",
        "Die Checkliste verteilt Aufgaben an Personal, IT, Hausverwaltung und Vorgesetzte. "
        "Arbeitsverträge und Personalbögen werden digital unterschrieben, Zugänge rechtzeitig "
        "beantragt.",
        "product",
        "other",
        "services",
        "saas",
        "de",
        "per_user_month",
        "5.00",
        price_note="Je Beschäftigtem der Verwaltung; Einrichtung 1.200 EUR.",
        hosting_details="Hetzner Online, Falkenstein.",
        references=("Stadt Reinbek, seit 2025",),
        interfaces=("saml", "ldap"),
        accessibility="partial",
        accessibility_statement_url="https://willkommen-an-bord.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
        state=DRAFT,
    ),
    OfferingSpec(
        "bewerbermanagement",
        "personal",
        "Bewerbermanagement für öffentliche Arbeitgeber",
        "Stellen ausschreiben, Bewerbungen sichten und Gremien beteiligen – mit "
        "Beteiligung von Personalrat und Gleichstellungsbeauftragter.",
        "Ausschreibungen erscheinen auf der eigenen Website und in Stellenbörsen. Die "
        "Auswahlkommission bewertet online; Fristen für die Löschung werden eingehalten.",
        "product",
        "other",
        "services",
        "saas",
        "eu",
        "per_user_month",
        "12.00",
        price_note="Je Person in der Personalabteilung.",
        hosting_details="Amazon Web Services, Region eu-central-1 (Frankfurt).",
        references=("Kreis Stormarn, seit 2024",),
        themenfelder=("arbeit-ruhestand",),
        interfaces=("saml",),
        accessibility="full",
        accessibility_statement_url="https://bewerbung-oeffentlich.example/barrierefreiheit",
        iso27001="native",
        avv_available=True,
        evb_it="cloud",
        documents=(DocumentSpec("iso27001", "ISO-27001-Zertifikat", ISO_ISSUER, 75),),
    ),
    # --- mobility ---
    OfferingSpec(
        "parken",
        "mobil",
        "Bewohnerparkausweis online",
        "Bewohnerinnen und Bewohner beantragen und bezahlen ihren Parkausweis online und "
        "erhalten ihn digital – die Kontrolle liest das Kennzeichen.",
        "Antrag mit BundID, Prüfung der Meldeadresse über XMeld, Bezahlung über ePayBL. Der "
        "digitale Ausweis wird an die Geräte der Verkehrsüberwachung übertragen.",
        "product",
        "online_services",
        "services",
        "saas",
        "de",
        "one_off",
        "4800.00",
        price_note="Einrichtung; danach 0,90 EUR je ausgestelltem Ausweis.",
        hosting_details="Rechenzentrum in Kiel.",
        references=("Hansestadt Lübeck, seit 2025",),
        themenfelder=("mobilitaet-reisen",),
        leika_keys=("99036014000000",),
        interfaces=("bundid", "xmeld", "epaybl", "fit-connect"),
        accessibility="full",
        accessibility_statement_url="https://parkausweis-online.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    OfferingSpec(
        "hundesteuer",
        "formular",
        "Hundesteuer online an- und abmelden",
        "Ein fertiger Online-Dienst für die Hundesteuer, angebunden an das Finanzverfahren "
        "der Kommune.",
        "An- und Abmeldung, Änderung der Bankverbindung und Ersatzmarke; die Daten gehen "
        "über FIT-Connect in das Steuerverfahren. Die Bescheide gehen auf Wunsch in das "
        "Postfach der BundID zurück.",
        "product",
        "online_services",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.03",
        price_note="Mindestens 400 EUR im Jahr.",
        hosting_details="Dataport AöR, Rechenzentrum Norderstedt.",
        references=("Gemeinde Sylt, seit 2025",),
        themenfelder=("steuern-zoll",),
        leika_keys=("01017002000000",),
        interfaces=("fit-connect", "bundid", "epaybl"),
        accessibility="full",
        accessibility_statement_url="https://formflow.example/barrierefreiheit",
        c5="type2",
        avv_available=True,
        evb_it="cloud",
        documents=(DocumentSpec("c5", "BSI-C5-Testat Typ 2 (Betrieb)", C5_ISSUER, 200),),
    ),
    OfferingSpec(
        "maengelmelder",
        "nordlicht",
        "Schaden melden – Mängelmelder für Straßen und Grünanlagen",
        "Bürgerinnen und Bürger melden Schlaglöcher, defekte Laternen oder wilden Müll mit "
        "Foto und Standort; der Bauhof arbeitet die Meldungen ab.",
        "Meldungen landen je Kategorie beim zuständigen Team, die meldende Person bekommt "
        "Rückmeldung zum Stand. Auswertungen zeigen Schwerpunkte im Stadtgebiet.",
        "product",
        "portal",
        "services",
        "saas",
        "de",
        "per_citizen_year",
        "0.08",
        hosting_details="Rechenzentrum in Flensburg.",
        references=("Stadt Schleswig, seit 2024",),
        themenfelder=("umwelt", "mobilitaet-reisen"),
        interfaces=("rest", "dcat-ap-de"),
        accessibility="full",
        accessibility_statement_url="https://schaden-melden.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    OfferingSpec(
        "wlan",
        "rechenzentrum",
        "Öffentliches WLAN für Rathäuser und Innenstädte",
        "Kostenloses WLAN für Gäste in Rathaus, Bücherei und Fußgängerzone – geplant, "
        "installiert und betrieben.",
        "Ausleuchtung, Hardware, Montage und Betrieb mit Vorschaltseite. Das Netz ist "
        "vom Verwaltungsnetz getrennt; Auswertungen sind anonym. Störungen beheben wir "
        "innerhalb eines Werktags.",
        "service",
        "other",
        "services",
        "hybrid",
        "de",
        "per_user_month",
        "45.00",
        price_note="Je Access Point und Monat inklusive Hardware, 36 Monate Laufzeit.",
        hosting_details="Controller in den eigenen Rechenzentren in Kiel und Lübeck.",
        references=("Stadt Plön, seit 2023",),
        evb_it="service",
    ),
    OfferingSpec(
        "termin_kfz",
        "mobil",
        "Wunschtermin Zulassung – Terminbuchung für Kfz-Zulassungsstellen",
        "Termine für Zulassung, Umschreibung und Abmeldung online buchen, mit Prüfung der "
        "Unterlagen vorab und Anbindung an die internetbasierte Fahrzeugzulassung.",
        "Speziell für Zulassungsstellen: Händlerkontingente, Sammeltermine für Autohäuser und "
        "eine Vorabprüfung, ob eVB-Nummer und Unterlagen vollständig sind. Nicht "
        "wahrgenommene Termine werden automatisch wieder freigegeben.",
        "product",
        "appointments",
        "services",
        "saas",
        "de",
        "one_off",
        "2900.00",
        price_note="Einrichtung je Standort; Betrieb 95 EUR im Monat.",
        hosting_details="Rechenzentrum in Kiel.",
        references=("Kreis Schleswig-Flensburg, Zulassungsstelle, seit 2025",),
        themenfelder=("mobilitaet-reisen",),
        leika_keys=("99036013000000",),
        interfaces=("rest", "oidc"),
        accessibility="partial",
        accessibility_statement_url="https://wunschtermin-zulassung.example/barrierefreiheit",
        avv_available=True,
        evb_it="cloud",
    ),
    OfferingSpec(
        "soc",
        "rechenzentrum",
        "Kommunales SOC – Angriffserkennung rund um die Uhr",
        "Ein Security Operations Center überwacht Server, Firewalls und Arbeitsplätze der "
        "Verwaltung und alarmiert bei Angriffen – auch nachts und am Wochenende.",
        "Sensoren und Protokolle laufen in unser SIEM in Kiel; Analystinnen und Analysten "
        "bewerten Alarme und greifen nach Absprache ein. Monatlicher Bericht für den ISB, "
        "Meldungen nach NIS2 bereiten wir vor.",
        "service",
        "security",
        "services",
        "saas",
        "de",
        "per_user_month",
        "7.50",
        price_note="Je überwachtem Endgerät; Server 45 EUR im Monat; Einrichtung 3.800 EUR.",
        hosting_details="SIEM in den eigenen Rechenzentren in Kiel und Lübeck.",
        references=("Zweckverband Ostholstein, seit 2025",),
        iso27001="grundschutz",
        avv_available=True,
        evb_it="service",
        documents=(
            DocumentSpec(
                "iso27001",
                "ISO 27001 auf Basis von IT-Grundschutz",
                "Bundesamt für Sicherheit in der Informationstechnik",
                600,
            ),
        ),
    ),
    OfferingSpec(
        "dms_migration",
        "akte",
        "Umstieg auf die E-Akte – Einführungsbegleitung",
        "Projektbegleitung für die Einführung der E-Akte: Aktenplan, Organisationsregeln, "
        "Schulungen und Begleitung der ersten Wochen.",
        "Wir arbeiten produktneutral und sorgen dafür, dass die E-Akte im Alltag ankommt: "
        "mit Multiplikatoren in jedem Fachbereich und einer Sprechstunde nach dem Start.",
        "service",
        "consulting",
        "services",
        "none",
        "none",
        "daily_rate",
        "980.00",
        references=("Amt Husby, 2025",),
        themenfelder=("querschnittsleistungen",),
        interfaces=("xdomea",),
        evb_it="dienstvertrag",
    ),
]


# --- buyers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuyerPerson:
    salutation: str
    first_name: str
    last_name: str
    function: str
    job_title: str


@dataclass(frozen=True)
class BuyerSpec:
    key: str
    # Existing demo organisations, tried in order; otherwise one named `name` is created.
    lookups: tuple[str, ...]
    name: str
    street: str
    postcode: str
    city: str
    ags: str
    domain: str
    description: str
    jurisdiction: str
    authority_kind: str
    leitweg_coarse: str = ""
    leitweg_fine: str = ""
    invoice_email: str = ""
    verification_note: str = ""  # empty: registered, not verified yet
    # Who acts for the buyer in the demo (the first one); created where missing.
    people: tuple[BuyerPerson, ...] = ()


BUYERS = [
    BuyerSpec(
        "kiel",
        ("Landeshauptstadt Kiel", "Stadt Kiel"),
        "Landeshauptstadt Kiel",
        "Fleethörn 9",
        "24103",
        "Kiel",
        "01002",
        "kiel.example",
        "Die Landeshauptstadt mit rund 250.000 Einwohnerinnen und Einwohnern.",
        "SH",
        "municipal",
        "01002000",
        "KIEL",
        "e-rechnung@kiel.example",
        "Über die Zentrale Vergabestelle bestätigt, Rückruf unter der Rathausnummer.",
        # Kiel's procurement officer is the demo login kommune@demo.example (logins.py).
    ),
    BuyerSpec(
        "kreis",
        ("Kreisverwaltung Dithmarschen", "Kreis Dithmarschen"),
        "Kreisverwaltung Dithmarschen",
        "Stettiner Straße 30",
        "25746",
        "Heide",
        "01051",
        "kreis-dithmarschen.example",
        "Die Kreisverwaltung für rund 130.000 Menschen zwischen Elbe und Eider.",
        "SH",
        "municipal",
        "01051",
        "KV",
        "rechnungseingang@kreis-dithmarschen.example",
        "Nachweis über das Dienstsiegel und Anruf bei der Digitalisierungsbeauftragten.",
        (BuyerPerson("mr", "Henning", "Rathje", "employee", "Vergabestelle"),),
    ),
    BuyerSpec(
        "amt",
        ("Amt Eider-Treene",),
        "Amt Eider-Treene",
        "Am Markt 4",
        "25832",
        "Tönning",
        "01054",
        "amt-eider-treene.example",
        "Das Amt führt die Verwaltungsgeschäfte für 14 Gemeinden an Eider und Treene.",
        "SH",
        "municipal",
        "010545417",
        "",
        "finanzen@amt-eider-treene.example",
        "Schreiben des Leitenden Verwaltungsbeamten mit Dienstsiegel liegt vor.",
        (BuyerPerson("mr", "Jan-Peter", "Sievers", "ceo", "Leitender Verwaltungsbeamter"),),
    ),
    BuyerSpec(
        "staatskanzlei",
        ("Staatskanzlei Schleswig-Holstein",),
        "Staatskanzlei Schleswig-Holstein",
        "Düsternbrooker Weg 104",
        "24105",
        "Kiel",
        "01002",
        "staatskanzlei-sh.example",
        "Die Staatskanzlei unterstützt die Ministerpräsidentin bzw. den Ministerpräsidenten "
        "und koordiniert die Digitalisierung der Landesverwaltung.",
        "SH",
        "land",
        "01",
        "STK",
        "e-rechnung@staatskanzlei-sh.example",
        "Über das Zentrale IT-Management des Landes bestätigt.",
        (BuyerPerson("mr", "Ole", "Feddersen", "employee", "Referat Digitalisierung"),),
    ),
    BuyerSpec(
        "tarp",
        ("Gemeinde Tarp",),
        "Gemeinde Tarp",
        "Stapelholmer Weg 1",
        "24963",
        "Tarp",
        "01059",
        "gemeinde-tarp.example",
        "Eine Gemeinde zwischen Flensburg und Schleswig.",
        "SH",
        "municipal",
        "010595",
        "",
        "kasse@gemeinde-tarp.example",
    ),
]


# --- quote requests and direct orders ----------------------------------------------------

# Stages of a request scenario.
REQUEST_DRAFT = "draft"
REQUEST_OPEN = "open"  # sent, deadline in the future
REQUEST_CLOSED = "closed"  # sent, deadline passed, not awarded
REQUEST_AWARDED = "awarded"
REQUEST_CANCELLED = "cancelled"


# A quote of the provider the platform proposed (not known before the rotation runs).
PROPOSED = "proposed"


@dataclass(frozen=True)
class QuoteSpec:
    offering: str  # the offering whose provider answers, or PROPOSED
    net_price: str = ""
    description: str = ""
    declined: str = ""  # a reason: the provider declines instead


@dataclass(frozen=True)
class InvoiceSpec:
    number: str
    issued_days: int
    lines: tuple[tuple[str, str, str, str], ...]  # description, quantity, unit net, VAT %
    iban: str
    vat_id: str
    phone: str
    email: str


@dataclass(frozen=True)
class RequestSpec:
    key: str
    buyer: str
    stage: str
    title: str
    need: str
    offering_category: str
    procurement_category: str
    one_off_value: str | None = None
    monthly_value: str | None = None
    term_months: int | None = None
    option_months: int | None = None
    # Offerings the buyer chose; more providers come from the platform's rotation.
    chosen: tuple[str, ...] = ()
    proposed: int = 0
    created_days: int = -3
    deadline_days: int = 14  # from sending
    quotes: tuple[QuoteSpec, ...] = ()
    award: str = ""  # offering key of the winning quote
    award_reason: str = ""
    cancel_reason: str = ""
    invoice: InvoiceSpec | None = None


REQUESTS = [
    RequestSpec(
        "bitv_kiel",
        "kiel",
        REQUEST_DRAFT,
        "BITV-Prüfung der neuen Online-Dienste",
        "Die Landeshauptstadt stellt bis zum Jahresende zwölf neue Online-Dienste bereit. "
        "Vor dem Start sollen alle nach BITV 2.0 geprüft werden, mit Bericht und "
        "Entwurf der Erklärung zur Barrierefreiheit je Dienst.",
        "accessibility",
        "services",
        one_off_value="3900.00",
        chosen=("bitv_test", "barrierefreiheit_beratung"),
        created_days=-1,
    ),
    RequestSpec(
        "termine_amt",
        "amt",
        REQUEST_OPEN,
        "Online-Terminvergabe für das Bürgerbüro Tönning",
        "Das Bürgerbüro in Tönning möchte Termine für Meldeangelegenheiten, Ausweise und "
        "Gewerbe online vergeben. 11.000 Einwohnerinnen und Einwohner, zwei Schalter, "
        "Start zum nächsten Quartal, Laufzeit zwei Jahre.",
        "appointments",
        "services",
        one_off_value="1900.00",
        monthly_value="180.00",
        term_months=24,
        chosen=("termine", "buergerportal"),
        proposed=1,
        created_days=-6,
        deadline_days=10,
        quotes=(
            QuoteSpec(
                "termine",
                "5900.00",
                "TerminNord für das Bürgerbüro Tönning inkl. Einrichtung, Aufrufanlage und "
                "Schulung des Teams; 24 Monate Betrieb.",
            ),
        ),
    ),
    RequestSpec(
        "pentest_stk",
        "staatskanzlei",
        REQUEST_OPEN,
        "Penetrationstest des Beteiligungsportals des Landes",
        "Das Beteiligungsportal des Landes geht im Frühjahr mit neuer Anmeldung über BundID "
        "online. Vorher soll ein Penetrationstest (Web-Anwendung und Schnittstellen) mit "
        "Nachtest durchgeführt werden.",
        "security",
        "services",
        one_off_value="9500.00",
        chosen=("pentest_web", "pentest_netz"),
        proposed=1,
        created_days=-8,
        deadline_days=9,
        quotes=(
            QuoteSpec(
                "pentest_web",
                "8050.00",
                "7 Prüftage Grey-Box-Test nach OWASP ASVS Level 2, Bericht, Nachtest.",
            ),
            QuoteSpec(
                "pentest_netz",
                "8680.00",
                "7 Prüftage inkl. Test der BundID-Anbindung; Bericht nach BSI-Praxisleitfaden.",
            ),
        ),
    ),
    RequestSpec(
        "isms_kreis",
        "kreis",
        REQUEST_CLOSED,
        "Begleitung beim Aufbau eines ISMS nach IT-Grundschutz",
        "Die Kreisverwaltung will bis Ende nächsten Jahres ein ISMS nach BSI IT-Grundschutz "
        "aufbauen und braucht dafür externe Begleitung von rund 30 Beratertagen, "
        "einschließlich der Rolle des externen Informationssicherheitsbeauftragten.",
        "security",
        "services",
        one_off_value="34000.00",
        chosen=("isms", "sicherheitsaudit"),
        proposed=1,
        created_days=-30,
        deadline_days=20,
        quotes=(
            QuoteSpec(
                "isms",
                "31320.00",
                "29 Beratertage: Leitlinie, Strukturanalyse, Modellierung, Check, Begleitung "
                "des internen Audits; externer ISB für 12 Monate inklusive.",
            ),
            QuoteSpec(
                "sicherheitsaudit",
                "33600.00",
                "Vorgehen nach BSI 200-2 in drei Phasen; 28 Beratertage und Werkzeug-Lizenz.",
            ),
            QuoteSpec(PROPOSED, declined="Keine freien Kapazitäten im ersten Halbjahr."),
        ),
    ),
    RequestSpec(
        "video_kiel",
        "kiel",
        REQUEST_AWARDED,
        "Videokonferenzsystem für Ratsgremien und Ausschüsse",
        "Die Ratsversammlung und ihre Ausschüsse sollen hybrid tagen können: 120 "
        "Mandatsträgerinnen und Mandatsträger, Abstimmungen, Wortmeldeliste, Livestream "
        "öffentlicher Sitzungen. Laufzeit drei Jahre, Betrieb in Deutschland, bevorzugt "
        "Open Source.",
        "collaboration",
        "services",
        monthly_value="1150.00",
        term_months=36,
        chosen=("bbb", "jitsi"),
        proposed=1,
        created_days=-75,
        deadline_days=21,
        quotes=(
            QuoteSpec(
                "bbb",
                "39600.00",
                "Gremienkonferenz für 120 Mandatsträger/innen, Livestream, Einführung und "
                "Schulung; 36 Monate.",
            ),
            QuoteSpec(
                "jitsi",
                "30240.00",
                "Jitsi Meet mit Moderationsrechten für 120 Personen, Livestream über "
                "YouTube-Anbindung; Abstimmungen nicht enthalten.",
            ),
            QuoteSpec(
                PROPOSED,
                "42120.00",
                "Betrieb in unseren Rechenzentren in Schleswig-Holstein, 36 Monate, "
                "Einführung inklusive.",
            ),
        ),
        award="bbb",
        award_reason="Einziges Angebot, das Abstimmungen und Wortmeldeliste wie gefordert "
        "enthält; Open Source (EUPL), Betrieb in Deutschland. Das günstigere Angebot erfüllt "
        "die Anforderung „Abstimmungen“ nicht.",
        invoice=InvoiceSpec(
            "GK-2026-0147",
            -10,
            (
                ("Gremienkonferenz, Einrichtung und Schulung", "1", "2400.00", "19"),
                ("Gremienkonferenz, Betrieb 120 Nutzer/innen, erster Monat", "120", "4.20", "19"),
                ("Livestream öffentlicher Sitzungen, erster Monat", "1", "150.00", "19"),
            ),
            "DE02120300000000202051",
            "DE811907980",
            "+49 431 5709340",
            "rechnung@gremienkonferenz.example",
        ),
    ),
    RequestSpec(
        "schulung_stk",
        "staatskanzlei",
        REQUEST_AWARDED,
        "Inhouse-Schulung barrierefreie Dokumente",
        "Zwölf Beschäftigte der Pressestelle und des Referats Digitalisierung sollen lernen, "
        "Pressemitteilungen, Broschüren und Formulare barrierefrei zu erstellen.",
        "training",
        "services",
        one_off_value="2300.00",
        chosen=("barrierefreiheit_schulung",),
        created_days=-40,
        deadline_days=10,
        quotes=(
            QuoteSpec(
                "barrierefreiheit_schulung",
                "2300.00",
                "Zwei Schulungstage à 1.150 EUR in der Staatskanzlei, bis 12 Teilnehmende.",
            ),
        ),
        award="barrierefreiheit_schulung",
        award_reason="Angebot entspricht dem Listenpreis im Katalog und der Schätzung; "
        "Direktauftrag.",
    ),
    RequestSpec(
        "signage_amt",
        "amt",
        REQUEST_CANCELLED,
        "Digitale Beschilderung im Amtsgebäude",
        "Im Amtsgebäude sollen vier Displays Wegeleitung und Aufrufe des Bürgerbüros zeigen.",
        "other",
        "supplies",
        one_off_value="11000.00",
        chosen=("signage",),
        proposed=2,
        created_days=-20,
        cancel_reason="Die Fördermittel für den Umbau des Amtsgebäudes wurden nicht bewilligt; "
        "der Bedarf entfällt in diesem Jahr.",
    ),
    RequestSpec(
        "chatbot_kreis",
        "kreis",
        REQUEST_OPEN,
        "KI-Assistent für Anfragen an die Zulassungsstelle",
        "Die Zulassungsstelle erhält täglich rund 200 Anrufe mit denselben Fragen. Ein "
        "Chat-Assistent auf der Website soll sie beantworten, nur aus geprüften Quellen, "
        "mit Betrieb in Deutschland. Laufzeit 24 Monate, Verlängerung um 12 Monate möglich.",
        "ai",
        "services",
        one_off_value="3500.00",
        monthly_value="1300.00",
        term_months=24,
        option_months=12,
        chosen=("chatbot", "ki_posteingang"),
        proposed=1,
        created_days=-2,
        deadline_days=18,
    ),
]


@dataclass(frozen=True)
class DirectOrderSpec:
    buyer: str
    offering: str
    title: str
    net_value: str | None
    days: int  # when it was ordered
    monthly_value: str | None = None
    term_months: int | None = None


# Kiel's BITV test order makes its draft BITV request (same kind: accessibility) cross the
# direct-award limit once both are added up: the splitting warning shows there.
DIRECT_ORDERS = [
    DirectOrderSpec(
        "kiel",
        "bitv_test",
        "BITV-Test der Website kiel.example",
        "2400.00",
        -120,
    ),
    DirectOrderSpec(
        "amt",
        "erechnung",
        "E-Rechnungseingang für die Amtskasse",
        None,
        -60,
        monthly_value="85.00",
        term_months=12,
    ),
]
