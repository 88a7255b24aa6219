"""Kinds of organisations the demo invents: their names, sector (WZ 2008), legal forms,
topics from the seeded taxonomy and the wording of their profile texts (leads are
first-person plural: "Wir" + lead).

Name patterns know these placeholders: {compound} ("Fördewerk"), {place} ("Förde"),
{town_adj} ("Kieler"), {town}, {district}, {landscape} ("Westküste"), {last} and {last2}
(family names) and {field} (a research field). The legal form is appended afterwards.
"""

from dataclasses import dataclass, field

BUSINESS, RESEARCH, INTERMEDIARY, MARKETING, PUBLIC = (
    "business", "research", "intermediary", "marketing", "public",
)


@dataclass(frozen=True)
class Archetype:
    key: str
    actor_type: str
    wz_codes: tuple[str, ...]
    names: tuple[str, ...]
    topics: tuple[str, ...]
    lead: str
    audiences: tuple[str, ...] = ("kleine und mittlere Unternehmen",)
    # None: the legal form follows the size (see BUSINESS_LEGAL_FORMS).
    legal_forms: tuple[tuple[str, int], ...] | None = None
    head: str = "ceo"
    staff: tuple[str, ...] = ("developer", "project", "sales", "marketing", "office", "employee")
    fields: tuple[str, ...] = field(default=())


BUSINESS_LEGAL_FORMS = {
    "micro": (("gmbh", 40), ("ug", 25), ("gbr", 10), ("sole", 25)),
    "small": (("gmbh", 75), ("gmbh_co_kg", 12), ("kg", 5), ("ohg", 3), ("ag", 5)),
    "medium": (("gmbh", 65), ("gmbh_co_kg", 20), ("ag", 10), ("kg", 5)),
    "large": (("gmbh", 45), ("ag", 40), ("gmbh_co_kg", 15)),
}
LEGAL_SUFFIX = {
    "gmbh": "GmbH", "ug": "UG (haftungsbeschränkt)", "ag": "AG",
    "gmbh_co_kg": "GmbH & Co. KG", "kg": "KG", "ohg": "OHG", "gbr": "GbR",
    "partg": "PartG mbB", "sole": "e.K.", "ev": "e.V.", "ggmbh": "gGmbH", "eg": "eG",
    "public": "", "foundation": "",
}

IT_STAFF = ("developer", "developer", "developer", "project", "sales", "cto", "marketing",
            "office", "employee", "hr")
SMB = "kleine und mittlere Unternehmen"

