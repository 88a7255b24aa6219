"""The texts of the matchmaking demo: capability templates for competence profiles, the
organisations the directory demo lacks, 36 needs in plain words and the contacts between
needs and providers. Data only; `knotenpunkt.demo.matching` builds the demo from it.

None of the texts comes from the evaluation set of the engine, which must stay unseen.
"""

import datetime
from dataclasses import dataclass

from knotenpunkt.demo.archetypes import BUSINESS, PUBLIC, RESEARCH
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.matching.models import CompetenceProfile, Contact, Need


def _lines(text: str) -> tuple[str, ...]:
    """'a; b; c' -> ('a', 'b', 'c'): keeps the template table below compact."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


@dataclass(frozen=True)
class Capability:
    """One thing a kind of firm offers, as its profile would put it.

    `short` is an accusative noun phrase ("den Umzug in die Cloud") for a second focus;
    references may name {town} and {district}.
    """

    key: str
    archetypes: tuple[str, ...]
    topics: tuple[str, ...]
    short: str
    openings: tuple[str, ...]
    details: tuple[str, ...]
    services: str
    technologies: str = ""
    keywords: str = ""
    products: str = ""
    references: tuple[str, ...] = ()


CAPABILITIES = [
    Capability(
        "time_tracking_trades",
        ("software",),
        ("zeiterfassung", "handwerkersoftware", "mobile-datenerfassung", "handwerk"),
        "Zeiterfassung und Auftrags-Apps für Handwerksbetriebe",
        (
            "Wir entwickeln eine App, mit der Handwerksbetriebe Arbeitszeiten, Material und "
            "Fotos direkt auf der Baustelle erfassen.",
            "Unsere Auftrags- und Zeiterfassungs-App ist für Betriebe gemacht, deren Leute mehr "
            "beim Kunden als im Büro sind.",
            "Wir bringen Handwerksbetriebe weg vom Stundenzettel: Aufträge, Zeiten und Berichte "
            "landen per Smartphone sofort im Büro.",
        ),
        (
            "Die Monteure sehen morgens auf dem Handy, wohin es geht, und melden abends mit zwei "
            "Fingertipps, was erledigt ist.",
            "Kundinnen und Kunden unterschreiben den Arbeitsbericht direkt auf dem Tablet, die "
            "Rechnung kann noch am selben Tag raus.",
            "Fotos, Materialverbrauch und Zusatzarbeiten hängen am Auftrag, damit später nichts "
            "strittig ist.",
            "Die App funktioniert auch im Funkloch und gleicht alles ab, sobald das Handy wieder "
            "Empfang hat.",
            "Kunden- und Artikeldaten übernehmen wir aus der vorhandenen Handwerkersoftware und "
            "schulen die Kolonnen vor Ort.",
        ),
        "Einführung und Schulung im Betrieb; Anpassung an Ihre Gewerke; Übernahme von Kunden- "
        "und Artikeldaten; Anbindung an Lohn- und Finanzbuchhaltung; Support per Telefon",
        "Flutter; Kotlin; PostgreSQL; Offline-Synchronisation; DATEV-Schnittstelle; GAEB",
        "Stundenzettel; Arbeitszeiterfassung; Regiebericht; Baustellendokumentation; Aufmaß; "
        "Monteure",
        "Baustellen-App für Zeiten, Material und Fotos; Digitaler Arbeitsbericht mit Unterschrift",
        (
            "Zeiterfassung für eine Zimmerei mit 18 Beschäftigten in {district}",
            "Auftrags-App für einen Elektrobetrieb mit drei Kolonnen in {town}",
            "Baustellendokumentation für einen Malerbetrieb in {town}",
        ),
    ),
    Capability(
        "custom_software",
        ("software",),
        ("individualsoftware", "webentwicklung", "backend-entwicklung", "devops"),
        "individuelle Web- und Fachanwendungen",
        (
            "Wir entwickeln Software nach Maß, wenn Standardprogramme nicht zu den Abläufen "
            "eines Betriebs passen.",
            "Aus Excel-Listen, Access-Datenbanken und Karteikästen machen wir Webanwendungen, "
            "mit denen mehrere Leute gleichzeitig arbeiten können.",
        ),
        (
            "Wir fangen mit einem Tag im Betrieb an und schauen uns an, wie heute wirklich "
            "gearbeitet wird.",
            "Nach wenigen Wochen gibt es eine erste Version zum Ausprobieren, danach entwickeln "
            "wir in kleinen Schritten weiter.",
            "Um Wartung, Updates und Hosting in Deutschland kümmern wir uns auf Wunsch auch "
            "langfristig.",
            "Der Quellcode gehört am Ende Ihnen, dokumentiert und mit automatischen Tests.",
        ),
        "Anforderungsanalyse; Entwicklung von Webanwendungen; Wartung und Weiterentwicklung; "
        "Hosting und Betrieb; Code-Reviews",
        "Python; Django; TypeScript; React; PostgreSQL; Docker; GitLab CI",
        "Excel ablösen; Datenbank; Software nach Maß; Webportal; Access-Datenbank",
        "",
        (
            "Auftragsverwaltung für einen Landmaschinenhändler in {town}",
            "Kundenportal für ein Stadtwerk in {district}",
            "Belegungsplanung für eine Jugendherberge an der Ostsee",
        ),
    ),
    Capability(
        "legacy_modernisation",
        ("software", "it_consulting"),
        ("legacy-modernisierung", "schnittstellen-integration", "individualsoftware"),
        "die Ablösung veralteter Programme",
        (
            "Wir modernisieren Programme, die seit Jahrzehnten laufen, aber nur noch eine Person "
            "im Haus versteht.",
            "Wenn die Software aus den Neunzigern auf neuen Rechnern nicht mehr läuft, holen wir "
            "Daten und Abläufe sicher in eine moderne Anwendung.",
        ),
        (
            "Zuerst sichern wir die Daten und schreiben auf, was das alte Programm eigentlich "
            "alles tut.",
            "Die Umstellung passiert schrittweise, damit der Betrieb keinen Tag stillsteht.",
            "Auch Prototypen aus Forschung und Entwicklung machen wir wartbar, testbar und "
            "übergabefähig.",
        ),
        "Bestandsaufnahme und Code-Analyse; Datenmigration; schrittweise Neuentwicklung; "
        "Dokumentation; Übergabe an das eigene Team",
        "Java; C#/.NET; Delphi; COBOL; Python; automatisierte Tests",
        "altes Programm; DOS-Programm; Software läuft nicht mehr; Prototyp wartbar machen",
        "",
        (
            "Ablösung einer Delphi-Lagerverwaltung bei einem Großhändler in {town}",
            "Überführung eines Forschungsprototyps in ein wartbares Produkt",
        ),
    ),
    Capability(
        "erp_integration",
        ("software", "it_consulting", "ecommerce"),
        ("schnittstellen-integration", "erp-warenwirtschaft", "onlineshops"),
        "Schnittstellen zwischen Warenwirtschaft, Shop und Buchhaltung",
        (
            "Wir verbinden Programme, die nicht miteinander reden: Warenwirtschaft, Onlineshop, "
            "Kasse und Buchhaltung.",
            "Wir sorgen dafür, dass Bestände, Preise und Bestellungen automatisch zwischen Laden, "
            "Lager und Onlineshop abgeglichen werden.",
        ),
        (
            "Damit muss niemand mehr Bestellungen aus E-Mails abtippen oder Lagerbestände von "
            "Hand nachtragen.",
            "Für gängige Warenwirtschaften haben wir fertige Anbindungen, fehlende Schnittstellen "
            "bauen wir selbst.",
            "Wenn eine Übertragung hakt, meldet sich das System, bevor die Kundschaft es merkt.",
        ),
        "Schnittstellenentwicklung; Datenabgleich zwischen Systemen; ERP-Einführung; "
        "Datenbereinigung; Betreuung im Betrieb",
        "REST-APIs; SAP Business One; JTL-Wawi; Shopware; DATEV; EDI",
        "Lagerbestand stimmt nicht; doppelte Eingabe; Bestellungen abtippen; Kasse und Shop "
        "verbinden",
        "",
        (
            "Abgleich von Kasse, Warenwirtschaft und Webshop für ein Sporthaus in {town}",
            "EDI-Anbindung eines Lebensmittelherstellers an den Großhandel",
        ),
    ),
    Capability(
        "mobile_apps",
        ("software", "media_design"),
        ("app-entwicklung", "cross-platform-entwicklung", "ux-ui-design"),
        "Apps für Kundinnen und Kunden",
        (
            "Wir entwickeln Apps für iPhone und Android, die Kundinnen und Kunden gern öffnen.",
            "Vom ersten Entwurf bis zur Veröffentlichung im App Store bauen wir mobile "
            "Anwendungen für Unternehmen und Vereine.",
        ),
        (
            "Bevor programmiert wird, testen wir klickbare Entwürfe mit echten Nutzerinnen und "
            "Nutzern.",
            "Mit einer gemeinsamen Codebasis für beide Plattformen sparen wir Zeit und Geld.",
            "Nach dem Start kümmern wir uns um Updates und neue Betriebssystemversionen.",
        ),
        "App-Konzeption; UX-Design; App-Entwicklung; Veröffentlichung in den Stores; Wartung",
        "Flutter; React Native; Swift; Kotlin; Firebase",
        "App; Smartphone; Kundenkarte; Terminbuchung per App; Push-Nachrichten",
        "",
        (
            "Vereins-App für einen Sportverein mit 2.000 Mitgliedern",
            "Kunden-App eines Fahrradverleihs in {town}",
        ),
    ),
    Capability(
        "booking_tourism",
        ("software", "ecommerce"),
        ("tourismus", "destinationsmanagement", "webentwicklung", "online-payment"),
        "Buchungs- und Gästesysteme für Tourismus und Gastronomie",
        (
            "Wir bauen Buchungs- und Gästesysteme für Ferienwohnungen, Pensionen und kleine "
            "Hotels an der Küste.",
            "Unsere Software hilft Gastgeberinnen und Gastgebern, Belegung, Anfragen und "
            "Zahlungen an einer Stelle zu verwalten.",
        ),
        (
            "Belegungskalender werden mit den großen Buchungsportalen abgeglichen, sodass keine "
            "Doppelbuchungen entstehen.",
            "Gäste buchen online, zahlen an und bekommen automatisch ihre Anreiseinformationen.",
            "Meldeschein und Kurabgabe werden digital erfasst und an die Gemeinde übermittelt.",
        ),
        "Buchungsstrecke auf der eigenen Website; Anbindung an Buchungsportale; digitaler "
        "Meldeschein; Einrichtung und Schulung",
        "Channel-Manager; PHP; Vue.js; Stripe; iCal",
        "Ferienwohnung; Belegungsplan; Doppelbuchung; Gästeanmeldung; Zimmerbuchung",
        "",
        ("Online-Buchung für eine Gemeinschaft von Ferienhöfen in {district}",),
    ),
    Capability(
        "logistics_software",
        ("software", "mobility", "maritime_digital"),
        ("logistik", "tourenplanung-flottenmanagement", "lager-intralogistik", "haefen"),
        "Software für Touren, Lager und Hof",
        (
            "Wir entwickeln Software für Speditionen, Lager und Terminals: Tourenplanung, "
            "Zeitfenster und Lagerverwaltung.",
            "Unsere Logistiksoftware plant Touren, vergibt Anlieferzeiten und zeigt jederzeit, "
            "wo Ware und Fahrzeuge gerade sind.",
        ),
        (
            "Lkw-Fahrer buchen ihr Zeitfenster selbst und bekommen eine Nachricht, wenn sich "
            "etwas verschiebt.",
            "Disponentinnen sehen auf einer Karte, welches Fahrzeug noch Platz hat und wer im "
            "Stau steht.",
            "Im Lager führt der Handscanner zum richtigen Platz, und der Bestand stimmt ohne "
            "Inventurmarathon.",
        ),
        "Tourenplanung; Zeitfenstermanagement; Lagerverwaltung; Anbindung von Telematik; "
        "Einführung im Betrieb",
        "Java; Kotlin; Kartendienste; Telematik-Schnittstellen; Handscanner; EDIFACT",
        "Disposition; Rampe; Wartezeiten am Tor; Lkw-Anmeldung; Lagerplatz; Lieferschein",
        "",
        (
            "Zeitfensterbuchung für ein Kühlhaus in {town}",
            "Lagerverwaltung für einen Baustoffhändler in {district}",
        ),
    ),
    Capability(
        "construction_bim",
        ("software", "it_consulting"),
        ("bim", "bauwesen", "digitaler-zwilling", "bau-und-ausbauhandwerk"),
        "BIM und digitale Bauplanung",
        (
            "Wir unterstützen Planungsbüros, Bauunternehmen und Bauämter beim Umstieg auf BIM, "
            "also auf das Planen und Bauen mit einem gemeinsamen 3D-Modell.",
            "Wir machen aus Bauplänen ein digitales Gebäudemodell, mit dem alle Beteiligten vom "
            "Entwurf bis zur Wartung arbeiten.",
        ),
        (
            "Bestandsgebäude erfassen wir per Laserscan und erstellen daraus ein Modell, das "
            "Hausmeister und Verwaltung weiter nutzen können.",
            "Für Architekten, Fachplaner und Handwerksbetriebe richten wir gemeinsame "
            "Datenräume ein und schulen alle Beteiligten.",
            "Kollisionen zwischen Leitungen und Trägern fallen so schon am Bildschirm auf statt "
            "auf der Baustelle.",
        ),
        "BIM-Beratung und Einführung; Laserscan und Bestandsmodell; BIM-Koordination; "
        "Schulungen; Übergabe an das Gebäudemanagement",
        "IFC; Revit; Allplan; Punktwolken; BCF; CAFM",
        "3D-Gebäudemodell; Baupläne; Bestandspläne fehlen; Bauamt; Gebäudeverwaltung",
        "",
        (
            "Bestandsmodell von sechs Schulgebäuden für eine Stadt in {district}",
            "BIM-Einführung in einem Ingenieurbüro mit 30 Beschäftigten",
        ),
    ),
    Capability(
        "low_code_forms",
        ("software", "it_consulting", "govtech"),
        ("low-code-no-code", "mobile-datenerfassung", "prozessautomatisierung"),
        "digitale Formulare und Checklisten statt Papier",
        (
            "Wir ersetzen Papierformulare, Checklisten und Prüfprotokolle durch einfache digitale "
            "Formulare auf Tablet und Smartphone.",
            "Mit Low-Code-Werkzeugen bauen wir in wenigen Tagen kleine Anwendungen, die Ihre "
            "Beschäftigten danach selbst anpassen können.",
        ),
        (
            "Ob Wareneingang, Hygienekontrolle oder Geräteprüfung: Die Daten landen sofort dort, "
            "wo sie gebraucht werden.",
            "Fotos, Unterschriften und Standort werden direkt im Formular erfasst.",
            "Wir zeigen Ihren Leuten, wie sie Formulare selbst ändern, ohne programmieren zu "
            "können.",
        ),
        "Digitalisierung von Formularen; Workshop zur Prozessaufnahme; Low-Code-Entwicklung; "
        "Schulung von Key-Usern",
        "Microsoft Power Apps; Budibase; n8n; SharePoint; Node-RED",
        "Zettelwirtschaft; Checkliste; Prüfprotokoll; Papierformular; Tablet",
        "",
        (
            "Digitale Hygienekontrolle für eine Großküche in {town}",
            "Prüfprotokolle für die Gerätewarte der Feuerwehren eines Amtes",
        ),
    ),
    Capability(
        "staff_scheduling",
        ("software", "it_consulting", "ehealth"),
        ("einsatz-und-personalplanung", "hr-software", "zeiterfassung"),
        "Dienst- und Einsatzplanung",
        (
            "Wir führen digitale Dienstplanung und Zeiterfassung ein, für Betriebe mit Schichten, "
            "Saisonkräften und vielen Teilzeitstellen.",
            "Mit unserer Planungssoftware sehen Teams, wer wann arbeitet, und tauschen Dienste "
            "per App statt per Zettel an der Pinnwand.",
        ),
        (
            "Urlaubswünsche, Krankmeldungen und Überstunden laufen an einer Stelle zusammen.",
            "Die Arbeitszeiten gehen ohne Abtippen an die Lohnabrechnung.",
            "Fällt jemand aus, schlägt das System vor, wer einspringen kann, ohne Ruhezeiten zu "
            "verletzen.",
        ),
        "Einrichtung der Dienstplanung; Anbindung an die Lohnabrechnung; Schulung der "
        "Teamleitungen; Support",
        "Schichtplanungssoftware; DATEV Lohn; Mobile App; REST-APIs",
        "Dienstplan; Schichtplan; Urlaubsplanung; Saisonkräfte; Krankmeldung; Stundenkonto",
        "",
        (
            "Dienstplanung für ein Hotel mit Restaurant auf Sylt",
            "Schichtplanung für einen Lebensmittelbetrieb mit drei Schichten",
        ),
    ),
    Capability(
        "erp_selection",
        ("it_consulting",),
        ("erp-warenwirtschaft", "it-beratung", "it-projektmanagement", "unternehmenssoftware"),
        "die Auswahl und Einführung von Warenwirtschaft und ERP",
        (
            "Wir helfen mittelständischen Betrieben, die passende Warenwirtschaft oder "
            "ERP-Software zu finden und sauber einzuführen.",
            "Wir begleiten Unternehmen herstellerunabhängig bei der Auswahl von Betriebssoftware, "
            "vom Lastenheft bis zum ersten Arbeitstag mit dem neuen System.",
        ),
        (
            "Gemeinsam schreiben wir auf, was die Software können muss, und lassen die Anbieter "
            "an Ihren echten Fällen vorführen.",
            "Bei der Einführung kümmern wir uns um Datenübernahme, Tests und Schulungen, damit "
            "der Alltag weiterläuft.",
            "Nachkalkulation und Kennzahlen richten wir gleich mit ein, damit Sie sehen, welcher "
            "Auftrag Geld verdient hat.",
        ),
        "Prozessanalyse; Lastenheft und Ausschreibung; Anbieterauswahl; Projektleitung bei der "
        "Einführung; Nachkalkulation und Controlling",
        "SAP Business One; Microsoft Dynamics 365 Business Central; proALPHA; Odoo; abas",
        "Warenwirtschaft; Betriebssoftware; Nachkalkulation; Auftragsabwicklung; Lastenheft",
        "",
        (
            "ERP-Auswahl für einen Metallbaubetrieb mit 60 Beschäftigten",
            "Einführung einer Branchensoftware bei einem Landhandel in {district}",
        ),
    ),
    Capability(
        "digital_check",
        ("it_consulting",),
        ("it-beratung", "change-management", "unternehmenssoftware"),
        "Digitalisierungs-Checks und Förderberatung für kleine Betriebe",
        (
            "Wir schauen uns mit kleinen Betrieben an, wo im Alltag Zeit verloren geht, und "
            "machen daraus einen machbaren Digitalisierungsplan.",
            "Wir beraten Handwerk, Handel und Dienstleister, welche digitalen Werkzeuge sich für "
            "sie wirklich lohnen, ganz ohne Fachchinesisch.",
        ),
        (
            "Welche Zuschüsse es gerade gibt, wissen wir, und beim Antrag helfen wir mit.",
            "Am Ende steht eine Liste mit wenigen, konkreten Schritten und passenden Anbietern "
            "aus der Region.",
            "Die Beschäftigten nehmen wir von Anfang an mit, damit neue Werkzeuge auch genutzt "
            "werden.",
        ),
        "Digitalisierungs-Check; Förderberatung; Digitalstrategie; Begleitung von "
        "Veränderungen; Workshops",
        "Prozesslandkarten; Microsoft 365; Cloud-Software",
        "Digitalisierung im Betrieb; Förderung; Zuschuss; wo anfangen; Beratung für kleine Firmen",
        "",
        (
            "Digitalisierungsplan für einen Familienbetrieb im Lebensmittelhandwerk",
            "Förderantrag und Umsetzung für eine Tischlerei in {town}",
        ),
    ),
    Capability(
        "paperless_office",
        ("it_consulting", "systemhaus"),
        ("dokumentenmanagement", "e-rechnung-buchhaltung", "elektronische-signatur"),
        "das papierlose Büro, das Archiv und die E-Rechnung",
        (
            "Wir bringen Ordnerschränke ins digitale Archiv: Eingangspost, Rechnungen und "
            "Verträge sind danach mit einem Suchbegriff gefunden.",
            "Wir führen Dokumentenmanagement und elektronische Rechnungen ein, damit Belege nicht "
            "mehr durchs Haus getragen werden.",
        ),
        (
            "Eingehende Rechnungen werden automatisch ausgelesen, zur Freigabe geschickt und an "
            "die Buchhaltung übergeben.",
            "Wir sorgen dafür, dass Sie E-Rechnungen im Format XRechnung oder ZUGFeRD schreiben "
            "und empfangen können.",
            "Aufbewahrungsfristen und revisionssichere Ablage sind von Anfang an eingeplant.",
        ),
        "DMS-Einführung; digitale Rechnungsfreigabe; E-Rechnung; Scan-Dienstleistung; Schulung",
        "ecoDMS; d.velop; ELO; DATEV Unternehmen online; XRechnung; ZUGFeRD",
        "Papierkram; Ordner; Rechnungen digital; Archiv; Belege; elektronische Rechnung",
        "",
        (
            "Digitale Rechnungsprüfung für eine Wohnungsgenossenschaft in {town}",
            "E-Rechnungen an öffentliche Auftraggeber für einen Handwerksbetrieb",
        ),
    ),
    Capability(
        "process_automation",
        ("it_consulting", "data_ai"),
        ("prozessautomatisierung", "schnittstellen-integration", "low-code-no-code"),
        "die Automatisierung wiederkehrender Büroarbeit",
        (
            "Wir automatisieren wiederkehrende Büroarbeit: Daten abtippen, Listen abgleichen, "
            "Mails sortieren.",
            "Wir finden die Handgriffe, die Ihr Team jeden Tag wiederholt, und lassen sie von "
            "Software erledigen.",
        ),
        (
            "Bestellungen aus E-Mails und PDF-Anhängen werden automatisch erkannt und in die "
            "Warenwirtschaft übernommen.",
            "Jeden Ablauf nehmen wir vorher mit dem Team auf, damit nichts Wichtiges verloren "
            "geht.",
            "Wir messen, wie viele Stunden im Monat wirklich eingespart werden.",
        ),
        "Prozessanalyse; Workflow-Automatisierung; Robotic Process Automation; Dokumentenerkennung",
        "n8n; UiPath; Power Automate; Camunda; Python",
        "abtippen; Copy-Paste; Routinearbeit; Bestellungen per E-Mail; Excel-Listen",
        "",
        (
            "Automatische Auftragserfassung für einen Getränkegroßhandel",
            "Digitaler Urlaubsantrag für eine Stadtverwaltung in {district}",
        ),
    ),
    Capability(
        "cloud_migration",
        ("it_consulting", "systemhaus", "hosting"),
        ("cloud-migration", "cloud-computing", "modern-workplace", "souveraene-cloud"),
        "den Umzug in die Cloud",
        (
            "Wir ziehen Server, Dateiablagen und Programme kleiner und mittlerer Unternehmen "
            "sicher in die Cloud.",
            "Wenn der Server im Keller in die Jahre kommt, planen wir den Umzug in die Cloud, "
            "mit Rechenzentren in Deutschland.",
        ),
        (
            "Vorher prüfen wir, welche Programme cloudfähig sind und was der Betrieb danach im "
            "Monat kostet.",
            "Umgezogen wird am Wochenende, am Montag arbeiten alle wie gewohnt weiter, nur jetzt "
            "von überall.",
            "Zugänge sichern wir mit einem zweiten Faktor ab, die Daten werden täglich gesichert.",
        ),
        "Cloud-Readiness-Check; Migration von Servern und Dateien; Einrichtung von Microsoft "
        "365; Betrieb und Monitoring",
        "Microsoft Azure; Microsoft 365; Nextcloud; AWS; Terraform; Kubernetes",
        "Server im Keller; von zu Hause arbeiten; Dateien teilen; Fernzugriff",
        "",
        (
            "Cloud-Umzug einer Steuerkanzlei mit 25 Arbeitsplätzen",
            "Nextcloud für einen Planungsverband mit Außenstellen in {district}",
        ),
    ),
    Capability(
        "it_support",
        ("systemhaus",),
        ("it-service-systemhaus", "it-support", "managed-services", "it-hardware"),
        "die IT-Betreuung kleiner Betriebe",
        (
            "Wir betreuen Computer, Drucker und Server von Betrieben, die keine eigene "
            "IT-Abteilung haben.",
            "Als IT-Dienstleister aus der Region kümmern wir uns darum, dass Rechner, Telefone "
            "und Internet einfach funktionieren.",
        ),
        (
            "Bei Problemen hilft unsere Hotline per Fernwartung, notfalls kommt noch am selben "
            "Tag jemand vorbei.",
            "Updates, Virenschutz und Datensicherung überwachen wir im Hintergrund.",
            "Neue Arbeitsplätze liefern wir fertig eingerichtet.",
            "Außenstellen und sogar Schiffe betreuen wir aus der Ferne.",
        ),
        "IT-Betreuung zum Festpreis; Fernwartung und Hotline; Beschaffung von Hardware; "
        "Einrichtung neuer Arbeitsplätze; IT-Notdienst",
        "Windows; Microsoft 365; Fernwartungssoftware; Monitoring; Firewalls",
        "Computer-Probleme; Drucker geht nicht; IT-Betreuung; jemand kümmert sich um die Rechner",
        "",
        (
            "IT-Betreuung einer Zahnarztpraxis mit zwölf Arbeitsplätzen in {town}",
            "Betreuung von 40 Arbeitsplätzen einer Reederei, an Land und an Bord",
        ),
    ),
    Capability(
        "network_wifi",
        ("systemhaus", "telecom"),
        ("netzwerke-telekommunikation", "netzwerksicherheit", "it-hardware"),
        "WLAN und Netzwerke",
        (
            "Wir planen und bauen Netzwerke und WLAN für Hotels, Campingplätze, Schulen und "
            "Betriebe mit großen Hallen.",
            "Wir sorgen dafür, dass das WLAN nicht an der Rezeption oder am Hallentor aufhört.",
        ),
        (
            "Vor dem Angebot messen wir vor Ort aus, wo Zugangspunkte hängen müssen, auch in "
            "Gebäuden mit dicken Mauern.",
            "Gäste-WLAN und Firmennetz trennen wir sauber, damit niemand an fremde Daten kommt.",
            "Telefonanlage, Kassen und Kameras hängen danach in einem Netz, das wir aus der "
            "Ferne überwachen.",
        ),
        "WLAN-Ausleuchtung; Netzwerkplanung; Gäste-WLAN; Telefonanlagen; Wartung",
        "Wi-Fi 6; UniFi; LANCOM; VLAN; VoIP",
        "WLAN; Internet in den Zimmern; schlechter Empfang im Gebäude; Telefonanlage",
        "",
        (
            "Gäste-WLAN für einen Campingplatz mit 300 Stellplätzen in {district}",
            "Netzwerk für die Werkhalle eines Maschinenbauers",
        ),
    ),
    Capability(
        "backup_workplace",
        ("systemhaus", "hosting"),
        ("datensicherung-backup", "modern-workplace", "kollaborationstools"),
        "Datensicherung und moderne Arbeitsplätze",
        (
            "Wir richten moderne Arbeitsplätze ein und sorgen dafür, dass kein Betrieb nach einem "
            "Festplattenschaden ohne Daten dasteht.",
            "Mit uns sichern kleine Unternehmen ihre Daten automatisch und arbeiten gemeinsam an "
            "Dokumenten, im Büro wie unterwegs.",
        ),
        (
            "Gesichert wird täglich in ein Rechenzentrum in Deutschland, und wir testen "
            "regelmäßig, ob sich alles zurückholen lässt.",
            "Kalender, Chats und gemeinsame Ablagen richten wir so ein, dass auch Außendienst und "
            "Homeoffice mitarbeiten können.",
            "Virenschutz und Updates für alle Geräte steuern wir zentral.",
        ),
        "Backup-Konzept; Online-Datensicherung; Einführung von Microsoft 365; Geräteverwaltung; "
        "Schulung",
        "Veeam; Microsoft 365; Intune; Nextcloud; Synology",
        "Daten sichern; Festplatte kaputt; gemeinsame Dateien; Homeoffice; E-Mail und Kalender",
    ),
    Capability(
        "hosting_sovereign",
        ("hosting",),
        ("rechenzentren-hosting", "souveraene-cloud", "cloud-computing", "energieeffiziente-it"),
        "Hosting und Cloud aus norddeutschen Rechenzentren",
        (
            "Wir betreiben Rechenzentren in Schleswig-Holstein und hosten Websites, "
            "Fachanwendungen und ganze Server für Unternehmen und Kommunen.",
            "Unsere Cloud läuft ausschließlich in deutschen Rechenzentren und wird mit Strom aus "
            "Windkraft betrieben.",
        ),
        (
            "Verwaltungen und Arztpraxen schätzen, dass ihre Daten das Land nicht verlassen.",
            "Die Abwärme unserer Server heizt Gebäude in der Nachbarschaft.",
            "Rund um die Uhr ist ein Bereitschaftsteam erreichbar.",
        ),
        "Webhosting; virtuelle Server; Colocation; Managed Kubernetes; Backup im Rechenzentrum",
        "OpenStack; Kubernetes; Proxmox; Ceph; ISO 27001",
        "Server mieten; Website hosten; Daten in Deutschland; DSGVO-konform",
        "",
        ("Hosting der Fachverfahren eines kommunalen Zweckverbands",),
    ),
    Capability(
        "security_check",
        ("security",),
        ("penetrationstests", "it-sicherheit", "netzwerksicherheit"),
        "Sicherheitschecks und Penetrationstests",
        (
            "Wir prüfen, wie leicht Angreifer in ein Firmennetz oder eine Verwaltung eindringen "
            "könnten, bevor es echte Angreifer tun.",
            "Mit einem Sicherheitscheck zeigen wir kleinen und mittleren Betrieben, wo ihre "
            "größten Lücken sind und was zuerst zu tun ist.",
        ),
        (
            "Wir testen Websites, Fernzugänge und das WLAN und erklären die Ergebnisse ohne "
            "Fachjargon.",
            "Am Ende steht eine Liste mit Maßnahmen, sortiert nach Dringlichkeit und Aufwand.",
            "Nach der Umsetzung prüfen wir nach, ob die Lücken wirklich geschlossen sind.",
        ),
        "Sicherheitscheck für KMU; Penetrationstests; Prüfung von Webanwendungen; Nachtest",
        "Nmap; Burp Suite; OWASP; Metasploit",
        "gehackt; Sicherheitslücke; Schutz vor Hackern; ist unsere IT sicher",
        "",
        (
            "Penetrationstest für das Bürgerportal eines Kreises",
            "Sicherheitscheck für eine Spedition mit 15 Standorten",
        ),
    ),
    Capability(
        "isms_nis2",
        ("security",),
        ("isms-sicherheitsberatung", "kritis-nis2", "compliance-governance"),
        "Informationssicherheit nach ISO 27001 und NIS2",
        (
            "Wir helfen Betrieben und Verwaltungen, ihre Informationssicherheit planvoll "
            "aufzustellen, nach ISO 27001 oder dem IT-Grundschutz des BSI.",
            "Wenn Kunden oder Gesetzgeber Nachweise zur IT-Sicherheit verlangen, helfen wir, die "
            "Anforderungen zu verstehen und pragmatisch zu erfüllen.",
        ),
        (
            "Zuerst klären wir, ob und wie stark die NIS2-Regeln Ihren Betrieb betreffen.",
            "Richtlinien, Notfallpläne und Nachweise schreiben wir gemeinsam mit Ihrem Team, "
            "nicht für die Schublade.",
            "Auf Wunsch übernehmen wir die Rolle des Informationssicherheitsbeauftragten.",
        ),
        "NIS2-Betroffenheitsprüfung; ISMS-Aufbau; externer Informationssicherheitsbeauftragter; "
        "Vorbereitung auf Audits; Bewertung von Lieferanten",
        "ISO 27001; BSI IT-Grundschutz; TISAX; verinice",
        "Nachweis IT-Sicherheit; Kunde verlangt Zertifikat; Fragebogen; Sicherheitskonzept",
        "",
        (
            "ISO-27001-Zertifizierung eines Hafendienstleisters",
            "Grundschutz-Check für ein Amt mit zwölf Gemeinden in {district}",
        ),
    ),
    Capability(
        "awareness",
        ("security",),
        ("security-awareness", "it-sicherheit", "it-schulungen"),
        "Schulungen gegen Phishing und Betrugsmails",
        (
            "Wir schulen Beschäftigte darin, gefälschte E-Mails, Anrufe und Rechnungen zu "
            "erkennen.",
            "Die meisten Angriffe beginnen mit einer täuschend echten E-Mail; wir trainieren "
            "Teams, genau dann stutzig zu werden.",
        ),
        (
            "Unsere Schulungen sind kurz, praktisch und auch ohne Computerkenntnisse verständlich.",
            "Mit harmlosen Test-Mails messen wir, wie die Aufmerksamkeit über die Monate wächst.",
            "Für Geschäftsführungen gibt es eine eigene Einheit zu Betrugsmaschen mit gefälschten "
            "Chefanweisungen.",
        ),
        "Präsenzschulungen; Online-Kurse; Phishing-Simulationen; Notfallübungen",
        "Lernplattform; Phishing-Simulation",
        "Phishing; gefälschte Rechnung; Betrugsmail; Mitarbeiter schulen; CEO-Fraud",
        "",
        (
            "Awareness-Programm für 300 Beschäftigte einer Kreisverwaltung",
            "Schulungstag für die Büros eines Bauunternehmens in {town}",
        ),
    ),
    Capability(
        "incident_response",
        ("security",),
        ("incident-response", "datensicherung-backup", "security-operations"),
        "Hilfe im Notfall nach Cyberangriffen",
        (
            "Wenn Bildschirme schwarz werden und Lösegeld gefordert wird, ist unser Notfallteam "
            "rund um die Uhr erreichbar.",
            "Wir helfen nach Hackerangriffen, den Betrieb schnell wieder ans Laufen zu bringen "
            "und Spuren zu sichern.",
        ),
        (
            "Vorher erstellen wir mit Ihnen einen Notfallplan, damit im Ernstfall jeder weiß, "
            "was zu tun ist.",
            "Unsere Überwachung meldet verdächtige Vorgänge, bevor Daten verschlüsselt werden.",
            "Auch die Meldung an Behörden und Versicherung begleiten wir.",
        ),
        "24/7-Notfallhotline; IT-Forensik; Wiederherstellung; Notfallplanung; "
        "Sicherheitsüberwachung",
        "EDR; SIEM; Forensik-Werkzeuge",
        "Hackerangriff; Verschlüsselungstrojaner; Lösegeld; Notfall; Cyberversicherung",
    ),
    Capability(
        "vision_quality",
        ("data_ai",),
        ("computer-vision", "qualitaetspruefung", "maschinelles-lernen", "kuenstliche-intelligenz"),
        "Bilderkennung für Prüfung und Inspektion",
        (
            "Wir bringen Kameras und Bilderkennung in die Produktion, damit Fehler auffallen, "
            "bevor die Ware das Haus verlässt.",
            "Unsere KI-Lösungen erkennen auf Fotos und Videos, was Menschen sonst mühsam mit "
            "bloßem Auge prüfen.",
        ),
        (
            "Oft reichen wenige Hundert Beispielbilder, um ein erstes Modell zu trainieren.",
            "Die Auswertung läuft direkt an der Maschine, ohne dass Bilder das Werk verlassen.",
            "Auch Luftbilder von Drohnen werten wir aus, etwa um Schäden an Dächern, Deichen "
            "oder Windrädern zu finden.",
        ),
        "Machbarkeitsstudie; Aufbau von Kamerasystemen; Training von Bilderkennungsmodellen; "
        "Integration in die Fertigung",
        "Python; PyTorch; OpenCV; YOLO; Edge-Geräte",
        "Fehler erkennen; Sichtprüfung; Kamera; Fotos auswerten; Ausschuss",
        "",
        (
            "Sichtprüfung von Schweißnähten bei einem Stahlbauer in {district}",
            "Zählung von Rastvögeln auf Luftbildern für ein Naturschutzprojekt",
        ),
    ),
    Capability(
        "forecasting",
        ("data_ai",),
        ("predictive-analytics", "data-science", "maschinelles-lernen", "business-intelligence"),
        "Prognosen für Absatz und Bedarf",
        (
            "Wir sagen mit Daten voraus, was morgen gebraucht wird: wie viel Ware, wie viele "
            "Leute, wie viel Energie.",
            "Aus Kassendaten, Wetter und Ferienkalender berechnen wir Prognosen, mit denen "
            "Betriebe weniger wegwerfen und seltener ausverkauft sind.",
        ),
        (
            "Die Vorschläge erscheinen dort, wo heute bestellt wird, etwa in der Warenwirtschaft "
            "oder in einer einfachen Tabelle.",
            "Wir starten mit den Daten, die ohnehin da sind, und zeigen nach wenigen Wochen, wie "
            "gut die Vorhersage trifft.",
            "Das Modell lernt laufend dazu und zeigt, warum es zu einer Menge rät.",
        ),
        "Datenanalyse; Absatzprognose; Personalbedarfsprognose; Dashboards",
        "Python; scikit-learn; Prophet; SQL; Power BI",
        "wegwerfen; Überproduktion; ausverkauft; Bestellmenge; Wetter; Vorhersage",
        "",
        (
            "Absatzprognose für eine Filialkette im Lebensmittelhandwerk",
            "Prognose der Besucherzahlen für ein Freizeitbad in {town}",
        ),
    ),
    Capability(
        "chatbots",
        ("data_ai",),
        ("chatbots-assistenten", "generative-ki", "sprachverarbeitung"),
        "Chatbots und KI-Assistenten",
        (
            "Wir bauen Chatbots und digitale Assistenten, die Fragen von Kunden, Gästen oder "
            "Bürgern rund um die Uhr beantworten.",
            "Wir setzen große Sprachmodelle so ein, dass sie auf Ihre eigenen Unterlagen "
            "zugreifen und verlässliche Antworten geben.",
        ),
        (
            "Die Assistenten laufen auf Wunsch auf Servern in Deutschland.",
            "Wenn der Bot nicht weiterweiß, übergibt er an einen Menschen.",
            "Auch Spracherkennung für Telefon und Diktat gehört zu unseren Projekten.",
        ),
        "Chatbot-Entwicklung; Wissensdatenbank; Telefonassistent; Spracherkennung",
        "LLM; RAG; Whisper; Python; Rasa",
        "immer dieselben Fragen; Telefon klingelt ständig; Website-Chat; Spracheingabe; diktieren",
        "",
        ("Auskunftsassistent für die Website einer Stadt in {district}",),
    ),
    Capability(
        "bi_dashboards",
        ("data_ai",),
        ("business-intelligence", "data-engineering", "datenmanagement"),
        "Dashboards und Kennzahlen",
        (
            "Wir führen Daten aus Warenwirtschaft, Buchhaltung und Maschinen zusammen und machen "
            "sie in übersichtlichen Dashboards sichtbar.",
            "Wir helfen Geschäftsführungen, ihre Zahlen jeden Morgen auf einen Blick zu sehen, "
            "statt am Monatsende fünf Excel-Dateien zusammenzukopieren.",
        ),
        (
            "Die Datenflüsse bauen wir so, dass sie ohne Handarbeit jeden Tag laufen.",
            "Kennzahlen legen wir gemeinsam fest, damit alle dasselbe darunter verstehen.",
            "Auch Berichtspflichten lassen sich so mit wenigen Klicks bedienen.",
        ),
        "Datenintegration; Dashboard-Entwicklung; Kennzahlensysteme; Schulung",
        "Power BI; Apache Superset; dbt; PostgreSQL; Airflow",
        "Zahlen auf einen Blick; Auswertung; Excel; Kennzahlen; Berichte",
    ),
    Capability(
        "ai_consulting",
        ("data_ai",),
        ("ki-beratung", "kuenstliche-intelligenz", "ki-kompetenz", "erklaerbare-ki"),
        "KI-Beratung für den Mittelstand",
        (
            "Wir zeigen kleinen und mittleren Unternehmen, wo Künstliche Intelligenz ihnen im "
            "Alltag konkret Arbeit abnimmt und wo nicht.",
        ),
        (
            "In einem halbtägigen Workshop sammeln wir mit Ihrem Team Ideen und bewerten sie "
            "nach Nutzen und Aufwand.",
            "Aus der besten Idee bauen wir in wenigen Wochen einen Prototyp.",
            "Wir erklären auch, was der AI Act der EU für Ihren Betrieb bedeutet.",
        ),
        "KI-Potenzialanalyse; Workshops; Prototypen; KI-Schulungen",
        "Sprachmodelle; Python; Open-Source-Modelle",
        "KI im Betrieb; ChatGPT; Künstliche Intelligenz; Workshop",
    ),
    Capability(
        "document_ai",
        ("data_ai",),
        ("computer-vision", "sprachverarbeitung", "prozessautomatisierung"),
        "das automatische Auslesen von Dokumenten",
        (
            "Wir lesen Lieferscheine, Rechnungen, Formulare und handschriftliche Notizen "
            "automatisch aus und übergeben die Daten an Ihre Software.",
        ),
        (
            "Auch schlecht gescannte oder mit dem Handy fotografierte Belege werden erkannt.",
            "Was die Software nicht sicher lesen kann, legt sie einer Kollegin zur Kontrolle vor, "
            "der Rest läuft automatisch.",
            "Die Erkennung lernt aus jeder Korrektur.",
        ),
        "Dokumentenerkennung; Datenextraktion; Anbindung an ERP und DMS",
        "OCR; Tesseract; Transformer-Modelle; Python",
        "abtippen; Lieferschein; handschriftlich; PDF; Formulare auslesen",
    ),
    Capability(
        "gis_geodata",
        ("data_ai", "maritime_digital", "govtech"),
        ("geodaten", "drohnen", "klimaanpassung-umweltmonitoring"),
        "Karten, Geodaten und Vermessung mit Drohnen",
        (
            "Wir verarbeiten Geodaten: Wir erstellen digitale Karten, werten Luftbilder aus und "
            "vermessen Flächen, Dächer und Deiche mit Drohnen.",
            "Wir bringen Informationen auf die Karte, für Kommunen, Landwirtschaft, Küstenschutz "
            "und Energieversorger.",
        ),
        (
            "Bauhöfe und Ämter sehen Bäume, Straßenschäden oder Leitungen auf einer Karte im "
            "Browser und auf dem Tablet.",
            "Drohnenflüge liefern in wenigen Stunden Aufmaße und Fotos, für die sonst jemand auf "
            "Leitern und Dächer steigen müsste.",
            "Aus Messdaten und Luftbildern entstehen Karten zu Starkregen, Hochwasser oder "
            "Bodenfeuchte.",
            "Daten im Gelände erfassen Ihre Leute per App, auch ohne Netz.",
        ),
        "GIS-Einführung; Drohnenvermessung; Luftbildauswertung; Kartenportale; mobile "
        "Datenerfassung",
        "QGIS; PostGIS; ArcGIS; Photogrammetrie; WMS",
        "Karte; Luftbild; vermessen; Drohne; Flächen; Standort",
        "",
        (
            "Baumkataster für eine Kleinstadt in {district}",
            "Drohnenbefliegung von Deichabschnitten an der Westküste",
            "Dachflächenvermessung für einen Solarbetrieb in {town}",
        ),
    ),
    Capability(
        "online_shop",
        ("ecommerce",),
        ("onlineshops", "online-payment", "e-commerce-und-marketing"),
        "Onlineshops für Händler und Manufakturen",
        (
            "Wir bauen Onlineshops für Fachgeschäfte, Hofläden und Manufakturen, die zusätzlich "
            "im Internet verkaufen wollen.",
            "Mit uns kommen lokale Händler ins Netz, mit einem Shop, der zum Laden passt und sich "
            "leicht pflegen lässt.",
        ),
        (
            "Bezahlen per PayPal, Karte oder auf Rechnung richten wir ebenso ein wie Versand und "
            "Abholung im Laden.",
            "Wir schulen Ihr Team, Produkte, Fotos und Preise selbst zu pflegen.",
            "Damit der Shop auch gefunden wird, kümmern wir uns um Google und Social Media.",
        ),
        "Shop-Einrichtung; Zahlungsanbindung; Produktfotos; Schulung; Shop-Betreuung",
        "Shopware; Shopify; WooCommerce; PayPal; Stripe",
        "online verkaufen; Webshop; Versand; Bestellungen übers Internet",
        "",
        (
            "Onlineshop für eine Käserei in {district}",
            "Shop für einen Spielwarenladen in {town}",
        ),
    ),
    Capability(
        "omnichannel",
        ("ecommerce",),
        ("omnichannel", "online-marktplaetze", "kassensysteme", "einzelhandel"),
        "Marktplätze, Click & Collect und vernetzte Kassen",
        (
            "Wir verbinden Ladengeschäft und Internet: Kasse, Lagerbestand, Marktplätze und "
            "Abholung im Laden greifen ineinander.",
            "Wir helfen dem Einzelhandel, auf großen und regionalen Marktplätzen zu verkaufen, "
            "ohne doppelte Arbeit.",
        ),
        (
            "Wird ein Artikel im Laden verkauft, ist er sofort auch online nicht mehr zu haben.",
            "Kundinnen reservieren online und holen die Ware am selben Tag im Geschäft ab.",
            "Neue Kassensysteme mit TSE und Kartenzahlung richten wir gleich mit ein.",
        ),
        "Marktplatzanbindung; Click & Collect; Kasseneinführung; Bestandsabgleich",
        "JTL; Kassensysteme mit TSE; Amazon Seller Central; eBay; REST-APIs",
        "Laden und online; Bestand stimmt nicht; doppelt verkauft; Reservierung; Kasse",
        "",
        ("Kasse, Lager und Marktplätze für ein Modehaus in {town}",),
    ),
    Capability(
        "websites_accessible",
        ("media_design", "agency"),
        ("webdesign", "digitale-barrierefreiheit", "ux-ui-design", "webentwicklung"),
        "barrierefreie Websites",
        (
            "Wir gestalten Websites, die auf dem Handy gut aussehen, schnell laden und auch für "
            "Menschen mit Behinderungen nutzbar sind.",
            "Wir bauen Internetauftritte für Betriebe, Vereine und Gemeinden, die sich ohne "
            "Technikkenntnisse pflegen lassen.",
        ),
        (
            "Bestehende Seiten prüfen wir auf Barrierefreiheit und beheben die Mängel, etwa für "
            "Vorleseprogramme und die Bedienung per Tastatur.",
            "Texte in Leichter Sprache gehören auf Wunsch dazu.",
            "Mehrere Standorte oder Gemeinden bekommen ein gemeinsames System mit jeweils eigenem "
            "Auftritt.",
            "Nach dem Start schulen wir das Team und bleiben für Fragen erreichbar.",
        ),
        "Webdesign; Prüfung auf Barrierefreiheit; Content-Management; Leichte Sprache; Wartung",
        "WordPress; TYPO3; Craft CMS; BITV 2.0; WCAG 2.1",
        "neue Homepage; Internetseite; Website veraltet; Barrierefreiheit; Screenreader",
        "",
        (
            "Gemeinsamer Internetauftritt für ein Amt und seine Gemeinden",
            "Barrierefreie Website eines Museums in {town}",
        ),
    ),
    Capability(
        "film_vr",
        ("media_design",),
        ("film-bewegtbild", "extended-reality", "animation-vfx", "drohnen"),
        "Filme, 360-Grad-Aufnahmen und VR-Trainings",
        (
            "Wir produzieren Imagefilme, Erklärvideos und Virtual-Reality-Trainings für "
            "Unternehmen und Einrichtungen.",
            "Wir machen komplizierte Abläufe mit Filmen, 3D-Animationen und VR-Brillen "
            "verständlich.",
        ),
        (
            "Mit VR-Trainings üben Auszubildende gefährliche Handgriffe, ohne dass etwas "
            "passieren kann.",
            "Luftaufnahmen mit der Drohne gehören ebenso dazu wie 360-Grad-Rundgänge.",
            "Recruiting-Filme zeigen Bewerberinnen und Bewerbern, wie der Arbeitsalltag wirklich "
            "aussieht.",
        ),
        "Imagefilm; Erklärvideo; VR-Training; 360-Grad-Rundgang; Drohnenaufnahmen",
        "Unreal Engine; Unity; 360-Grad-Kameras; Drohnen; VR-Brillen",
        "Video; Imagefilm; virtuelle Realität; Luftaufnahmen",
    ),
    Capability(
        "serious_games",
        ("media_design", "edtech"),
        ("serious-games", "games", "extended-reality", "e-learning"),
        "Lernspiele und Simulationen",
        (
            "Wir entwickeln Lernspiele und Simulationen, mit denen Menschen Abläufe trainieren, "
            "die man im echten Leben schlecht üben kann.",
        ),
        (
            "Ob Notfallübung, Maschinenbedienung oder Anlegemanöver: Im Spiel darf man Fehler "
            "machen.",
            "Unsere Simulationen laufen im Browser, auf dem Tablet oder mit VR-Brille.",
            "Lehrende sehen in Auswertungen, wo die Lernenden noch unsicher sind.",
        ),
        "Serious-Game-Entwicklung; Simulationen; Gamification von Lernangeboten",
        "Unity; Godot; WebGL; VR",
        "Lernspiel; Simulation; üben; spielerisch lernen",
    ),
    Capability(
        "ux_service_design",
        ("media_design",),
        ("ux-ui-design", "service-design", "digitale-barrierefreiheit"),
        "Nutzerforschung und Service Design",
        (
            "Wir finden heraus, woran Kundinnen, Bürger oder Beschäftigte bei digitalen "
            "Angeboten scheitern, und gestalten sie einfacher.",
        ),
        (
            "Dazu beobachten und befragen wir echte Nutzerinnen und Nutzer und testen Entwürfe "
            "mit ihnen.",
            "Formulare, Apps und Websites werden so verständlicher und verursachen weniger "
            "Rückfragen.",
            "Wir moderieren Design-Thinking-Workshops für Teams, die neue Angebote entwickeln.",
        ),
        "Nutzerinterviews; Usability-Tests; Service Design; Design-Thinking-Workshops; Prototyping",
        "Figma; Miro; Usability-Labor",
        "versteht keiner; zu kompliziert; Rückfragen; einfach bedienbar",
    ),
    Capability(
        "iot_sensors",
        ("iot", "greenit"),
        ("sensorik-messtechnik", "iot-funknetze", "iot-plattformen", "industrie-40-und-iot"),
        "Funksensoren für Temperatur, Füllstand und Raumluft",
        (
            "Wir statten Gebäude, Ställe, Kühlräume und Außenanlagen mit Funksensoren aus, die "
            "melden, wenn etwas aus dem Ruder läuft.",
            "Unsere Sensoren messen Temperatur, Luftqualität, Füllstände oder Pegel und schicken "
            "die Werte über LoRaWAN auf eine übersichtliche Plattform.",
        ),
        (
            "Fällt eine Kühlung aus oder steigt ein Wasserstand, kommt sofort eine SMS oder ein "
            "Anruf.",
            "Kabel muss niemand verlegen, eine Batterie reicht für Jahre.",
            "Für Kommunen betreiben wir eigene Funknetze, über die sich auch Parkplätze, "
            "Mülleimer oder Klassenräume überwachen lassen.",
            "Die Daten gehören Ihnen und bleiben in Deutschland.",
        ),
        "Sensorinstallation; LoRaWAN-Netz; Alarmierung; Dashboard; Wartung",
        "LoRaWAN; NB-IoT; The Things Stack; Grafana; MQTT",
        "Temperatur überwachen; Alarm; Kühlraum; Raumluft; Füllstand; Fernüberwachung",
        "",
        (
            "CO₂-Ampeln in 40 Klassenräumen eines Schulträgers in {district}",
            "Temperaturüberwachung der Kühlhäuser eines Fischverarbeiters",
            "Pegelmessung an Sielen für einen Deich- und Sielverband",
        ),
    ),
    Capability(
        "machine_connect",
        ("iot",),
        ("industrielle-kommunikation", "predictive-maintenance", "produktionsplanung-mes"),
        "die Vernetzung alter Maschinen und vorausschauende Wartung",
        (
            "Wir vernetzen Maschinen, auch ältere ohne Schnittstelle, und machen sichtbar, wann "
            "sie laufen, stehen oder Probleme ankündigen.",
            "Wir helfen Fertigungsbetrieben, mit Maschinendaten Stillstände zu vermeiden und "
            "Aufträge realistischer zu planen.",
        ),
        (
            "Mit nachgerüsteten Sensoren für Strom, Vibration und Temperatur erkennen wir "
            "Verschleiß, bevor etwas kaputtgeht.",
            "Auf einem Bildschirm in der Halle sieht jeder, welche Maschine gerade an welchem "
            "Auftrag arbeitet.",
            "Die tatsächlichen Laufzeiten fließen in die Nachkalkulation, damit klar ist, welcher "
            "Auftrag sich gerechnet hat.",
        ),
        "Retrofit; Maschinendatenerfassung; Zustandsüberwachung; Fertigungssteuerung; Schulung",
        "OPC UA; MQTT; Siemens S7; Node-RED; InfluxDB; Grafana",
        "Maschine steht; Stillstand; alte Maschinen; Wartung; Laufzeiten; Betriebsdaten",
        "",
        (
            "Nachrüstung von zwölf Drehmaschinen bei einem Zulieferer in {town}",
            "Zustandsüberwachung der Pumpen eines Wasserverbands",
        ),
    ),
    Capability(
        "smart_farming",
        ("iot", "data_ai"),
        ("smart-farming", "landwirtschaft", "geodaten"),
        "digitale Helfer für die Landwirtschaft",
        (
            "Wir entwickeln digitale Helfer für landwirtschaftliche Betriebe, von der "
            "Ackerschlagkartei bis zum Sensor im Stall.",
            "Wir bringen Agrartechnik, Karten und Sensoren zusammen, damit Landwirtinnen und "
            "Landwirte weniger Zeit mit Papierkram verbringen.",
        ),
        (
            "Düngung und Pflanzenschutz werden per App auf der Karte dokumentiert und liegen bei "
            "Kontrollen sofort vor.",
            "Sensoren im Stall melden Temperatur, Luftfeuchte und Futterstand aufs Handy.",
            "Daten von Traktoren, Melkrobotern und Wetterstationen binden wir an.",
        ),
        "Schlagkartei; Stall-Sensorik; Datenanbindung von Landtechnik; Beratung zu "
        "Förderprogrammen",
        "ISOBUS; LoRaWAN; QGIS; Satellitendaten; agrirouter",
        "Bauernhof; Stall; Düngung dokumentieren; Acker; Landwirt; Kühe",
        "",
        (
            "Digitale Dokumentation für eine Agrargenossenschaft mit 1.200 Hektar",
            "Stallklima-Überwachung auf einem Betrieb in {district}",
        ),
    ),
    Capability(
        "care_software",
        ("ehealth",),
        ("digitale-pflege", "pflegeeinrichtungen", "einsatz-und-personalplanung"),
        "Software für die ambulante Pflege",
        (
            "Wir entwickeln Software für ambulante Pflegedienste: Tourenplanung, Dokumentation "
            "beim Patienten und Abrechnung mit den Kassen.",
            "Mit unserer Pflege-App haben Pflegekräfte Touren, Pflegeplanung und "
            "Leistungsnachweise auf dem Smartphone dabei.",
        ),
        (
            "Fällt jemand aus, wird die Tour neu geplant, und alle sehen die Änderung sofort auf "
            "dem Handy.",
            "Patienten oder Angehörige bestätigen die erbrachten Leistungen direkt auf dem Gerät.",
            "Die Abrechnung mit Kranken- und Pflegekassen entsteht automatisch aus der "
            "Dokumentation.",
            "Die App ist so einfach, dass auch Kolleginnen ohne Computererfahrung nach einer "
            "Stunde damit arbeiten.",
        ),
        "Einführung und Schulung; Datenübernahme; Anbindung an die Abrechnung; Support",
        "Mobile App; Telematikinfrastruktur; KIM; Datenträgeraustausch",
        "Pflegedienst; Tourenplan; Pflegedokumentation; Leistungsnachweis; Pflegekräfte",
        "",
        (
            "Einführung bei einem Pflegedienst mit 60 Pflegekräften",
            "Tourenplanung für eine Sozialstation in {district}",
        ),
    ),
    Capability(
        "practice_telemedicine",
        ("ehealth",),
        ("telemedizin", "arzt-und-zahnarztpraxen", "elektronische-patientenakte"),
        "Praxissoftware und Videosprechstunden",
        (
            "Wir entwickeln Software für Arzt- und Therapiepraxen: Online-Terminbuchung, "
            "Videosprechstunde und die Anbindung an die Telematikinfrastruktur.",
        ),
        (
            "Patientinnen buchen Termine online, das Telefon in der Praxis klingelt seltener.",
            "Videosprechstunden sparen gerade auf dem Land weite Wege.",
            "E-Rezept und elektronische Patientenakte sind sauber eingebunden.",
        ),
        "Online-Terminbuchung; Videosprechstunde; Praxis-IT; Schulung des Praxisteams",
        "Telematikinfrastruktur; KIM; ePA; FHIR",
        "Arztpraxis; Termine online; Videosprechstunde; Wartezimmer; E-Rezept",
    ),
    Capability(
        "energy_monitoring",
        ("greenit", "iot"),
        ("energiemanagement", "energieeffiziente-it", "co2-bilanzierung"),
        "Energiemonitoring für Betriebe und Gebäude",
        (
            "Wir machen sichtbar, wo in Betrieben, Schulen und Rathäusern Strom und Wärme "
            "verbraucht werden, Maschine für Maschine und Raum für Raum.",
            "Mit nachgerüsteten Zählern und einer übersichtlichen Plattform finden wir die "
            "Stromfresser in Hallen, Kühlanlagen und Bürogebäuden.",
        ),
        (
            "Oft zeigt schon die erste Woche, dass Anlagen nachts und am Wochenende durchlaufen.",
            "Photovoltaik, Speicher und Verbraucher verbinden wir so, dass möglichst viel "
            "eigener Strom genutzt wird.",
            "Die Messwerte fließen direkt in Energieaudits und Nachhaltigkeitsberichte.",
        ),
        "Energiemonitoring; Lastmanagement; Unterstützung bei Energieaudits; Beratung zu "
        "Photovoltaik und Speichern",
        "Smart Meter; Modbus; MQTT; ISO 50001; Grafana",
        "Stromrechnung; Energiekosten; Verbrauch messen; Druckluft; Stromfresser",
        "",
        (
            "Energiemonitoring für einen Kunststoffverarbeiter mit drei Hallen",
            "Verbrauchsdaten von 25 kommunalen Gebäuden in {district} auf einer Plattform",
        ),
    ),
    Capability(
        "sustainability_reporting",
        ("greenit",),
        ("nachhaltigkeitsberichterstattung", "co2-bilanzierung", "nachhaltigkeit-green-it"),
        "CO₂-Bilanzen und Nachhaltigkeitsberichte",
        (
            "Wir erstellen mit Unternehmen ihre CO₂-Bilanz und den Nachhaltigkeitsbericht, den "
            "Banken und Großkunden zunehmend verlangen.",
        ),
        (
            "Die Daten holen wir weitgehend automatisch aus Buchhaltung, Fuhrpark und "
            "Energieabrechnungen.",
            "Wir erklären, welche Standards für kleine Betriebe ausreichen.",
            "Aus der Bilanz leiten wir konkrete Maßnahmen ab.",
        ),
        "CO₂-Bilanz; Nachhaltigkeitsbericht nach VSME; Datenerhebung; Maßnahmenplan",
        "GHG Protocol; VSME; ESRS",
        "Großkunde fragt nach CO₂; Bank verlangt Nachhaltigkeitsbericht; klimaneutral",
    ),
    Capability(
        "online_services",
        ("govtech",),
        ("online-verwaltungsleistungen", "interoperabilitaet-standards", "digitale-verwaltung"),
        "Online-Anträge und Terminbuchung für Verwaltungen",
        (
            "Wir digitalisieren Anträge und Termine von Ämtern, Kreisen und Städten, damit "
            "Bürgerinnen und Bürger nicht für jedes Formular ins Rathaus müssen.",
            "Unsere Verwaltungsformulare laufen im Browser, führen Schritt für Schritt durch den "
            "Antrag und landen direkt im Fachverfahren der Behörde.",
        ),
        (
            "Termine für Zulassungsstelle, Bürgerbüro oder Ausländerbehörde lassen sich online "
            "buchen, mit Erinnerung per SMS.",
            "Die Anträge sind an das Servicekonto und die Standards der Länder angebunden.",
            "Wir kennen die Abläufe in Verwaltungen und die Regeln der öffentlichen Vergabe.",
        ),
        "Online-Antragsassistenten; Terminmanagement; Anbindung an Fachverfahren; Beratung zur "
        "Beschaffung",
        "FIT-Connect; XÖV; BundID; Java",
        "Antrag online; Bürgerbüro; Termin; Formular; Warteschlange; Behördengang",
        "",
        (
            "Online-Terminvergabe für die Zulassungsstelle eines Kreises",
            "Digitaler Antrag auf Sondernutzung für eine Stadt in {district}",
        ),
    ),
    Capability(
        "citizen_participation",
        ("govtech",),
        ("digitale-buergerbeteiligung", "smart-region", "govtech"),
        "Bürgerbeteiligung und Mängelmelder",
        (
            "Wir betreiben Plattformen, über die Bürgerinnen und Bürger Ideen einbringen, Pläne "
            "kommentieren und Schäden im Ort melden.",
            "Mit unserem Mängelmelder fotografieren Einwohner kaputte Laternen, Schlaglöcher "
            "oder wilden Müll, und der Bauhof bekommt die Meldung mit Standort.",
        ),
        (
            "Beteiligung zu Bauprojekten oder zum Haushalt lässt sich online und vor Ort "
            "kombinieren.",
            "Die Verwaltung sieht alle Meldungen auf einer Karte und gibt Rückmeldung, wenn "
            "etwas erledigt ist.",
            "Die Plattform ist barrierefrei und läuft auch auf alten Smartphones.",
        ),
        "Beteiligungsplattform; Mängelmelder; Moderation von Verfahren; Auswertung für den Rat",
        "CONSUL; Open Source; Kartendienste; Progressive Web App",
        "Bürger beteiligen; Schlagloch melden; Umfrage; Ideen sammeln; Bauhof",
    ),
    Capability(
        "e_file_council",
        ("govtech",),
        ("e-akte", "dokumentenmanagement", "digitale-verwaltung"),
        "die E-Akte und den digitalen Sitzungsdienst",
        (
            "Wir führen in Verwaltungen die elektronische Akte und den digitalen "
            "Sitzungsdienst ein.",
        ),
        (
            "Gemeindevertreterinnen lesen Vorlagen auf dem Tablet statt in Papierstapeln.",
            "Vorgänge wandern digital von Schreibtisch zu Schreibtisch, mit Fristen und "
            "Vertretungen.",
            "Wir schulen die Beschäftigten in kleinen Gruppen und bleiben in der Umstellungszeit "
            "vor Ort.",
        ),
        "E-Akte-Einführung; Sitzungsdienst; Scanstrategie; Schulung",
        "XDOMEA; DMS; Ratsinformationssystem",
        "Papierakte; Sitzungsunterlagen; Vorlagen; Umlaufmappe",
    ),
    Capability(
        "elearning",
        ("edtech",),
        ("e-learning", "weiterbildung", "digitale-bildung"),
        "E-Learning und Lernplattformen",
        (
            "Wir entwickeln Online-Kurse und betreiben Lernplattformen für Betriebe, "
            "Bildungsträger und Verwaltungen.",
            "Mit uns werden Präsenzkurse zu Lernangeboten, die man auch abends, unterwegs und im "
            "eigenen Tempo nutzen kann.",
        ),
        (
            "Kurze Lernvideos, Quizze und Übungen entstehen gemeinsam mit Ihren Fachleuten.",
            "Teilnehmende bekommen am Ende ein Zertifikat, Lehrende sehen die Fortschritte.",
            "Die Plattform läuft in Deutschland und ist barrierefrei.",
        ),
        "Lernplattform; Kursproduktion; Lernvideos; Betrieb und Support",
        "Moodle; ILIAS; H5P; SCORM; BigBlueButton",
        "Online-Kurs; lernen von zu Hause; Lernplattform; Unterweisung",
        "",
        (
            "Online-Unterweisungen für ein Bauunternehmen mit wechselnden Baustellen",
            "Lernplattform für die Umschulungen eines Bildungsträgers in {town}",
        ),
    ),
    Capability(
        "digital_skills",
        ("edtech",),
        ("digitalkompetenz", "it-schulungen", "ki-kompetenz", "weiterbildung"),
        "Schulungen für digitale Grundkenntnisse und KI",
        (
            "Wir schulen Beschäftigte, die bisher wenig mit Computern zu tun hatten, im sicheren "
            "Umgang mit Tablet, E-Mail und Fachsoftware.",
            "Wir bieten praxisnahe Kurse zu Office, digitalen Werkzeugen und KI, in kleinen "
            "Gruppen, im Betrieb oder online.",
        ),
        (
            "Wir fangen dort an, wo die Leute stehen, und niemand muss sich für Fragen schämen.",
            "Schulungen im Haus richten wir nach Schichtplänen und Saisonzeiten aus.",
            "Für Führungskräfte gibt es eigene Workshops, wie man Teams durch eine Umstellung "
            "begleitet.",
        ),
        "Schulungen im Betrieb; Online-Kurse; Excel-Kurse; KI-Grundlagenkurse; Lernbegleitung",
        "Microsoft 365; Excel; Tablets",
        "Angst vor dem Computer; Tablet-Schulung; Kurs für Mitarbeiter; ältere Beschäftigte",
    ),
    Capability(
        "data_protection",
        ("legal",),
        ("datenschutz-dsgvo", "datenschutzbeauftragter", "it-recht-und-datenschutz"),
        "Datenschutzberatung und externe Datenschutzbeauftragte",
        (
            "Wir beraten Betriebe, Vereine und Praxen zum Datenschutz und stellen auf Wunsch den "
            "externen Datenschutzbeauftragten.",
            "Wir sorgen dafür, dass kleine Unternehmen die DSGVO einhalten, ohne sich in "
            "Formularen zu verlieren.",
        ),
        (
            "Wir prüfen Website, Kundenkartei und die Nutzung von Messengern und sagen klar, was "
            "erlaubt ist.",
            "Verzeichnisse, Einwilligungen und Verträge mit Dienstleistern erstellen wir "
            "gemeinsam.",
            "Für Beschäftigte gibt es kurze, verständliche Datenschutzschulungen.",
        ),
        "externer Datenschutzbeauftragter; Datenschutz-Audit; Schulungen und Vorträge; "
        "Verträge zur Auftragsverarbeitung",
        "DSGVO; BDSG; TDDDG",
        "Datenschutz; Einwilligung; Kundendaten; Abmahnung; WhatsApp im Betrieb; Fotos auf der "
        "Website; Laptop verloren",
    ),
    Capability(
        "it_contracts_law",
        ("legal",),
        ("it-vertragsrecht", "ki-recht", "oeffentliche-vergabe"),
        "IT-Verträge, Vergabe und KI-Recht",
        (
            "Wir gestalten und prüfen Verträge rund um Software, Cloud und KI, für Anbieter "
            "ebenso wie für Auftraggeber.",
        ),
        (
            "Öffentliche Auftraggeber beraten wir, wie sie kleine IT-Aufträge vergaberechtlich "
            "sauber vergeben.",
            "Wir erklären, welche Pflichten der AI Act für Anbieter und Nutzer von KI bringt.",
            "Bei Streit über Softwareprojekte vertreten wir Sie außergerichtlich und vor Gericht.",
        ),
        "Vertragsgestaltung; Vergabeberatung; KI-Compliance; Streitbeilegung",
        "",
        "Vertrag; Vergaberecht; Ausschreibung; Haftung; Lizenzen",
    ),
    Capability(
        "fibre_campus",
        ("telecom",),
        ("breitband-glasfaser", "mobilfunk-5g", "iot-funknetze", "smart-region"),
        "Glasfaser, Funknetze und Campusnetze",
        (
            "Wir bauen Glasfaser- und Funknetze im ländlichen Raum und versorgen Höfe, "
            "Gewerbegebiete und Häfen mit schnellem Internet.",
            "Wo Kabel zu teuer ist, überbrücken wir mit Richtfunk, LTE oder einem eigenen "
            "5G-Campusnetz.",
        ),
        (
            "Mit Messfahrten ermitteln wir, wo Mobilfunk wirklich ankommt und wo nicht.",
            "Für Gemeinden planen wir Förderanträge und Ausbau aus einer Hand.",
            "Auch Funknetze für Sensoren gehören zu unserem Angebot.",
        ),
        "Glasfaserausbau; Richtfunk; Campusnetze; Netzplanung; Messung der Versorgung",
        "FTTH; 5G Standalone; LTE; Richtfunk; LoRaWAN",
        "schnelles Internet; Funkloch; kein Netz; Glasfaseranschluss; Handyempfang",
    ),
    Capability(
        "on_demand_mobility",
        ("mobility",),
        ("oepnv-on-demand", "digitale-mobilitaet", "smart-region"),
        "Rufbusse und Mobilitäts-Apps für den ländlichen Raum",
        (
            "Wir entwickeln Software für Rufbusse, Bürgerbusse und Mitfahrangebote im ländlichen "
            "Raum.",
            "Unsere Mobilitäts-App bündelt Bus, Rufbus, Carsharing und Mitfahrgelegenheiten in "
            "einer Anwendung.",
        ),
        (
            "Fahrten lassen sich per App oder ganz klassisch per Telefon buchen, damit auch "
            "Ältere mitkommen.",
            "Die Software bündelt Fahrtwünsche, sodass die Fahrzeuge voll und Umwege kurz sind.",
            "Wer ehrenamtlich am Steuer sitzt, bekommt die Fahrten aufs Smartphone.",
        ),
        "Buchungsplattform; Disposition für Rufbusse; Fahrer-App; Begleitung von Pilotprojekten",
        "Routing; GTFS; Mobile App; Kartendienste",
        "Bus fährt selten; Bürgerbus; Mitfahrbank; auf dem Land mobil",
        "",
        ("Rufbus für sieben Dörfer in {district}",),
    ),
    Capability(
        "fleet_telematics",
        ("mobility",),
        ("tourenplanung-flottenmanagement", "elektromobilitaet", "logistik"),
        "Flottenmanagement und E-Mobilität",
        (
            "Wir helfen Betrieben mit Fahrzeugflotten, Touren, Ladezeiten und Kosten im Griff zu "
            "behalten, ob Diesel oder elektrisch.",
        ),
        (
            "Telematik zeigt, wo welches Fahrzeug ist und wie viel Reichweite noch bleibt.",
            "Ladepunkte auf dem Betriebshof planen wir so, dass geladen wird, wenn der Strom "
            "günstig ist.",
            "Fahrtenbücher entstehen automatisch.",
        ),
        "Telematik; Ladeinfrastruktur; Tourenplanung; Fahrtenbuch",
        "Telematik; OCPP; GPS-Ortung; Kartendienste",
        "Fuhrpark; Lieferwagen; E-Auto laden; Fahrtenbuch",
    ),
    Capability(
        "maritime_software",
        ("maritime_digital",),
        ("maritime-wirtschaft", "haefen", "digitaler-zwilling", "predictive-maintenance"),
        "Software für Reedereien, Häfen und Werften",
        (
            "Wir entwickeln Software für Reedereien, Häfen und Werften, von der Wartungsplanung "
            "an Bord bis zum digitalen Zwilling eines Terminals.",
            "Wir bringen Daten von Schiffen und Hafenanlagen zusammen, damit Technik und Planung "
            "an Land wissen, was auf See passiert.",
        ),
        (
            "Motor- und Sensordaten von Bord helfen, Wartungen zu planen, bevor etwas ausfällt.",
            "Im digitalen Zwilling eines Terminals lassen sich Abläufe ausprobieren, bevor teuer "
            "umgebaut wird.",
            "Auch kleine Reedereien nutzen unsere Lösungen, weil sie ohne große IT-Abteilung "
            "funktionieren.",
        ),
        "Wartungsplanung; Flottenüberwachung; digitale Zwillinge; Datenintegration an Bord",
        "NMEA 2000; AIS; OPC UA; Python",
        "Schiff; Hafen; Werft; Wartung an Bord; Reederei",
    ),
    Capability(
        "underwater_systems",
        ("marine_tech", "maritime_digital"),
        ("sensorik-messtechnik", "schiffbau-meerestechnik", "embedded-software"),
        "Mess- und Unterwassertechnik",
        (
            "Wir entwickeln Messsysteme und Elektronik, die unter rauen Bedingungen auf See und "
            "unter Wasser zuverlässig arbeiten.",
        ),
        (
            "Von der Platine über die Firmware bis zum wasserdichten Gehäuse kommt alles aus "
            "einer Hand.",
            "Unsere Unterwasserfahrzeuge untersuchen Kaianlagen, Rohrleitungen und Fundamente.",
            "Messdaten werden per Funk oder Satellit an Land übertragen.",
        ),
        "Elektronikentwicklung; Firmware; Unterwasserinspektion; Sonderanfertigungen",
        "Embedded C; STM32; Sonar; CAN-Bus; Iridium",
        "unter Wasser; Sensoren auf See; Messboje; Tauchroboter; Firmware",
    ),
    Capability(
        "structure_monitoring",
        ("marine_tech",),
        (
            "sensorik-messtechnik",
            "predictive-maintenance",
            "schiffbau-meerestechnik",
            "klimaanpassung-umweltmonitoring",
        ),
        "die Überwachung von Bauwerken am und im Wasser",
        (
            "Wir überwachen Kaimauern, Spundwände, Brückenpfeiler und Fundamente im Wasser mit "
            "Sensoren, Sonar und Tauchrobotern.",
            "Mit unserer Messtechnik sehen Häfen und Behörden, wie es um ihre Bauwerke unter der "
            "Wasserlinie steht, ohne jedes Mal Taucher zu schicken.",
        ),
        (
            "Fest eingebaute Sensoren melden Neigung, Bewegung und Korrosion, bevor es "
            "gefährlich wird.",
            "Sonarfahrten zeigen Auskolkungen und Schäden auch in trübem Wasser.",
            "Die Messwerte landen auf einer Plattform, die auch Nicht-Fachleute verstehen.",
        ),
        "Bauwerksüberwachung; Sonarvermessung; Inspektion mit Tauchrobotern; Messkampagnen",
        "Fächerecholot; Neigungssensoren; LoRaWAN; Grafana",
        "Kaimauer; Spundwand; unter Wasser prüfen; Taucher; Korrosion",
        "",
        ("Sonarvermessung der Liegeplätze eines Sportboothafens in {district}",),
    ),
    Capability(
        "local_marketing",
        ("agency",),
        ("social-media-marketing", "suchmaschinenmarketing", "content-marketing"),
        "Online-Marketing für lokale Betriebe",
        (
            "Wir sorgen dafür, dass Betriebe aus der Region bei Google, Instagram und Facebook "
            "gefunden werden.",
            "Für Läden, Hotels und Handwerksbetriebe übernehmen wir Social-Media-Kanäle, Fotos "
            "und Texte.",
        ),
        (
            "Wir pflegen Google-Profil, Öffnungszeiten und Bewertungen, damit Kundschaft aus der "
            "Umgebung Sie findet.",
            "Einmal im Monat besprechen wir, was gut lief, und planen die nächsten Beiträge.",
            "Wir zeigen auch, wie Sie selbst mit wenig Aufwand gute Beiträge machen.",
        ),
        "Social-Media-Betreuung; Google-Profil und SEO; Anzeigenkampagnen; Fotos und Texte",
        "Meta Business Suite; Google Ads; Google Unternehmensprofil",
        "bei Google gefunden werden; Instagram; mehr Kunden; Werbung; Bewertungen",
    ),
    Capability(
        "employer_branding",
        ("agency", "media_design"),
        ("fachkraeftegewinnung", "markenentwicklung", "social-media-marketing"),
        "Kampagnen für Auszubildende und Fachkräfte",
        (
            "Wir helfen Betrieben, Auszubildende und Fachkräfte zu finden, mit ehrlichen "
            "Geschichten aus dem Arbeitsalltag statt Hochglanzprospekten.",
            "Unsere Recruiting-Kampagnen erreichen junge Leute dort, wo sie unterwegs sind: auf "
            "TikTok, Instagram und in der Schule.",
        ),
        (
            "In kurzen Videos zeigen Ihre Azubis selbst, wie der Job wirklich ist.",
            "Die Bewerbung klappt mit wenigen Klicks am Handy, ohne Anschreiben.",
            "Auftritte auf Ausbildungsmessen und Besuche in Schulen planen wir mit.",
        ),
        "Arbeitgebermarke; Recruiting-Kampagnen; Karriereseite; Social-Media-Anzeigen; "
        "Azubi-Videos",
        "TikTok; Instagram; Bewerbermanagement",
        "keine Bewerber; Azubis finden; Fachkräftemangel; Stellenanzeige; Nachwuchs",
        "",
        ("Azubi-Kampagne für die Innungsbetriebe in {district}",),
    ),
    Capability(
        "tourism_marketing",
        ("agency",),
        ("destinationsmanagement", "tourismus", "content-marketing"),
        "Tourismusmarketing",
        (
            "Wir machen Urlaubsorte, Hotels und Ausflugsziele an Nord- und Ostsee bekannt, "
            "online, gedruckt und mit Kampagnen.",
        ),
        (
            "Wir fotografieren, schreiben und planen Anzeigen für die Zeiten, in denen noch "
            "Zimmer frei sind.",
            "Gästebefragungen zeigen, was Besucher wirklich suchen.",
            "Für Tourismusvereine betreuen wir Websites und Newsletter.",
        ),
        "Kampagnen; Fotos und Texte; Gästebefragung; Newsletter",
        "Content-Management; Newsletter-Software; Meta Business Suite",
        "Gäste gewinnen; Nebensaison; Urlaubsort bekannt machen",
    ),
]
BY_CAPABILITY = {c.key: c for c in CAPABILITIES}
# Digital kinds of firm that keep a profile; port, shipping and shipyard firms do not.
PROFILE_ARCHETYPES = {c for cap in CAPABILITIES for c in cap.archetypes}
COMPLETENESS = {"full": 45, "medium": 35, "sparse": 20}
# Not every firm has filled in its profile yet.
WITHOUT_PROFILE = 0.12
SECOND_FOCUS = 0.35
SECOND_FOCUS_SENTENCES = (
    "Daneben kümmern wir uns um {short}.",
    "Außerdem unterstützen wir rund um {short}.",
    "Gefragt sind wir auch, wenn es um {short} geht.",
)
REGION_PHRASES = {
    CompetenceProfile.RegionServed.LOCAL: "in {district} und Umgebung",
    CompetenceProfile.RegionServed.STATE: "in ganz Schleswig-Holstein",
    CompetenceProfile.RegionServed.NORTH: "in ganz Norddeutschland",
    CompetenceProfile.RegionServed.NATIONAL: "in ganz Deutschland",
    CompetenceProfile.RegionServed.INTERNATIONAL: "in Deutschland und im Ausland",
}
CLOSINGS = (
    "Von {city} aus arbeiten wir für Kundinnen und Kunden {region}.",
    "Ein erstes Gespräch ist kostenlos und unverbindlich.",
    "Kleine Betriebe sind uns genauso willkommen wie große.",
    "Wir erklären Technik so, dass man sie auch ohne IT-Studium versteht.",
    "Auf Wunsch bleiben wir nach dem Projekt feste Ansprechpartner an Ihrer Seite.",
    "Bei uns haben Sie feste Ansprechpartner statt einer wechselnden Hotline.",
    "Angebote machen wir gern zum Festpreis, damit Sie wissen, woran Sie sind.",
    "Wir fangen gern klein an und bauen aus, was sich im Alltag bewährt.",
    "Unser Team spricht die Sprache der Betriebe, nicht nur die der Technik.",
    "Wir bilden selbst aus und arbeiten eng mit den Hochschulen im Land zusammen.",
    "Ein Teil des Teams arbeitet remote, zu Terminen kommen wir trotzdem gern vorbei.",
    "Die meisten unserer Kunden sind kleine und mittlere Betriebe aus dem Norden.",
)
SMALL_CLOSING = "Wir sind {team} Leute in {city} und kommen gern persönlich vorbei."
# Only for profiles that list no references.
DISCREET_CLOSING = "Referenzen nennen wir Ihnen gern im persönlichen Gespräch."
NEAR_DENMARK = {"01001", "01054", "01059"}

# Research bodies offer partnership, students and training rather than products.
# Field (as it appears in the institute's name) -> (sentence, keywords, topics).
RESEARCH_FIELDS = {
    "Angewandte Informatik": (
        "Unsere Schwerpunkte sind Softwaretechnik, verteilte Systeme und der Weg vom "
        "Forschungsprototyp zur stabilen Anwendung.",
        "Softwaretechnik; Prototypen; Softwarequalität",
        ("software-entwicklung", "softwaretest-qualitaetssicherung", "legacy-modernisierung"),
    ),
    "Küstendaten": (
        "Wir verknüpfen Mess-, Satelliten- und Modelldaten zu Küste, Wasserständen und "
        "Sedimenten und machen sie für Behörden und Unternehmen nutzbar.",
        "Wasserstand; Küste; Satellitendaten; Messnetz",
        ("geodaten", "klimaanpassung-umweltmonitoring", "open-data"),
    ),
    "Datenwissenschaft": (
        "Wir entwickeln Verfahren des maschinellen Lernens und der Statistik und wenden sie mit "
        "Partnern aus Industrie, Gesundheit und Verwaltung an.",
        "Datenanalyse; Statistik; maschinelles Lernen; Prognose",
        ("data-science", "maschinelles-lernen", "erklaerbare-ki"),
    ),
    "Digitale Medizin": (
        "Wir erforschen digitale Versorgung: Telemedizin, Technik in der Pflege und die sichere "
        "Nutzung von Gesundheitsdaten.",
        "Pflege; Telemedizin; Versorgungsforschung",
        ("telemedizin", "digitale-pflege", "gesundheitsdaten"),
    ),
    "Cybersicherheit": (
        "Wir forschen zu sicheren Systemen, Angriffserkennung und Verschlüsselung und prüfen "
        "Systeme von Partnern auf Forschungsniveau.",
        "Angriffserkennung; Verschlüsselung; sichere Software",
        ("it-sicherheit", "kryptografie", "ot-sicherheit"),
    ),
    "Mensch-Computer-Interaktion": (
        "Wir untersuchen, wie Menschen mit Technik umgehen, und gestalten Software, "
        "Sprachsteuerung und Assistenzsysteme, die auch Ältere und Ungeübte bedienen können.",
        "Bedienbarkeit; Sprachsteuerung; Assistenzsysteme; Nutzerstudien",
        ("ux-ui-design", "digitale-barrierefreiheit", "sprachverarbeitung"),
    ),
    "Geoinformatik": (
        "Wir verarbeiten Geodaten, Luft- und Satellitenbilder und entwickeln Karten- und "
        "Analysewerkzeuge für Planung, Landwirtschaft und Umweltschutz.",
        "Karten; Luftbilder; Fernerkundung; Drohnen",
        ("geodaten", "drohnen", "smart-farming"),
    ),
    "Smarte Energiesysteme": (
        "Wir erforschen, wie Erzeugung, Speicher und Verbrauch im Stromnetz zusammenspielen, "
        "vom Einfamilienhaus bis zum Gewerbegebiet.",
        "Stromnetz; Speicher; Lastmanagement; Windstrom",
        ("energiemanagement", "windenergie", "wasserstoff"),
    ),
    "Vertrauenswürdige KI": (
        "Wir erforschen KI-Verfahren, deren Entscheidungen nachvollziehbar, fair und überprüfbar "
        "sind, und beraten zur Umsetzung des AI Act.",
        "nachvollziehbare KI; Fairness; AI Act",
        ("erklaerbare-ki", "kuenstliche-intelligenz", "ki-recht"),
    ),
    "Maritime Informatik": (
        "Wir entwickeln Software und Datenverfahren für Schifffahrt und Häfen, von der "
        "Routenplanung bis zur sicheren Kommunikation an Bord.",
        "Schifffahrt; Hafen; Routenplanung; Schiffsdaten",
        ("maritime-wirtschaft", "haefen", "digitaler-zwilling"),
    ),
    "Meerestechnik": (
        "Wir entwickeln Mess- und Unterwassertechnik und erproben sie im Versuchsbecken und auf "
        "See.",
        "Unterwassertechnik; Messtechnik; Versuchsbecken",
        ("schiffbau-meerestechnik", "sensorik-messtechnik"),
    ),
    "Küsteningenieurwesen": (
        "Wir erforschen Deiche, Sedimenttransport und Küstenschutz und verbinden Messungen vor "
        "Ort mit Modellrechnungen und Fernerkundung.",
        "Deich; Küstenschutz; Sturmflut; Fernerkundung",
        ("klimaanpassung-umweltmonitoring", "geodaten", "drohnen"),
    ),
    "Unterwasserrobotik": (
        "Wir entwickeln autonome Unterwasserfahrzeuge und Greifsysteme für Inspektion, "
        "Forschung und Einsätze auf See.",
        "Tauchroboter; Inspektion; Kaimauer; autonome Systeme",
        ("automatisierung-robotik", "schiffbau-meerestechnik", "embedded-software"),
    ),
}
INSTITUTE_OFFER = (
    "Wir forschen im Bereich {field} und arbeiten dabei eng mit Unternehmen, Kommunen und "
    "anderen Forschungseinrichtungen zusammen. {sentence} Für Betriebe aus der Region bieten "
    "wir gemeinsame Förderprojekte, Machbarkeitsstudien und Abschlussarbeiten an. Labore und "
    "Messgeräte können Partner nach Absprache mitnutzen."
)
INSTITUTE_SERVICES = (
    "Auftragsforschung; gemeinsame Förderprojekte; Machbarkeitsstudien; Abschlussarbeiten und "
    "Praktika; Weiterbildung für Fachleute"
)
UNIVERSITY_PROFILE = (
    "Wir bilden in Informatik, Wirtschaftsinformatik, Ingenieurwesen und Gestaltung aus und "
    "forschen anwendungsnah mit Unternehmen und Kommunen. Studierende bearbeiten in Projekten "
    "und Abschlussarbeiten echte Aufgaben aus Betrieben und Verwaltungen. Mit dem dualen Studium "
    "und Praxissemestern finden Arbeitgeber früh ihren Nachwuchs. Unsere Transferstelle "
    "vermittelt Ansprechpartner aus den Fachbereichen und hilft bei Förderanträgen.",
    "Praxisprojekte mit Studierenden; Abschlussarbeiten; duales Studium; Forschungskooperationen; "
    "Zertifikatskurse",
    "Studierende; Semesterprojekt; Abschlussarbeit; Praktikum; Nachwuchs; Forschungspartner",
    (
        "ausbildung-duales-studium",
        "bildung-wissenschaft",
        "kuenstliche-intelligenz",
        "data-science",
    ),
)
ACADEMY_PROFILE = (
    "Wir bieten Weiterbildungen, Umschulungen und Zertifikatskurse rund um IT, Büro und digitale "
    "Arbeit an. Viele Kurse laufen berufsbegleitend, online oder in Teilzeit. Für Betriebe "
    "entwickeln wir Schulungen nach Maß, auch direkt vor Ort. Wir beraten zu Förderungen wie dem "
    "Bildungsgutschein.",
    "Umschulungen; berufsbegleitende Weiterbildung; Schulungen im Betrieb; Online-Kurse; "
    "Beratung zu Förderung",
    "Weiterbildung; Umschulung; Kurs; Bildungsgutschein; Wiedereinstieg",
    ("weiterbildung", "it-schulungen", "e-learning", "digitalkompetenz"),
)


@dataclass(frozen=True)
class NewPerson:
    salutation: str
    first_name: str
    last_name: str
    function: str
    job_title: str
    is_public: bool = False


@dataclass(frozen=True)
class NewOrganisation:
    """A user of digital solutions the demo lacked; members only if `member_since`."""

    key: str
    name: str
    legal_form: str
    actor_type: str
    size_class: str
    employees: int
    wz_code: str
    street: str
    postcode: str
    city: str
    ags: str
    domain: str
    description: str
    topics: tuple[str, ...]
    people: tuple[NewPerson, ...]
    member_since: datetime.date | None = None


NEW_ORGANISATIONS = [
    NewOrganisation(
        "roofer",
        "Dachdeckerei Thomsen GmbH",
        "gmbh",
        BUSINESS,
        "small",
        14,
        "43.91",
        "Lollfuß 48",
        "24837",
        "Schleswig",
        "01059",
        "dachdeckerei-thomsen.example",
        "Wir decken Dächer mit Ziegel, Schiefer und Reet, seit drei Generationen in Schleswig "
        "und an der Schlei. 14 Leute, davon drei Meister und vier Auszubildende.",
        ("handwerk", "bau-und-ausbauhandwerk"),
        (
            NewPerson("mr", "Hauke", "Thomsen", "ceo", "Dachdeckermeister", is_public=True),
            NewPerson("ms", "Anke", "Thomsen", "office", "Büro"),
        ),
    ),
    NewOrganisation(
        "electrician",
        "Elektro Carstensen GmbH & Co. KG",
        "gmbh_co_kg",
        BUSINESS,
        "small",
        22,
        "43.21",
        "Norderstraße 17",
        "25813",
        "Husum",
        "01054",
        "elektro-carstensen.example",
        "Elektroinstallation, Wärmepumpen und Photovoltaik für Häuser, Höfe und Betriebe in "
        "Nordfriesland. Unser Kundendienst ist auch am Wochenende erreichbar.",
        ("handwerk", "elektro-und-shk-handwerk"),
        (
            NewPerson("mr", "Jens", "Carstensen", "ceo", "Elektromeister", is_public=True),
            NewPerson("ms", "Sabine", "Carstensen", "office", "Büroleitung"),
        ),
    ),
    NewOrganisation(
        "bakery",
        "Bäckerei Lorenzen KG",
        "kg",
        BUSINESS,
        "medium",
        58,
        "10.71",
        "Kieler Straße 12",
        "24340",
        "Eckernförde",
        "01058",
        "baeckerei-lorenzen.example",
        "Handwerksbäckerei mit neun Filialen zwischen Eckernförde und Kiel. Wir backen jede "
        "Nacht frisch und beliefern Kitas, Schulen und Kantinen.",
        ("lebensmittelhandwerk", "handwerk"),
        (
            NewPerson("ms", "Kirsten", "Lorenzen", "ceo", "Inhaberin", is_public=True),
            NewPerson("mr", "Malte", "Lorenzen", "employee", "Leitung Backstube"),
        ),
    ),
    NewOrganisation(
        "farm",
        "Milchhof Ketelsen GbR",
        "gbr",
        BUSINESS,
        "micro",
        6,
        "01.41",
        "Hauptstraße 3",
        "25899",
        "Niebüll",
        "01054",
        "milchhof-ketelsen.example",
        "Familienbetrieb mit 180 Milchkühen, Grünland und Mais hinterm Deich. Im Hofladen gibt "
        "es Milch vom Automaten, Eier und Käse.",
        ("landwirtschaft",),
        (
            NewPerson("ms", "Frauke", "Ketelsen", "ceo", "Landwirtin", is_public=True),
            NewPerson("mr", "Ole", "Ketelsen", "employee", "Landwirt"),
        ),
    ),
    NewOrganisation(
        "hotel",
        "Strandhotel Dünenblick GmbH",
        "gmbh",
        BUSINESS,
        "small",
        38,
        "55.10",
        "Strandallee 21",
        "25826",
        "Sankt Peter-Ording",
        "01054",
        "strandhotel-duenenblick.example",
        "46 Zimmer in drei Häusern direkt hinter den Dünen, mit Restaurant und Wellnessbereich. "
        "In der Saison arbeiten über 50 Menschen bei uns.",
        ("tourismus",),
        (
            NewPerson("ms", "Birte", "Hansen", "ceo", "Geschäftsführerin", is_public=True),
            NewPerson("mr", "Timo", "Jacobsen", "employee", "Empfangsleitung"),
        ),
    ),
    NewOrganisation(
        "care",
        "Pflegedienst Schwansen gGmbH",
        "ggmbh",
        BUSINESS,
        "small",
        42,
        "88.10",
        "Reeperbahn 9",
        "24340",
        "Eckernförde",
        "01058",
        "pflegedienst-schwansen.example",
        "Ambulante Pflege, Hauswirtschaft und Beratung für rund 230 Menschen zwischen "
        "Eckernförde und der Schlei.",
        ("pflegeeinrichtungen", "sozialwirtschaft"),
        (
            NewPerson("ms", "Martina", "Voß", "ceo", "Geschäftsführerin", is_public=True),
            NewPerson("mr", "Kevin", "Brandt", "employee", "Pflegedienstleitung"),
        ),
    ),
    NewOrganisation(
        "bikes",
        "Fahrradhaus Jessen e.K.",
        "sole",
        BUSINESS,
        "micro",
        8,
        "47.64",
        "Hohe Straße 30",
        "24768",
        "Rendsburg",
        "01058",
        "fahrradhaus-jessen.example",
        "Fahrräder, E-Bikes und Werkstatt in der Rendsburger Altstadt, seit 1978.",
        ("einzelhandel", "handel"),
        (NewPerson("mr", "Lars", "Jessen", "ceo", "Inhaber", is_public=True),),
    ),
    NewOrganisation(
        "metalworks",
        "Metallbau Brodersen GmbH",
        "gmbh",
        BUSINESS,
        "medium",
        64,
        "25.11",
        "Christianstraße 88",
        "24536",
        "Neumünster",
        "01004",
        "metallbau-brodersen.example",
        "Treppen, Geländer, Carports und Stahlkonstruktionen, fast immer Einzelstücke. Eigene "
        "Fertigung mit Laserschneidanlage, Abkantpressen und Schweißrobotern.",
        ("industrie-produktion", "maschinenbau"),
        (
            NewPerson("mr", "Dirk", "Brodersen", "ceo", "Geschäftsführer", is_public=True),
            NewPerson("ms", "Svenja", "Koch", "office", "Kaufmännische Leitung"),
            NewPerson("mr", "Niklas", "Petersen", "project", "Arbeitsvorbereitung"),
        ),
    ),
    NewOrganisation(
        "district",
        "Kreisverwaltung Dithmarschen",
        "public",
        PUBLIC,
        "large",
        980,
        "84.11",
        "Stettiner Straße 30",
        "25746",
        "Heide",
        "01051",
        "kreis-dithmarschen.example",
        "Die Kreisverwaltung ist für rund 130.000 Menschen zwischen Elbe und Eider da, von der "
        "Zulassungsstelle bis zum Gesundheitsamt.",
        ("oeffentliche-verwaltung", "digitale-verwaltung"),
        (
            NewPerson("ms", "Katrin", "Bruhn", "cdo", "Digitalisierungsbeauftragte", True),
            NewPerson("mr", "Thomas", "Reimers", "hr", "Leiter Personal"),
            NewPerson("ms", "Maike", "Claußen", "employee", "Fachdienst Straßenverkehr"),
        ),
        member_since=datetime.date(2026, 2, 1),
    ),
    NewOrganisation(
        "amt",
        "Amt Eider-Treene",
        "public",
        PUBLIC,
        "small",
        46,
        "84.11",
        "Am Markt 4",
        "25832",
        "Tönning",
        "01054",
        "amt-eider-treene.example",
        "Das Amt führt die Verwaltungsgeschäfte für 14 Gemeinden an Eider und Treene.",
        ("oeffentliche-verwaltung",),
        (
            NewPerson("mr", "Jan-Peter", "Sievers", "ceo", "Leitender Verwaltungsbeamter", True),
            NewPerson("ms", "Nadine", "Hinz", "employee", "Bauamt"),
        ),
        member_since=datetime.date(2026, 5, 1),
    ),
    NewOrganisation(
        "village",
        "Gemeinde Tarp",
        "public",
        PUBLIC,
        "small",
        23,
        "84.11",
        "Stapelholmer Weg 1",
        "24963",
        "Tarp",
        "01059",
        "gemeinde-tarp.example",
        "Eine Gemeinde mit rund 5.800 Einwohnerinnen und Einwohnern zwischen Flensburg und "
        "Schleswig, mit regem Vereinsleben.",
        ("oeffentliche-verwaltung", "smart-region"),
        (NewPerson("mr", "Holger", "Matthiesen", "ceo", "Bürgermeister", is_public=True),),
        member_since=datetime.date(2026, 6, 1),
    ),
]

# Organisations the demo has already, found by what they are: lookups tried in order.
EXISTING = {
    "kiel": ({"actor_type": PUBLIC, "name": "Stadt Kiel"}, {"actor_type": PUBLIC}),
    "flensburg": (
        {"actor_type": PUBLIC, "name": "Stadt Flensburg"},
        {"actor_type": PUBLIC, "name__startswith": "Stadt"},
    ),
    "zweckverband": (
        {"actor_type": PUBLIC, "name__startswith": "Zweckverband"},
        {"actor_type": PUBLIC},
    ),
    "university": (
        {"actor_type": RESEARCH, "wz_code": "85.42", "name__startswith": "Hochschule"},
        {"actor_type": RESEARCH, "wz_code": "85.42"},
    ),
    "tech_university": (
        {"actor_type": RESEARCH, "wz_code": "85.42", "name__startswith": "Technische"},
        {"actor_type": RESEARCH, "wz_code": "85.42", "name__startswith": "Fachhochschule"},
        {"actor_type": RESEARCH, "wz_code": "85.42"},
    ),
    "coast_institute": (
        {"actor_type": RESEARCH, "name__contains": "Küsteningenieur"},
        {"actor_type": RESEARCH, "name__contains": "Küste"},
        {"actor_type": RESEARCH, "wz_code": "72.19"},
    ),
    "robotics_institute": (
        {"actor_type": RESEARCH, "name__contains": "Unterwasserrobotik"},
        {"actor_type": RESEARCH, "name__contains": "Meerestechnik"},
        {"actor_type": RESEARCH, "wz_code": "72.19"},
    ),
    "academy": (
        {"actor_type": RESEARCH, "name__startswith": "Bildungswerk"},
        {"actor_type": RESEARCH, "wz_code__in": ["85.59", "85.32"]},
    ),
    "association": (
        {"actor_type": "intermediary", "name__startswith": "Unternehmensverband"},
        {"actor_type": "intermediary", "name__startswith": "Mittelstandsnetzwerk"},
    ),
    "terminal": (
        {"wz_code__in": ["52.22", "52.24"], "name__contains": "Terminal"},
        {"wz_code__in": ["52.22", "52.24"]},
    ),
    "stevedore": (
        {"wz_code__in": ["52.22", "52.24"], "name__contains": "Stauerei"},
        {"wz_code__in": ["52.22", "52.24"]},
    ),
    "shipping": (
        {"actor_type": BUSINESS, "name__startswith": "Reederei", "size_class": "small"},
        {"actor_type": BUSINESS, "name__startswith": "Reederei"},
        {"wz_code__in": ["50.20", "52.29"]},
    ),
    "boatyard": (
        {"actor_type": BUSINESS, "name__contains": "Bootswerft"},
        {"wz_code__in": ["30.11", "30.12", "33.15"]},
    ),
}

K, B, V = Need.Kind, Need.Budget, Need.Visibility


@dataclass(frozen=True)
class NeedSpec:
    """A hand-written need. `org` is a key of NEW_ORGANISATIONS or EXISTING; the author is
    the organisation's first person with one of `functions`. Days count from today."""

    key: str
    org: str
    functions: tuple[str, ...]
    title: str
    text: str
    kind: str
    budget: str
    visibility: str
    posted_days_ago: int
    deadline_in_days: int | None = None
    topics: tuple[str, ...] = ()
    cluster: str = DIGITAL["slug"]
    closed: bool = False


NEEDS = [
    NeedSpec(
        "electrician_jobs",
        "electrician",
        ("ceo",),
        "Aufträge hängen an der Magnettafel, Berichte kommen zerknittert zurück",
        "Wir sind ein Elektrobetrieb mit 22 Leuten in Husum. Die Aufträge für den Tag hängen bei "
        "uns an einer Magnettafel im Büro, und die Monteure rufen unterwegs ständig an, weil sie "
        "Adresse, Schlüssel oder Ansprechpartner nicht wissen. Abends kommen die Arbeitsberichte "
        "zerknittert zurück, manchmal auch gar nicht. Meine Frau tippt sie dann für die "
        "Rechnungen ab, und oft fehlt die Unterschrift vom Kunden oder wie viele Meter Kabel "
        "verbaut wurden. Wir hätten gern etwas fürs Handy, das auch unsere älteren Gesellen ohne "
        "Murren benutzen.",
        K.SOLUTION,
        B.UNDER_25K,
        V.MEMBERS,
        38,
        120,
        ("elektro-und-shk-handwerk",),
    ),
    NeedSpec(
        "roofer_measuring",
        "roofer",
        ("ceo",),
        "Dächer ausmessen, ohne jedes Mal hochzuklettern",
        "Für jedes Angebot steigt bei uns einer aufs Dach, misst mit dem Zollstock aus und macht "
        "Fotos. Bei alten Reetdächern, hohen Scheunen und Kirchendächern ist das gefährlich und "
        "kostet schnell einen halben Tag, den uns keiner bezahlt. Wir haben gehört, dass man "
        "Dächer inzwischen von oben fotografieren und daraus die Flächen berechnen kann. Das "
        "würden wir gern mit jemandem ausprobieren, der sich damit auskennt, am liebsten aus der "
        "Gegend.",
        K.SOLUTION,
        B.UNDER_5K,
        V.PUBLIC,
        52,
    ),
    NeedSpec(
        "roofer_apprentices",
        "roofer",
        ("ceo",),
        "Keine einzige Bewerbung auf unsere Lehrstelle",
        "Wir bilden seit über 30 Jahren Dachdecker aus. Früher kamen auf einen Aushang in der "
        "Berufsschule immer ein paar Bewerbungen, dieses Jahr nicht eine einzige. Die jungen "
        "Leute schauen wohl eher aufs Handy als ans schwarze Brett, aber wir wissen nicht, wie "
        "man sie dort erreicht. Wir suchen jemanden, der uns hilft, zwei Auszubildende und einen "
        "Gesellen zu finden, und uns zeigt, wie wir das künftig selbst hinbekommen.",
        K.SKILLED_WORKERS,
        B.UNDER_5K,
        V.MEMBERS,
        12,
        180,
        ("handwerk",),
    ),
    NeedSpec(
        "bakery_leftovers",
        "bakery",
        ("ceo",),
        "Abends bleiben Körbe voller Brötchen übrig",
        "Wir backen für neun Filialen zwischen Eckernförde und Kiel. Wie viel jede Filiale am "
        "nächsten Tag bekommt, schätzen die Filialleiterinnen jeden Nachmittag aus dem Bauch "
        "heraus. An einem Tag sind die Körnerbrötchen um elf weg, am nächsten bringen wir "
        "kistenweise Ware zur Tafel. Wetter, Ferien und Baustellen vor der Tür machen viel aus. "
        "Die Kassen zählen eigentlich jedes verkaufte Teil mit, aber mit den Zahlen macht bisher "
        "niemand etwas.",
        K.SOLUTION,
        B.UNDER_25K,
        V.MEMBERS,
        64,
        90,
        ("lebensmittelhandwerk",),
    ),
    NeedSpec(
        "bakery_invoices",
        "bakery",
        ("ceo",),
        "Die Kita will unsere Rechnungen nur noch elektronisch",
        "Wir beliefern mehrere Kitas, zwei Schulen und eine Kantine des Kreises. Jetzt heißt es, "
        "Rechnungen dürfen nicht mehr als PDF per Mail kommen, sondern nur noch in einem "
        "bestimmten elektronischen Format. Unser Buchhalter schreibt die Rechnungen bisher in "
        "Word. Wir wissen nicht, was genau verlangt wird und welches Programm das kann, ohne dass "
        "wir gleich unser ganzes Büro umstellen müssen.",
        K.SOLUTION,
        B.UNDER_5K,
        V.MEMBERS,
        9,
        45,
    ),
    NeedSpec(
        "farm_records",
        "farm",
        ("ceo",),
        "Dünge-Aufzeichnungen im Schuhkarton",
        "Wir bewirtschaften 140 Hektar Grünland und Mais und halten 180 Milchkühe. Für jede "
        "Fläche müssen wir aufschreiben, wann wir wie viel Gülle und Dünger ausgebracht haben, "
        "und das bei einer Kontrolle vorzeigen können. Bei uns steht das auf Zetteln im Trecker, "
        "in einem Kalender und im Kopf meines Mannes. Vor der letzten Kontrolle haben wir zwei "
        "Abende lang alles zusammengesucht. Gibt es etwas, wo man das gleich auf dem Feld eintippt "
        "und die Flächen auf einer Karte sieht?",
        K.SOLUTION,
        B.UNDER_5K,
        V.PUBLIC,
        30,
        None,
        ("landwirtschaft",),
    ),
    NeedSpec(
        "farm_shop",
        "farm",
        ("ceo",),
        "Hofladen an der Straße: Wir merken zu spät, wenn etwas alle ist",
        "An der Straße steht unser kleines Hofladen-Häuschen mit Milchautomat, Eiern, Käse und "
        "Kartoffeln. Bezahlt wird in eine Kasse des Vertrauens, und ob noch Milch im Tank ist, "
        "merken wir erst, wenn jemand anruft. Wir würden gern auf dem Handy sehen, was noch da "
        "ist und ob der Kühlschrank richtig kühlt. Schön wäre auch, wenn man mit Karte zahlen "
        "könnte. Vielleicht gibt es andere Höfe in der Gegend mit demselben Problem, die "
        "mitmachen wollen.",
        K.COOPERATION,
        B.UNDER_5K,
        V.MEMBERS,
        21,
    ),
    NeedSpec(
        "hotel_wifi",
        "hotel",
        ("ceo",),
        "Gäste beschweren sich über das Internet",
        "Unser Hotel hat 46 Zimmer in drei Häusern, dazu Restaurant und Wellnessbereich. Im "
        "Haupthaus geht das Internet einigermaßen, im Gartenhaus praktisch gar nicht. In fast "
        "jeder zweiten Bewertung steht inzwischen etwas über das schlechte Netz. Kassen und "
        "Zimmertelefone hängen an derselben alten Technik, und keiner weiß mehr genau, was wo "
        "eingesteckt ist. Wir brauchen jemanden, der sich das anschaut, einen Plan macht und ihn "
        "dann auch umsetzt.",
        K.SOLUTION,
        B.UNDER_25K,
        V.MEMBERS,
        150,
        None,
        ("tourismus",),
        closed=True,
    ),
    NeedSpec(
        "hotel_rota",
        "hotel",
        ("employee", "ceo"),
        "Dienstplan in Excel, Tauschwünsche per Zuruf",
        "In der Saison arbeiten bei uns über 50 Leute, viele davon Aushilfen und Saisonkräfte, "
        "im Winter nur die Hälfte. Den Dienstplan macht die Empfangsleitung in einer großen "
        "Excel-Tabelle, die ausgedruckt im Personalraum hängt. Wer tauschen will, schreibt mit "
        "Kuli drauf oder ruft an, und am Monatsende stimmen die Stunden fürs Lohnbüro nie. Wir "
        "suchen ein einfaches Programm, in dem alle ihre Dienste auf dem Handy sehen und "
        "Tauschwünsche selbst eintragen können.",
        K.SOLUTION,
        B.UNDER_5K,
        V.MEMBERS,
        17,
        100,
    ),
    NeedSpec(
        "care_rounds",
        "care",
        ("employee", "ceo"),
        "Unsere Touren werden jeden Morgen auf Papier umgeschrieben",
        "Mit 42 Pflegekräften versorgen wir rund 230 Menschen zu Hause, zwischen Eckernförde und "
        "Damp. Die Touren stehen auf ausgedruckten Listen. Ist morgens jemand krank, schreibt die "
        "Pflegedienstleitung alles mit der Hand um und telefoniert hinterher. Was beim Patienten "
        "gemacht wurde, wird abgehakt und unterschrieben, und am Monatsende tippen wir die Zettel "
        "für die Abrechnung ab. Dabei geht regelmäßig etwas verloren, und die Kolleginnen "
        "verbringen viel Zeit mit Papier statt mit den Menschen.",
        K.SOLUTION,
        B.UNDER_100K,
        V.MEMBERS,
        75,
        180,
        ("pflegeeinrichtungen",),
    ),
    NeedSpec(
        "care_tablets",
        "care",
        ("ceo",),
        "Im Team haben viele Respekt vor dem Tablet",
        "Im nächsten Jahr wollen wir auf Tablets umstellen. Ein Teil unserer Pflegekräfte ist "
        "über 55 und hat privat kaum mit Computern zu tun, einige haben Deutsch als zweite "
        "Sprache. Schon beim Wort Tablet winken manche ab. Wir suchen jemanden, der mit kleinen "
        "Gruppen geduldig übt, am besten bei uns zwischen Früh- und Spätdienst, und ohne dass "
        "sich jemand vorgeführt fühlt.",
        K.TRAINING,
        B.UNDER_5K,
        V.ANONYMOUS,
        26,
        150,
    ),
    NeedSpec(
        "bikes_stock",
        "bikes",
        ("ceo",),
        "Im Laden verkauft, im Internet noch zu haben",
        "Wir verkaufen Fahrräder und E-Bikes im Laden und seit zwei Jahren auch über unsere "
        "Website und eine große Verkaufsplattform. Die Bestände pflegen wir an drei Stellen von "
        "Hand. Letzten Monat haben wir dasselbe E-Bike zweimal verkauft, einmal an der Kasse und "
        "einmal online, und mussten uns bei einem Kunden in Bayern entschuldigen. Wir brauchen "
        "eine Lösung, bei der Kasse, Lager und Onlineverkauf immer denselben Stand haben.",
        K.SOLUTION,
        B.UNDER_25K,
        V.MEMBERS,
        160,
        None,
        ("einzelhandel",),
        closed=True,
    ),
    NeedSpec(
        "bikes_workshop",
        "bikes",
        ("ceo",),
        "Studierende gesucht: Werkstatttermine ohne Telefonmarathon",
        "Im Frühjahr ist unsere Fahrradwerkstatt drei Wochen im Voraus ausgebucht, und das "
        "Telefon klingelt den ganzen Tag. Die Termine stehen in einem Papierkalender an der "
        "Werkbank, Kunden vergessen ihren Termin oder bringen das Rad einfach so vorbei. Wir "
        "würden gern mit Studierenden ausprobieren, ob Kunden ihre Reparatur online anmelden und "
        "eine Erinnerung bekommen können. Viel Geld haben wir nicht, aber Kaffee, Werkstattluft "
        "und echte Kundschaft.",
        K.STUDENTS,
        B.UNDER_5K,
        V.PUBLIC,
        20,
        120,
    ),
    NeedSpec(
        "metal_costing",
        "metalworks",
        ("ceo",),
        "Ob ein Auftrag Geld gebracht hat, wissen wir erst Wochen später",
        "Wir bauen Treppen, Geländer, Carports und Stahlkonstruktionen, meistens Einzelstücke. "
        "Die Stunden schreiben die Kollegen auf Laufzettel, Material wird aus dem Lager genommen, "
        "ohne dass es jemand notiert. Erst wenn die Buchhaltung Wochen später alles "
        "zusammengetragen hat, sehen wir, dass wir bei manchem Auftrag draufgelegt haben. Wir "
        "möchten schon während der Arbeit sehen, wie viel Zeit und Material ein Auftrag "
        "verbraucht, und unsere Angebote dadurch besser rechnen. Unser Programm ist 15 Jahre alt.",
        K.SOLUTION,
        B.UNDER_100K,
        V.MEMBERS,
        45,
        240,
        ("industrie-produktion",),
    ),
    NeedSpec(
        "metal_breakdowns",
        "metalworks",
        ("project", "ceo"),
        "Die Laserschneidanlage fällt immer im falschen Moment aus",
        "In unserer Halle stehen eine Laserschneidanlage, zwei Abkantpressen und mehrere ältere "
        "Schweißroboter. Fällt eine davon aus, steht oft die halbe Fertigung, und wir warten "
        "Tage auf den Techniker. Hinterher sagen die Kollegen dann, dass die Maschine schon seit "
        "einer Woche komische Geräusche gemacht hat. Wir möchten früher merken, wenn sich etwas "
        "anbahnt, und überhaupt einmal sehen, wie viel die Maschinen wirklich laufen. Die älteren "
        "haben keinen Anschluss für so etwas.",
        K.SOLUTION,
        B.UNDER_100K,
        V.PUBLIC,
        33,
    ),
    NeedSpec(
        "metal_fake_invoice",
        "metalworks",
        ("office", "ceo"),
        "Beinahe eine gefälschte Rechnung bezahlt",
        "Vor drei Wochen kam eine Mail, angeblich von unserem Stahllieferanten, mit einer neuen "
        "Bankverbindung. Die Buchhaltung hätte fast 38.000 Euro überwiesen, nur ein Anruf beim "
        "Lieferanten hat das verhindert. Seitdem sind alle verunsichert, und keiner weiß, worauf "
        "man eigentlich achten muss. Wir möchten unsere Leute im Büro und in der "
        "Arbeitsvorbereitung schulen lassen, praktisch und ohne stundenlange Vorträge.",
        K.TRAINING,
        B.UNDER_5K,
        V.ANONYMOUS,
        6,
        30,
    ),
    NeedSpec(
        "terminal_queue",
        "terminal",
        ("ceo", "project"),
        "Lkw stauen sich vor unserem Tor bis auf die Straße",
        "An manchen Tagen warten morgens 30 Lastwagen vor unserem Terminal, weil alle "
        "gleichzeitig kommen. Die Fahrer stehen zwei, drei Stunden, die Anwohner beschweren sich "
        "über laufende Motoren, und nachmittags ist der Hof leer. Angemeldet wird bisher per "
        "Telefon und Fax, manche Speditionen melden sich gar nicht an. Wir möchten, dass jede "
        "Anlieferung vorher einen festen Zeitraum bekommt und die Fahrer Bescheid bekommen, wenn "
        "es am Kai länger dauert.",
        K.SOLUTION,
        B.UNDER_100K,
        V.MEMBERS,
        58,
        200,
        ("haefen",),
        cluster=MARITIME["slug"],
    ),
    NeedSpec(
        "shipping_it",
        "shipping",
        ("ceo",),
        "Wer kümmert sich um unsere Computer an Land und an Bord?",
        "Wir sind eine kleine Reederei mit fünf Küstenmotorschiffen und zwölf Leuten im Büro. "
        "Unsere IT hat bisher ein Kollege nebenbei gemacht, der im Frühjahr in Rente geht. An "
        "Bord gibt es Laptops, Internet über Satellit und Programme, die die Behörden "
        "vorschreiben. Wir suchen entweder jemanden zum Einstellen, der das übernimmt, oder eine "
        "Firma, die uns dauerhaft betreut und auch mal an Bord kommt, wenn ein Schiff in Kiel "
        "oder Rendsburg liegt.",
        K.SKILLED_WORKERS,
        B.UNKNOWN,
        V.STAFF,
        14,
        120,
        cluster=MARITIME["slug"],
    ),
    NeedSpec(
        "boatyard_winter",
        "boatyard",
        ("ceo",),
        "Winterlager-Planung als Aufgabe für Studierende",
        "Jeden Herbst holen wir rund 160 Segel- und Motorboote aus dem Wasser und stellen sie in "
        "drei Hallen und auf dem Freigelände ab. Welches Boot wohin kommt, planen wir mit "
        "Papierschnipseln auf einem Hallenplan. Im Frühjahr wollen dann alle gleichzeitig "
        "zurück ins Wasser, und oft steht das falsche Boot ganz hinten. Wir könnten uns "
        "vorstellen, dass Studierende in einem Semesterprojekt ein einfaches Werkzeug dafür "
        "entwickeln. Daten und einen Ansprechpartner stellen wir gern.",
        K.STUDENTS,
        B.UNDER_5K,
        V.PUBLIC,
        40,
        150,
        cluster=MARITIME["slug"],
    ),
    NeedSpec(
        "stevedore_security",
        "stevedore",
        ("ceo", "cio"),
        "Ein Großkunde verlangt Nachweise zu unserer IT-Sicherheit",
        "Einer unserer wichtigsten Kunden, ein Hafenbetreiber, hat uns einen langen Fragebogen "
        "zur IT-Sicherheit geschickt. Wir sollen Dinge nachweisen, von denen wir nur die Hälfte "
        "verstehen: Notfallpläne, Zugriffsrechte, Schulungen und irgendeine neue EU-Richtlinie. "
        "Wenn wir bis Ende des Quartals nichts vorlegen, könnten wir den Auftrag verlieren. Wir "
        "brauchen jemanden, der mit uns durchgeht, was davon für uns wirklich gilt, und uns "
        "hilft, das Nötige umzusetzen.",
        K.SOLUTION,
        B.UNDER_25K,
        V.ANONYMOUS,
        19,
        60,
        cluster=MARITIME["slug"],
    ),
    NeedSpec(
        "district_queue",
        "district",
        ("employee",),
        "Schlange vor der Zulassungsstelle schon vor der Öffnung",
        "Vor unserer Zulassungsstelle und der Führerscheinstelle stehen die Leute morgens um "
        "halb acht, obwohl wir erst um acht öffnen. Manche fahren über eine Stunde aus dem Süden "
        "des Kreises an und werden wieder nach Hause geschickt, weil ein Papier fehlt. Wir "
        "möchten, dass man vorher online einen Termin bucht, gleich gesagt bekommt, was "
        "mitzubringen ist, und einfache Sachen ganz ohne Besuch erledigen kann. Es muss zu "
        "unseren vorhandenen Programmen passen und rechtlich sauber beschafft werden.",
        K.SOLUTION,
        B.OVER_100K,
        V.PUBLIC,
        70,
        270,
        ("oeffentliche-verwaltung",),
    ),
    NeedSpec(
        "district_it_staff",
        "district",
        ("hr",),
        "Wir finden keine IT-Fachleute für die Kreisverwaltung",
        "Drei Stellen in unserer IT-Abteilung sind seit über einem Jahr unbesetzt, auf die "
        "letzte Ausschreibung kamen zwei Bewerbungen. Bei den Gehältern in Hamburg können wir "
        "nicht mithalten, aber wir bieten sichere Arbeitsplätze, Homeoffice und sinnvolle "
        "Aufgaben. Wir würden gern mit Hochschulen über ein duales Studium oder Praxissemester "
        "zusammenarbeiten und suchen Ideen, wie wir bei jungen IT-Leuten überhaupt bekannt "
        "werden.",
        K.SKILLED_WORKERS,
        B.UNDER_25K,
        V.PUBLIC,
        48,
    ),
    NeedSpec(
        "district_dead_spots",
        "district",
        ("cdo",),
        "Wo im Kreis gibt es wirklich kein Handynetz?",
        "Aus vielen Dörfern hören wir, dass man dort nicht telefonieren kann, auch Pflegedienste "
        "und Feuerwehr klagen darüber. Die Karten der Netzbetreiber sehen dagegen fast überall "
        "gut aus. Wir möchten einmal unabhängig erfassen lassen, wo es Lücken gibt, zum Beispiel "
        "mit Messgeräten auf Müllwagen oder Bussen, und das auf einer Karte darstellen. Damit "
        "wollen wir mit den Netzbetreibern und dem Land reden. Firmen und Hochschulen sind als "
        "Partner gleichermaßen willkommen.",
        K.COOPERATION,
        B.UNDER_100K,
        V.PUBLIC,
        24,
        180,
    ),
    NeedSpec(
        "amt_reports",
        "amt",
        ("employee",),
        "Schäden im Ort werden per Zuruf gemeldet",
        "Unser Amt verwaltet 14 Gemeinden. Ist eine Straßenlaterne kaputt, klappert ein "
        "Gullydeckel oder hat jemand Sperrmüll in den Knick gekippt, ruft jemand im Amt an, "
        "spricht den Bürgermeister beim Bäcker an oder schreibt auf Facebook. Der "
        "Gemeindearbeiter bekommt das auf einem Zettel, oft doppelt oder gar nicht. Wir hätten "
        "gern eine einfache Möglichkeit, so etwas mit Foto und Ort zu melden, und für uns eine "
        "Übersicht, was schon erledigt ist.",
        K.SOLUTION,
        B.UNDER_25K,
        V.PUBLIC,
        35,
        120,
    ),
    NeedSpec(
        "amt_websites",
        "amt",
        ("ceo",),
        "Vierzehn Gemeinde-Homepages, keine ist auf dem neuesten Stand",
        "Jede unserer Gemeinden hat eine eigene Homepage. Manche hat ein Gemeindevertreter vor "
        "fünfzehn Jahren gebastelt, eine betreut eine Firma, die es nicht mehr gibt. "
        "Öffnungszeiten und Satzungen stimmen oft nicht, auf dem Handy kann man sie kaum lesen, "
        "und wer sich die Seiten vorlesen lassen muss, kommt gar nicht zurecht. Wir möchten einen "
        "gemeinsamen Auftritt für Amt und Gemeinden, den unsere Mitarbeitenden selbst pflegen "
        "können und der die Vorgaben zur Barrierefreiheit erfüllt.",
        K.SOLUTION,
        B.UNDER_25K,
        V.PUBLIC,
        11,
        200,
    ),
    NeedSpec(
        "village_transport",
        "village",
        ("ceo",),
        "Ohne Auto kommt man bei uns kaum zum Arzt",
        "Der Bus fährt bei uns morgens und mittags, am Wochenende gar nicht. Viele ältere "
        "Menschen fahren nicht mehr selbst und sind auf Nachbarn angewiesen, um zum Arzt oder "
        "zum Einkaufen in die Stadt zu kommen. Ein paar Ehrenamtliche würden fahren, und wir "
        "überlegen, ob ein Bürgerbus oder eine Art Rufbus helfen könnte. Wir suchen jemanden, "
        "der so etwas schon in anderen Dörfern aufgebaut hat, auch mit der Frage, wie die Leute "
        "eine Fahrt bestellen.",
        K.SOLUTION,
        B.UNDER_25K,
        V.PUBLIC,
        28,
    ),
    NeedSpec(
        "village_hall",
        "village",
        ("ceo",),
        "Wer hat den Schlüssel für die Sporthalle?",
        "Unsere Sporthalle, das Dörpshus und zwei Gemeinderäume werden von Vereinen, Chören und "
        "Familien genutzt. Die Belegung steht in einem Kalender im Rathaus, die Schlüssel gehen "
        "von Hand zu Hand, und ungefähr einmal im Monat ist einer verschwunden. Manchmal stehen "
        "zwei Gruppen gleichzeitig vor der Tür. Wir stellen uns vor, dass man freie Zeiten online "
        "sieht, bucht und die Tür dann mit dem Handy oder einer Karte öffnet.",
        K.SOLUTION,
        B.UNDER_25K,
        V.MEMBERS,
        7,
    ),
    NeedSpec(
        "kiel_classrooms",
        "kiel",
        ("cdo", "project"),
        "Stickige Luft in den Klassenzimmern",
        "In vielen unserer Schulen klagen Lehrkräfte und Eltern über schlechte Luft, "
        "Kopfschmerzen und Müdigkeit am Nachmittag. In manchen Räumen ist es im Sommer über 30 "
        "Grad warm, in anderen wird im Winter bei offenem Fenster geheizt. Welche Räume wirklich "
        "betroffen sind, wissen wir aber nicht. Wir möchten in mehreren Schulen messen, wie sich "
        "Luft und Temperatur über den Tag entwickeln, und Hausmeistern und Lehrkräften einfach "
        "anzeigen, wann gelüftet werden sollte. Die Daten sollen auch bei der Planung von "
        "Sanierungen helfen.",
        K.SOLUTION,
        B.OVER_100K,
        V.PUBLIC,
        90,
        240,
    ),
    NeedSpec(
        "flensburg_participation",
        "flensburg",
        ("cdo", "project"),
        "Mitreden beim neuen Hafenquartier, auch ohne Abendtermin",
        "Wir planen ein neues Quartier am Hafen mit Wohnungen, Grünflächen und Platz für "
        "Gewerbe. Zu unseren Infoabenden kommen immer dieselben, meist ältere Menschen, während "
        "Familien, Studierende und Leute aus dem Schichtdienst fehlen. Wir möchten, dass man sich "
        "die Pläne auch online anschauen, kommentieren und eigene Ideen auf einer Karte "
        "eintragen kann. Die Ergebnisse müssen wir dem Rat später nachvollziehbar vorlegen.",
        K.SOLUTION,
        B.UNDER_100K,
        V.PUBLIC,
        42,
        150,
    ),
    NeedSpec(
        "zweckverband_procurement",
        "zweckverband",
        ("cdo", "project"),
        "Kleine Software einkaufen, ohne gegen das Vergaberecht zu verstoßen",
        "Unsere Mitgliedsgemeinden fragen uns ständig, ob sie eine bestimmte kleine Software "
        "einfach kaufen dürfen oder ob sie ausschreiben müssen. Bei ein paar Tausend Euro im "
        "Jahr lohnt sich kein großes Verfahren, und regionale Anbieter kennen die Formalitäten "
        "oft nicht. Wir hätten gern eine verständliche Anleitung oder Beratung, wie man in "
        "solchen Fällen rechtssicher vorgeht, und möchten das zuerst mit dem Clustermanagement "
        "besprechen, bevor wir es öffentlich machen.",
        K.SOLUTION,
        B.UNDER_5K,
        V.STAFF,
        5,
    ),
    NeedSpec(
        "university_voice_care",
        "university",
        ("research",),
        "Forschungspartner: Pflege dokumentieren, ohne zu tippen",
        "Wir sind ein Team aus Pflegewissenschaft und Informatik und wollen untersuchen, ob "
        "Pflegekräfte ihre Dokumentation künftig einfach einsprechen können, statt am Ende der "
        "Schicht alles einzutippen. Für einen Förderantrag suchen wir eine Softwarefirma, die "
        "sich mit Spracherkennung auskennt, und einen Pflegedienst oder ein Heim, das die "
        "Erprobung mitmacht. Das Projekt soll drei Jahre laufen, der Antrag muss im Frühjahr "
        "eingereicht werden.",
        K.RESEARCH,
        B.OVER_100K,
        V.PUBLIC,
        22,
        100,
    ),
    NeedSpec(
        "tech_university_rotor_blades",
        "tech_university",
        ("research",),
        "Partner für Drohnenflüge an Windrädern gesucht",
        "In einem Forschungsprojekt wollen wir herausfinden, wie sich Schäden an Rotorblättern "
        "früh erkennen lassen, ohne dass Industriekletterer am Seil hängen müssen. Mit der "
        "Auswertung von Bildern kennen wir uns aus, aber wir haben keine eigene Drohne mit "
        "Genehmigung für solche Flüge. Gesucht sind eine Firma für die Drohnenflüge und ein "
        "Windparkbetreiber, der uns an seine Anlagen lässt.",
        K.RESEARCH,
        B.UNDER_100K,
        V.PUBLIC,
        16,
        120,
        ("windenergie",),
    ),
    NeedSpec(
        "coast_dike_photos",
        "coast_institute",
        ("research",),
        "Tausende Fotos von Deichen, aber keine Zeit zum Durchsehen",
        "Bei der Deichschau und nach Sturmfluten entstehen entlang der Westküste tausende Fotos. "
        "Darauf sieht man Abbrüche, Wühlmauslöcher oder Stellen, an denen die Grasnarbe fehlt. "
        "Bisher schaut sich das jemand Bild für Bild an. Wir möchten gemeinsam mit einer Firma "
        "herausfinden, ob ein Computer die auffälligen Stellen selbst erkennen und auf einer "
        "Karte markieren kann. Für ein erstes Projekt gibt es Geld aus einem Landesprogramm.",
        K.RESEARCH,
        B.UNDER_100K,
        V.MEMBERS,
        55,
        90,
    ),
    NeedSpec(
        "robotics_software",
        "robotics_institute",
        ("research",),
        "Unsere Forschungssoftware soll ein Produkt werden",
        "In den letzten Jahren haben wir einen kleinen Tauchroboter entwickelt, der Kaimauern und "
        "Spundwände untersucht. Die Software dafür haben Doktoranden über die Jahre geschrieben, "
        "und sie läuft nur, wenn einer von ihnen daneben sitzt. Zwei Häfen möchten das System "
        "jetzt regelmäßig einsetzen. Wir suchen eine Firma, die mit uns den Code aufräumt, "
        "testet und so aufbereitet, dass auch andere damit arbeiten können, gern als "
        "längerfristige Partnerschaft.",
        K.COOPERATION,
        B.UNDER_100K,
        V.MEMBERS,
        67,
    ),
    NeedSpec(
        "academy_returners",
        "academy",
        ("ceo", "board", "project"),
        "Kurse für Wiedereinsteigerinnen sollen auch abends und online laufen",
        "Wir bieten Kurse für Frauen an, die nach der Familienzeit wieder in den Beruf "
        "einsteigen, etwa im Büro oder in der Verwaltung. Viele können tagsüber nicht, weil "
        "Kinder betreut werden müssen, und auf dem Land fährt abends kein Bus. Einen Teil der "
        "Kurse möchten wir so umbauen, dass man ihn zu Hause am Computer oder Handy machen kann, "
        "mit kurzen Videos, Übungen und regelmäßigen Online-Treffen. Bisher fehlen uns dafür die "
        "Technik und die Erfahrung.",
        K.SOLUTION,
        B.UNDER_25K,
        V.PUBLIC,
        31,
        160,
    ),
    NeedSpec(
        "association_privacy",
        "association",
        ("board", "project", "ceo"),
        "Unsere Mitgliedsbetriebe fragen: Dürfen wir das überhaupt?",
        "Als Unternehmensverband bekommen wir von kleinen Betrieben immer wieder dieselben "
        "Fragen: Darf der Chef die Dienstpläne in eine WhatsApp-Gruppe stellen? Muss das Foto "
        "einer Kundin von der Website runter? Was passiert, wenn ein Laptop mit Kundendaten "
        "verloren geht? Wir möchten für unsere Mitglieder eine Veranstaltungsreihe mit "
        "verständlichen Antworten anbieten und suchen dafür Fachleute, die das praxisnah "
        "erklären, gern mit einer Sprechstunde danach.",
        K.TRAINING,
        B.UNDER_5K,
        V.MEMBERS,
        13,
        75,
    ),
]