ARCHETYPES = [
    Archetype(
        "software", BUSINESS, ("62.01", "62.01", "58.29"),
        ("{compound} Software", "{compound} Digital", "{place} Software", "{town_adj} Softwarehaus",
         "{compound}", "{last} Softwareentwicklung", "{compound} Apps", "{town_adj} Codefabrik"),
        ("individualsoftware", "webentwicklung", "frontend-entwicklung", "backend-entwicklung",
         "app-entwicklung", "cross-platform-entwicklung", "devops", "softwaretest-qualitaetssicherung",
         "schnittstellen-integration", "legacy-modernisierung", "open-source",
         "container-kubernetes", "progressive-web-apps", "low-code-no-code"),
        "entwickeln individuelle Software, Web- und App-Anwendungen für {audience}",
        (SMB, "den Mittelstand", "Handwerksbetriebe", "Start-ups", "Industrieunternehmen"),
        staff=IT_STAFF,
    ),
    Archetype(
        "it_consulting", BUSINESS, ("62.02",),
        ("{compound} Consulting", "{last} & {last2} IT-Beratung", "{place} Digitalberatung",
         "{town_adj} Prozessmanufaktur", "{compound} Beratung", "{last} Digital Consulting"),
        ("it-beratung", "it-projektmanagement", "prozessautomatisierung", "erp-warenwirtschaft",
         "crm-kundenmanagement", "dokumentenmanagement", "e-rechnung-buchhaltung",
         "change-management", "agile-organisation", "cloud-migration", "hr-software"),
        "begleiten {audience} durch die digitale Transformation – von der Analyse der Prozesse "
        "bis zur Einführung passender Software",
        (SMB, "den Mittelstand", "Kommunen", "Vereine und Verbände"),
        staff=("project", "project", "sales", "developer", "office", "employee"),
    ),
    Archetype(
        "systemhaus", BUSINESS, ("62.09", "62.03"),
        ("{town_adj} Systemhaus", "{last} IT-Service", "{place} IT-Systeme",
         "{compound} Systemhaus", "IT-Service {landscape}", "{last} Computertechnik"),
        ("it-service-systemhaus", "it-support", "managed-services", "it-hardware",
         "netzwerke-telekommunikation", "datensicherung-backup", "endgeraeteschutz",
         "modern-workplace", "kollaborationstools", "videokonferenzen"),
        "betreuen die IT von {audience}: Arbeitsplätze, Server, Netzwerke und Support",
        ("kleinen und mittleren Unternehmen", "Arztpraxen und Kanzleien", "Handwerksbetrieben",
         "Schulen"),
        staff=("employee", "employee", "developer", "sales", "office", "project", "cio"),
    ),
    Archetype(
        "hosting", BUSINESS, ("63.11",),
        ("{town_adj} Rechenzentrum", "{compound} Cloud Services", "{place} Hosting",
         "{compound} Datacenter"),
        ("rechenzentren-hosting", "cloud-computing", "souveraene-cloud", "container-kubernetes",
         "edge-computing", "datensicherung-backup", "managed-services"),
        "betreiben Rechenzentren im Norden und bieten {audience} Hosting und Cloud-Dienste "
        "mit Datenhaltung in Deutschland",
        ("kleinen und mittleren Unternehmen", "Kommunen", "Softwarehäusern"),
        staff=IT_STAFF,
    ),
    Archetype(
        "security", BUSINESS, ("62.02", "62.09"),
        ("{compound} Security", "{place} Cyberschutz", "{town_adj} IT-Sicherheit",
         "{last} Security Consulting", "{compound} Defence"),
        ("isms-sicherheitsberatung", "penetrationstests", "netzwerksicherheit",
         "identitaets-und-zugriffsmanagement", "incident-response", "security-awareness",
         "kritis-nis2", "kryptografie", "ot-sicherheit", "security-operations"),
        "schützen {audience} vor Cyberangriffen – mit Beratung, Tests und einem Notfallteam",
        (SMB, "Betreiber kritischer Infrastrukturen", "Kommunen", "Kliniken"),
        staff=IT_STAFF,
    ),
    Archetype(
        "data_ai", BUSINESS, ("62.01", "62.02", "72.19"),
        ("{compound} Analytics", "{place} KI-Labor", "{town_adj} Datenkontor",
         "{compound} Data Science", "{place} Intelligence"),
        ("kuenstliche-intelligenz", "maschinelles-lernen", "generative-ki", "sprachverarbeitung",
         "computer-vision", "chatbots-assistenten", "ki-beratung", "data-science",
         "business-intelligence", "predictive-analytics", "data-engineering", "datenraeume"),
        "machen aus Daten Entscheidungen: Datenanalyse und KI-Lösungen für {audience}",
        (SMB, "Industrieunternehmen", "den Handel", "Energieversorger"),
        staff=IT_STAFF,
    ),
    Archetype(
        "ecommerce", BUSINESS, ("62.01", "47.91"),
        ("{compound} Commerce", "{place} Shopsysteme", "{last} E-Commerce",
         "{town_adj} Onlinehandel-Service"),
        ("onlineshops", "online-marktplaetze", "omnichannel", "online-payment", "kassensysteme",
         "web-analyse", "suchmaschinenmarketing", "einzelhandel"),
        "bauen und betreiben Onlineshops und Marktplatz-Anbindungen für {audience}",
        ("den Handel", "Hersteller", "Manufakturen"),
        staff=IT_STAFF,
    ),
    Archetype(
        "media_design", BUSINESS, ("74.10", "59.11", "62.01"),
        ("Studio {place}", "{compound} Design", "{place} Film & Bewegtbild", "{last} Mediendesign",
         "{place} Games", "{compound} Interactive"),
        ("ux-ui-design", "grafikdesign", "webdesign", "film-bewegtbild", "animation-vfx",
         "fotografie", "audio-podcast", "games", "extended-reality", "digitale-barrierefreiheit",
         "service-design"),
        "gestalten digitale Produkte, Filme und interaktive Erlebnisse für {audience}",
        ("Marken und Unternehmen", "Museen und Kultureinrichtungen", "Tourismusorte"),
        staff=("developer", "project", "marketing", "employee", "employee", "office"),
    ),
    Archetype(
        "iot", BUSINESS, ("62.01", "26.51", "71.12"),
        ("{compound} Automation", "{place} Sensorik", "{town_adj} Industrie-IT",
         "{last} Steuerungstechnik"),
        ("iot-plattformen", "sensorik-messtechnik", "iot-funknetze", "automatisierung-robotik",
         "digitaler-zwilling", "predictive-maintenance", "produktionsplanung-mes",
         "industrielle-kommunikation", "embedded-software", "maschinenbau"),
        "vernetzen Maschinen und Anlagen und entwickeln IoT-Lösungen für {audience}",
        ("Industrieunternehmen", "den Maschinenbau", "Stadtwerke"),
        staff=IT_STAFF,
    ),
    Archetype(
        "ehealth", BUSINESS, ("62.01",),
        ("{compound} Health", "{place} Medizinsoftware", "{town_adj} Praxis-IT"),
        ("telemedizin", "elektronische-patientenakte", "diga", "medizintechnik-software",
         "digitale-pflege", "krankenhaus-it", "gesundheitsdaten", "arzt-und-zahnarztpraxen"),
        "entwickeln Software für {audience}",
        ("Arzt- und Zahnarztpraxen", "Pflegedienste", "Kliniken"),
        staff=IT_STAFF,
    ),
    Archetype(
        "greenit", BUSINESS, ("62.01", "71.12"),
        ("{compound} Energy Data", "{place} Green IT", "{town_adj} Energiesysteme"),
        ("energieeffiziente-it", "nachhaltigkeitsberichterstattung", "co2-bilanzierung",
         "energiemanagement", "windenergie", "wasserstoff", "klimaanpassung-umweltmonitoring"),
        "verbinden Energiewende und Digitalisierung: Software und Daten für {audience}",
        ("Energieversorger", "Windparkbetreiber", SMB),
        staff=IT_STAFF,
    ),
    Archetype(
        "govtech", BUSINESS, ("62.01", "62.02"),
        ("{compound} GovTech", "{place} Verwaltungssoftware", "{town_adj} Bürgerportale"),
        ("online-verwaltungsleistungen", "e-akte", "registermodernisierung",
         "digitale-identitaet", "interoperabilitaet-standards", "oeffentliche-vergabe",
         "govtech", "digitale-buergerbeteiligung"),
        "digitalisieren Verwaltungsleistungen für {audience}",
        ("Kommunen", "Ämter und Kreise", "Landesbehörden"),
        staff=IT_STAFF,
    ),
    Archetype(
        "edtech", BUSINESS, ("85.59", "62.01"),
        ("{place} Lernwerk", "{compound} Akademie", "{town_adj} IT-Schule", "{last} Schulungen"),
        ("e-learning", "it-schulungen", "weiterbildung", "ki-kompetenz", "serious-games",
         "digitalkompetenz", "digitale-schule"),
        "qualifizieren Fachkräfte mit Schulungen, E-Learning und Zertifikatskursen für {audience}",
        (SMB, "Schulen", "Verwaltungen"),
        staff=("project", "employee", "employee", "marketing", "office", "developer"),
    ),
    Archetype(
        "legal", BUSINESS, ("69.10",),
        ("{last} & {last2} Rechtsanwälte", "{last} Datenschutzberatung", "Kanzlei {last}"),
        ("datenschutz-dsgvo", "datenschutzbeauftragter", "it-vertragsrecht",
         "urheber-und-medienrecht", "ki-recht", "compliance-governance", "e-commerce-recht",
         "datenrecht"),
        "beraten {audience} im IT-Recht und Datenschutz und stellen externe "
        "Datenschutzbeauftragte",
        (SMB, "Softwarehäuser", "Start-ups"),
        legal_forms=(("partg", 60), ("sole", 25), ("gmbh", 15)),
        staff=("employee", "employee", "office", "project"),
    ),
    Archetype(
        "telecom", BUSINESS, ("61.10", "61.20"),
        ("{compound} Netz", "{place} Glasfaser", "{town_adj} Breitband"),
        ("breitband-glasfaser", "mobilfunk-5g", "netzwerke-telekommunikation", "iot-funknetze",
         "smart-region"),
        "bauen Glasfaser- und Funknetze und versorgen {audience} mit schnellem Internet",
        ("Gemeinden im ländlichen Raum", "Gewerbegebiete", "Haushalte"),
        staff=("employee", "employee", "project", "sales", "office", "cio"),
    ),
    Archetype(
        "mobility", BUSINESS, ("62.01", "71.12"),
        ("{compound} Mobility", "{place} Verkehrstechnik", "{town_adj} Mobilitätsdaten"),
        ("digitale-mobilitaet", "elektromobilitaet", "oepnv-on-demand", "verkehrssteuerung",
         "autonomes-fahren", "urbane-datenplattformen", "tourenplanung-flottenmanagement"),
        "entwickeln digitale Mobilitätsangebote für {audience}",
        ("Verkehrsbetriebe", "Kommunen", "Tourismusorte"),
        staff=IT_STAFF,
    ),
    Archetype(
        "maritime_digital", BUSINESS, ("62.01", "62.02", "26.51"),
        ("{compound} Maritime Software", "{place} Navigationssysteme", "{town_adj} Hafen-IT",
         "{compound} Ocean Data", "{place} Schiffs-IT", "{last} Maritime Solutions"),
        ("maritime-wirtschaft", "haefen", "schiffbau-meerestechnik", "digitaler-zwilling",
         "sensorik-messtechnik", "geodaten", "tourenplanung-flottenmanagement",
         "predictive-maintenance", "ot-sicherheit"),
        "bringen Software und Daten an Bord und in den Hafen – für {audience}",
        ("Reedereien", "Häfen und Terminals", "Werften"),
        staff=IT_STAFF,
    ),
    # Marketing and communication
    Archetype(
        "agency", MARKETING, ("73.11", "70.21"),
        ("{place} Kommunikation", "Agentur {place}", "{last} Werbeagentur", "{compound} Media",
         "{place} Content & PR", "{last} & {last2} Kommunikationsberatung",
         "{place} Markenwerkstatt"),
        ("social-media-marketing", "content-marketing", "pr-kommunikation", "markenentwicklung",
         "marketing-automation", "suchmaschinenmarketing", "webdesign", "grafikdesign"),
        "machen Marken im Norden sichtbar: Strategie, Kampagnen und Content für {audience}",
        (SMB, "Tourismusorte", "Hochschulen und Institute"),
        staff=("marketing", "marketing", "project", "sales", "employee", "office"),
    ),
    # Research and education
    Archetype(
        "university", RESEARCH, ("85.42",),
        ("Hochschule {landscape}", "Technische Hochschule {landscape}",
         "Fachhochschule {landscape}"),
        ("digitale-hochschullehre", "kuenstliche-intelligenz", "data-science",
         "ausbildung-duales-studium", "mint-nachwuchs", "it-sicherheit", "bildung-wissenschaft",
         "internationale-fachkraefte"),
        "bilden Ingenieurinnen, Informatiker und Gestalterinnen aus und forschen anwendungsnah "
        "mit {audience}",
        ("Unternehmen der Region", "Kommunen"),
        legal_forms=(("public", 100),),
        head="board",
        staff=("research", "research", "research", "project", "student", "office", "cio"),
    ),
    Archetype(
        "institute", RESEARCH, ("72.19", "72.11"),
        ("Institut für {field}", "Forschungszentrum {field} {landscape}",
         "{town_adj} Institut für {field}"),
        ("kuenstliche-intelligenz", "data-science", "datenraeume", "quantentechnologie",
         "hochleistungsrechnen", "erklaerbare-ki", "gesundheitsdaten", "geodaten",
         "klimaanpassung-umweltmonitoring", "bildung-wissenschaft"),
        "forschen im Bereich {field} und bringen die Ergebnisse in Projekte mit {audience}",
        ("Unternehmen der Region", "Start-ups", "Kommunen"),
        legal_forms=(("ev", 55), ("ggmbh", 35), ("foundation", 10)),
        head="research",
        staff=("research", "research", "research", "project", "student", "office"),
        fields=("Angewandte Informatik", "Küstendaten", "Datenwissenschaft", "Digitale Medizin",
                "Cybersicherheit", "Mensch-Computer-Interaktion", "Geoinformatik",
                "Smarte Energiesysteme", "Vertrauenswürdige KI"),
    ),
    Archetype(
        "maritime_institute", RESEARCH, ("72.19",),
        ("Institut für {field}", "Forschungszentrum {field} {landscape}"),
        ("schiffbau-meerestechnik", "maritime-wirtschaft", "sensorik-messtechnik", "geodaten",
         "klimaanpassung-umweltmonitoring", "fischerei-aquakultur", "digitaler-zwilling"),
        "forschen im Bereich {field} und übertragen die Ergebnisse in die Praxis von {audience}",
        ("Werften", "Reedereien", "Häfen"),
        legal_forms=(("ev", 60), ("ggmbh", 40)),
        head="research",
        staff=("research", "research", "research", "project", "student", "office"),
        fields=("Maritime Informatik", "Meerestechnik", "Küsteningenieurwesen",
                "Unterwasserrobotik"),
    ),
    Archetype(
        "student_initiative", RESEARCH, ("94.99",),
        ("Jugend-Codewerkstatt {town}", "Code-Club {landscape}", "Junge Informatik {landscape}",
         "Studentische Unternehmensberatung {landscape}"),
        ("mint-nachwuchs", "digitalkompetenz", "ausbildung-duales-studium", "games",
         "webentwicklung"),
        "bringen Schülerinnen, Schüler und Studierende mit {audience} zusammen",
        ("Unternehmen der Region", "Hochschulen"),
        legal_forms=(("ev", 100),),
        head="board",
        staff=("student", "student", "board"),
    ),
    Archetype(
        "academy", RESEARCH, ("85.59", "85.32"),
        ("Akademie für Digitalberufe {town}", "Bildungswerk {landscape}",
         "{town_adj} Weiterbildungszentrum"),
        ("weiterbildung", "it-schulungen", "ausbildung-duales-studium", "fachkraeftegewinnung",
         "internationale-fachkraefte", "ki-kompetenz"),
        "bilden Fachkräfte aus und weiter – gemeinsam mit {audience}",
        ("Unternehmen der Region", "Agenturen für Arbeit"),
        legal_forms=(("ggmbh", 60), ("gmbh", 40)),
        staff=("project", "project", "employee", "office", "marketing"),
    ),
    # Intermediaries
    Archetype(
        "network", INTERMEDIARY, ("94.11", "94.12"),
        ("Digitalforum {landscape}", "IT-Netzwerk {landscape}", "Frauen in der IT {landscape}",
         "Verband der Softwarehäuser {landscape}", "Netzwerk Kreativwirtschaft {landscape}",
         "Unternehmerinnen-Netzwerk {landscape}", "Mittelstandsnetzwerk {landscape}",
         "Arbeitskreis Digitale Bildung {landscape}"),
        ("fachkraeftegewinnung", "digitalkompetenz", "new-work", "ki-kompetenz", "coworking",
         "agile-organisation", "weiterbildung", "internationale-fachkraefte"),
        "vernetzen {audience} und organisieren Treffen, Vorträge und gemeinsame Projekte",
        ("Unternehmen der Digitalwirtschaft", "Gründerinnen und Gründer", "Fachkräfte"),
        legal_forms=(("ev", 100),),
        head="board",
        staff=("project", "project", "marketing", "office", "board"),
    ),
    Archetype(
        "tech_centre", INTERMEDIARY, ("70.22", "68.20", "84.13"),
        ("Technologiezentrum {town}", "Gründerhafen {landscape}", "Innovationspark {landscape}",
         "Wirtschaftsagentur {landscape}", "Coworking {place}", "Startup-Werft {town}"),
        ("coworking", "fachkraeftegewinnung", "smart-region", "remote-work", "weiterbildung",
         "datenraeume"),
        "unterstützen {audience} mit Räumen, Beratung und Kontakten in die Region",
        ("Gründerinnen und Gründer", "Start-ups", "kleine und mittlere Unternehmen"),
        legal_forms=(("gmbh", 70), ("eg", 15), ("ev", 15)),
        staff=("project", "project", "marketing", "office", "employee"),
    ),
    Archetype(
        "chamber", INTERMEDIARY, ("94.11", "94.12"),
        ("Handwerkskammer {landscape}", "Kammer der freien Berufe {landscape}",
         "Unternehmensverband {landscape}"),
        ("handwerk", "fachkraeftegewinnung", "ausbildung-duales-studium", "weiterbildung",
         "digitalkompetenz", "freie-berufe"),
        "vertreten die Interessen von {audience} und beraten sie zur Digitalisierung",
        ("Handwerksbetrieben", "Mitgliedsunternehmen", "Selbstständigen"),
        legal_forms=(("public", 70), ("ev", 30)),
        staff=("project", "project", "employee", "office", "marketing", "cdo"),
    ),
    # Government and public administration
    Archetype(
        "municipality", PUBLIC, ("84.11",),
        ("Stadt {town}", "Kreisverwaltung {district}", "Zweckverband Digitale Infrastruktur "
         "{landscape}"),
        ("online-verwaltungsleistungen", "e-akte", "smart-region", "breitband-glasfaser",
         "digitale-buergerbeteiligung", "oeffentliche-vergabe", "kommunale-it",
         "urbane-datenplattformen"),
        "digitalisieren unsere Leistungen für {audience}",
        ("Bürgerinnen, Bürger und Unternehmen",),
        legal_forms=(("public", 100),),
        head="cdo",
        staff=("cio", "project", "employee", "employee", "office"),
    ),
    # The maritime cluster's own world
    Archetype(
        "shipyard", BUSINESS, ("30.11", "33.15", "30.12"),
        ("{compound} Werft", "{town_adj} Bootswerft", "{place} Meerestechnik",
         "{last} Schiffbau"),
        ("schiffbau-meerestechnik", "maritime-wirtschaft", "additive-fertigung",
         "digitaler-zwilling", "automatisierung-robotik", "wasserstoff", "bim"),
        "bauen und reparieren Schiffe und Boote für {audience}",
        ("Reedereien", "Behörden", "Wassersportler"),
        staff=("employee", "employee", "project", "sales", "office", "cio", "hr"),
    ),
    Archetype(
        "port_logistics", BUSINESS, ("52.24", "52.22"),
        ("{town_adj} Hafenlogistik", "{place} Terminal Services", "{compound} Stauerei"),
        ("haefen", "lager-intralogistik", "tourenplanung-flottenmanagement", "logistik",
         "maritime-wirtschaft", "iot-plattformen"),
        "schlagen Güter um und organisieren Transporte zwischen Kai, Lager und Hinterland für "
        "{audience}",
        ("Reedereien", "Spediteure", "die Industrie"),
        staff=("employee", "employee", "project", "sales", "office", "cio"),
    ),
    Archetype(
        "shipping", BUSINESS, ("50.20", "52.29"),
        ("Reederei {last}", "{place} Shipping", "{last} & {last2} Befrachtung"),
        ("maritime-wirtschaft", "logistik", "tourenplanung-flottenmanagement", "haefen",
         "co2-bilanzierung"),
        "betreiben Schiffe in Nord- und Ostsee und bieten {audience} Transporte auf dem Seeweg",
        ("der Industrie", "Spediteuren", "Häfen"),
        staff=("employee", "employee", "project", "sales", "office", "cio"),
    ),
    Archetype(
        "marine_tech", BUSINESS, ("26.51", "28.99"),
        ("{compound} Marine Systems", "{place} Unterwassertechnik", "{last} Schiffselektronik"),
        ("sensorik-messtechnik", "schiffbau-meerestechnik", "drohnen", "embedded-software",
         "automatisierung-robotik", "maritime-wirtschaft"),
        "entwickeln Messtechnik, Elektronik und Unterwassersysteme für {audience}",
        ("Werften", "Offshore-Windparks", "die Meeresforschung"),
        staff=IT_STAFF,
    ),
    Archetype(
        "maritime_network", INTERMEDIARY, ("94.11",),
        ("Maritimes Netzwerk {landscape}", "Verband der Küstenschifffahrt {landscape}",
         "Hafenwirtschaft {landscape}"),
        ("maritime-wirtschaft", "haefen", "fachkraeftegewinnung", "wasserstoff"),
        "vertreten und vernetzen {audience}",
        ("maritime Unternehmen", "Häfen und Reedereien"),
        legal_forms=(("ev", 100),),
        head="board",
        staff=("project", "office", "marketing"),
    ),
]
BY_KEY = {a.key: a for a in ARCHETYPES}