@dataclass(frozen=True)
class ContactSpec:
    """A provider with `capability` as its main focus answered `need`."""

    need: str
    capability: str
    status: str
    message: str
    days_after_posting: int
    decided_after_days: int = 0


S = Contact.Status
CONTACTS = [
    ContactSpec(
        "electrician_jobs",
        "time_tracking_trades",
        S.ACCEPTED,
        "Unsere App läuft bei mehreren Elektro- und SHK-Betrieben, auch mit Kolleginnen und "
        "Kollegen über 60. Gern zeigen wir sie Ihnen in Husum an zwei echten Aufträgen.",
        3,
        4,
    ),
    ContactSpec(
        "electrician_jobs",
        "time_tracking_trades",
        S.INTERESTED,
        "Das klingt sehr nach dem, was wir jeden Tag lösen. Passt Ihnen ein Telefonat nächste "
        "Woche?",
        9,
    ),
    ContactSpec(
        "electrician_jobs",
        "low_code_forms",
        S.DECLINED,
        "Wir könnten Ihnen einen digitalen Arbeitsbericht als Formular bauen.",
        5,
        6,
    ),
    ContactSpec(
        "bikes_stock",
        "omnichannel",
        S.COOPERATION,
        "Genau diesen Abgleich zwischen Kasse, Lager und Marktplatz richten wir regelmäßig für "
        "Fahrradhändler ein. Wir würden vorbeikommen und uns Ihre Kasse ansehen.",
        2,
        5,
    ),
    ContactSpec(
        "bikes_stock",
        "erp_integration",
        S.DECLINED,
        "Wir bauen Schnittstellen zwischen Warenwirtschaft und Shop und hätten Interesse.",
        6,
        8,
    ),
    ContactSpec(
        "bakery_leftovers",
        "forecasting",
        S.ACCEPTED,
        "Mit den Kassendaten der letzten zwei Jahre und dem Wetter lässt sich meist schnell "
        "zeigen, wie viel weniger übrig bliebe. Wir würden mit zwei Filialen anfangen.",
        4,
        3,
    ),
    ContactSpec(
        "district_queue",
        "online_services",
        S.INTERESTED,
        "Unsere Terminbuchung läuft bereits in zwei Zulassungsstellen und ist über einen "
        "Rahmenvertrag beschaffbar.",
        8,
    ),
    ContactSpec(
        "farm_records",
        "smart_farming",
        S.INTERESTED,
        "Unsere Schlagkartei läuft auf dem Handy, auch ohne Netz auf dem Feld. Wir zeigen sie "
        "Ihnen gern auf dem Hof.",
        5,
    ),
    ContactSpec(
        "care_rounds",
        "care_software",
        S.COOPERATION,
        "Wir haben mehrere Pflegedienste in Ihrer Größe von Papier auf unsere App umgestellt und "
        "würden Ihnen gern einen Dienst zeigen, der das vor einem Jahr gemacht hat.",
        6,
        10,
    ),
    ContactSpec(
        "care_rounds",
        "staff_scheduling",
        S.INTERESTED,
        "Für den Teil Dienstplanung und Ausfälle hätten wir eine Lösung.",
        12,
    ),
    ContactSpec(
        "kiel_classrooms",
        "iot_sensors",
        S.ACCEPTED,
        "Wir haben Funksensoren für Raumluft und Temperatur in Schulen im Einsatz und betreiben "
        "das Funknetz dafür gleich mit.",
        10,
        7,
    ),
    ContactSpec(
        "kiel_classrooms",
        "energy_monitoring",
        S.INTERESTED,
        "Wenn Sie ohnehin messen, lohnt ein Blick auf den Heizenergieverbrauch derselben Räume.",
        15,
    ),
    ContactSpec(
        "stevedore_security",
        "isms_nis2",
        S.INTERESTED,
        "Solche Fragebögen von Hafenbetreibern kennen wir gut. Wir würden mit Ihnen in einem "
        "halben Tag klären, was davon für Sie wirklich gilt.",
        3,
    ),
    ContactSpec(
        "hotel_wifi",
        "network_wifi",
        S.COOPERATION,
        "Wir messen gern einmal alle drei Häuser aus und machen Ihnen danach einen Vorschlag.",
        4,
        6,
    ),
    ContactSpec(
        "coast_dike_photos",
        "vision_quality",
        S.ACCEPTED,
        "Wir werten bereits Luftbilder von Deichen aus und hätten Lust auf ein gemeinsames "
        "Projekt.",
        7,
        5,
    ),
    ContactSpec(
        "roofer_measuring",
        "gis_geodata",
        S.INTERESTED,
        "Wir vermessen Dächer mit der Drohne, auch Reetdächer. Ein Probeflug bei Ihnen in der "
        "Nähe wäre möglich.",
        6,
    ),
]