# How often each business archetype appears among members of the digital cluster.
DIGITAL_BUSINESS_WEIGHTS = {
    "software": 30, "it_consulting": 22, "systemhaus": 14, "hosting": 3, "security": 8,
    "data_ai": 10, "ecommerce": 7, "media_design": 12, "iot": 6, "ehealth": 4, "greenit": 4,
    "govtech": 5, "edtech": 4, "legal": 4, "telecom": 3, "mobility": 3,
}
MARITIME_WEIGHTS = {"shipyard": 8, "port_logistics": 7, "shipping": 5, "marine_tech": 10}

# Job titles per function, (female, male, neutral).
JOB_TITLES = {
    "ceo": ("Geschäftsführerin", "Geschäftsführer", "Geschäftsführung"),
    "cio": ("Leiterin IT", "Leiter IT", "Leitung IT"),
    "cto": ("CTO", "CTO", "CTO"),
    "cdo": ("Digitalisierungsbeauftragte", "Digitalisierungsbeauftragter",
            "Digitalisierungsbeauftragte:r"),
    "hr": ("Personalleiterin", "Personalleiter", "Personalleitung"),
    "marketing": ("Marketingmanagerin", "Marketingmanager", "Marketing"),
    "sales": ("Vertriebsleiterin", "Vertriebsleiter", "Vertrieb"),
    "project": ("Projektmanagerin", "Projektmanager", "Projektmanagement"),
    "research": ("Wissenschaftliche Mitarbeiterin", "Wissenschaftlicher Mitarbeiter",
                 "Wissenschaftliche Mitarbeit"),
    "developer": ("Softwareentwicklerin", "Softwareentwickler", "Softwareentwicklung"),
    "board": ("Vorsitzende des Vorstands", "Vorsitzender des Vorstands", "Vorstand"),
    "office": ("Büroleiterin", "Büroleiter", "Büroleitung"),
    "employee": ("Referentin", "Referent", "Referent:in"),
    "student": ("Werkstudentin", "Werkstudent", "Werkstudent:in"),
}
# Heads of research bodies carry another title than the CEO of a firm.
HEAD_TITLES = {
    "university": ("Präsidentin", "Präsident", "Präsidium"),
    "institute": ("Institutsleiterin", "Institutsleiter", "Institutsleitung"),
    "maritime_institute": ("Institutsleiterin", "Institutsleiter", "Institutsleitung"),
    "municipality": ("Digitalisierungsbeauftragte", "Digitalisierungsbeauftragter",
                     "Digitalisierung"),
}
