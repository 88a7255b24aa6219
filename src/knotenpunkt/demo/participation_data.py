"""The content of the county's digitalisation-strategy process in the demo: board cards,
brainwriting sheets, measures, citizens' proposals and the expert survey.

German content, written by hand; it is demo data and not translated. `participation.py`
feeds it through the participation services.
"""

from dataclasses import dataclass, field

TITLE = "Digitalstrategie Kreis Dithmarschen 2035"
SUMMARY = (
    "Wie arbeitet, lernt und wirtschaftet Dithmarschen im Jahr 2035? Unternehmen, "
    "Hochschule, Verwaltung und Bürgerschaft erarbeiten gemeinsam die Digitalstrategie "
    "des Kreises."
)
DESCRIPTION = """\
Der Kreis Dithmarschen erarbeitet seine **Digitalstrategie bis 2035** – nicht am
Schreibtisch, sondern mit den Menschen, die sie umsetzen und von ihr profitieren sollen.

1. In einer **Zukunftswerkstatt** haben Fachleute aus Betrieben, Hochschule, Kammern und
   Verwaltung eine Vision, gemeinsame Werte und Ziele formuliert.
2. Im **Brainwriting** sind in vier Themengruppen rund hundert Ideen entstanden.
3. Daraus ist eine **Maßnahmentabelle** geworden: bewertet nach Mehrwert und Machbarkeit,
   geordnet in Handlungsfelder und Missionen.
4. Jetzt sind Sie gefragt: Im **Bürgerdialog** können alle Vorschläge machen, kommentieren
   und unterstützen; eine **Expertenbefragung** prüft die Maßnahmen in zwei Runden.

Der Kreistag berät die Strategie im Anschluss. Was aus Ihren Vorschlägen geworden ist,
lesen Sie jeweils beim Vorschlag.
"""

# Phases: (key, title, module, first day, last day — in days from the demo's today,
# description).
PHASES = [
    (
        "board",
        "Zukunftswerkstatt: Vision, Werte und Ziele",
        "board",
        -134,
        -134,
        "Workshop im Kreishaus in Heide mit 15 Fachleuten aus der Region.",
    ),
    (
        "brainwriting",
        "Brainwriting in vier Themengruppen",
        "brainwriting",
        -133,
        -133,
        "Fünf Runden zu je fünf Minuten: Jede Person schreibt eine Idee, gibt das Blatt "
        "weiter und ergänzt die Ideen der anderen.",
    ),
    (
        "measures",
        "Maßnahmen bewerten und priorisieren",
        "measures",
        -120,
        -92,
        "Die Ideen wurden zu Maßnahmen ausgearbeitet und von den Teilnehmenden nach "
        "Mehrwert und Machbarkeit bewertet.",
    ),
    (
        "survey",
        "Expertenbefragung (Delphi)",
        "survey",
        -50,
        21,
        "Fachleute schätzen die Maßnahmen in zwei Runden ein; in der zweiten Runde sehen "
        "sie die Ergebnisse der ersten.",
    ),
    (
        "dialogue",
        "Bürgerdialog: Ihre Ideen für ein digitales Dithmarschen",
        "dialogue",
        -21,
        28,
        "Machen Sie Vorschläge, kommentieren und unterstützen Sie die Ideen anderer.",
    ),
    (
        "evaluation",
        "Auswertung und Beratung im Kreistag",
        "evaluation",
        35,
        70,
        "Die Ergebnisse werden zusammengefasst und dem Kreistag zur Beratung vorgelegt.",
    ),
]

# --- workshop board -------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    key: str
    text: str
    weight: int = 1  # how attractive the card is to the voters
    duplicate_of: str = ""  # merged into that card before the voting
    title: str = ""  # goals: the short title of the process goal it becomes
    hidden_reason: str = ""


BOARD_PROMPTS = {
    "vision": "Wie sieht die Wirtschaft in Dithmarschen im Jahr 2035 aus?",
    "values": "Welche Werte leiten uns auf dem Weg dorthin?",
    "goals": "Welche Ziele soll die Digitalstrategie bis 2030 erreichen?",
}
# How many cards of each column the workshop adopts (those with the most dots).
BOARD_ADOPTED = {"vision": 1, "values": 3, "goals": 5}

BOARD_CARDS = {
    "vision": [
        Card(
            "energy-coast",
            "2035 ist Dithmarschen die digitale Energieküste: Windstrom, Daten und Handwerk "
            "machen die Westküste zur stärksten Wirtschaftsregion im Norden.",
            weight=7,
        ),
        Card(
            "online-office",
            "Wer hier lebt, erledigt jeden Behördengang online – und spricht trotzdem mit "
            "einem Menschen, wenn es nötig ist.",
            weight=3,
        ),
        Card(
            "talent",
            "Junge Fachkräfte ziehen nach Dithmarschen, weil man hier mit Glasfaser hinterm "
            "Deich arbeiten kann.",
            weight=3,
        ),
        Card(
            "every-business",
            "Jeder Betrieb im Kreis, vom Hof bis zur Werft, nutzt digitale Werkzeuge "
            "selbstverständlich.",
            weight=2,
        ),
        Card(
            "living-lab",
            "Die Region ist Reallabor: Neues für Energie, Mobilität und Tourismus wird hier "
            "zuerst ausprobiert.",
            weight=2,
        ),
        Card(
            "villages",
            "Die Dörfer bleiben lebendig, weil Arbeit, Einkauf und Arzttermin auch digital "
            "erreichbar sind.",
            weight=2,
        ),
        Card(
            "talent-2",
            "Fachkräfte kommen gern: schnelles Internet an der Nordsee statt täglich "
            "pendeln in die Stadt.",
            duplicate_of="talent",
        ),
        Card(
            "every-business-2",
            "Auch kleine Betriebe und die Landwirtschaft sind 2035 digital gut aufgestellt.",
            duplicate_of="every-business",
        ),
    ],
    "values": [
        Card(
            "together",
            "Gemeinsam statt nebeneinander: Kreis, Ämter, Wirtschaft und Hochschule ziehen an "
            "einem Strang.",
            weight=6,
        ),
        Card(
            "open",
            "Offenheit: Wir teilen Daten und Wissen, wo immer es geht.",
            weight=5,
        ),
        Card(
            "nobody-left-behind",
            "Niemand wird abgehängt: Digitale Angebote sind barrierefrei, und es gibt immer "
            "einen Weg ohne Internet.",
            weight=5,
        ),
        Card("courage", "Mut zum Ausprobieren – auch wenn mal etwas scheitert.", weight=2),
        Card(
            "sustainable",
            "Nachhaltig: Digitalisierung soll Energie und Wege sparen, nicht verschwenden.",
            weight=2,
        ),
        Card(
            "security",
            "Datenschutz und IT-Sicherheit sind kein Hindernis, sondern ein Qualitätsmerkmal.",
            weight=2,
        ),
        Card(
            "down-to-earth",
            "Bodenständig bleiben: lieber ein Werkzeug, das funktioniert, als zehn Pilotprojekte.",
            weight=1,
        ),
        Card(
            "together-2",
            "Verwaltung und Unternehmen handeln als Partner auf Augenhöhe.",
            duplicate_of="together",
        ),
    ],
    "goals": [
        Card(
            "administration",
            "Bis 2030 sind alle wichtigen Leistungen der Kreisverwaltung für Unternehmen und "
            "Bürger online nutzbar.",
            weight=6,
            title="Verwaltungsleistungen online",
        ),
        Card(
            "skilled-workers",
            "Mehr junge Menschen bleiben nach Ausbildung und Studium im Kreis oder kommen zurück.",
            weight=6,
            title="Fachkräfte gewinnen und halten",
        ),
        Card(
            "gigabit",
            "Jeder Haushalt und jedes Gewerbegebiet hat Zugang zu Glasfaser; entlang der "
            "Straßen gibt es lückenlosen Mobilfunk.",
            weight=6,
            title="Glasfaser und Mobilfunk in der Fläche",
        ),
        Card(
            "smes",
            "Kleine und mittlere Betriebe finden im Kreis eine Anlaufstelle, die sie bei "
            "Digitalisierungsprojekten berät und vernetzt.",
            weight=5,
            title="Betriebe bei der Digitalisierung begleiten",
        ),
        Card(
            "data",
            "Daten von Kreis und Kommunen stehen offen bereit und werden für neue Angebote "
            "genutzt.",
            weight=5,
            title="Offene Daten als Standortvorteil",
        ),
        Card(
            "tourism",
            "Gäste planen und buchen ihren Aufenthalt an der Dithmarscher Küste durchgehend "
            "digital.",
            weight=2,
            title="Tourismus digital stärken",
        ),
        Card(
            "coworking",
            "In jedem Amt gibt es mindestens einen Coworking-Ort.",
            weight=2,
            title="Neue Arbeitsorte auf dem Land",
        ),
        Card(
            "coworking-2",
            "Coworking-Räume in allen Ämtern einrichten.",
            duplicate_of="coworking",
        ),
        Card(
            "parking",
            "Mehr Parkplätze am Kreishaus in Heide.",
            hidden_reason=(
                "Kein Thema der Digitalstrategie; an das Gebäudemanagement weitergegeben."
            ),
        ),
    ],
}

# --- brainwriting ---------------------------------------------------------------------------

# Each group: its topic, how many people sit at it, and more sheets than seats (the seed
# picks which ones were written). A sheet is five ideas, one per round, each building on
# the ones before it.
BRAINWRITING_GROUPS = [
    (
        "Digitale Verwaltung & Wirtschaftsförderung",
        5,
        [
            [
                "Ein Unternehmensportal des Kreises: Gewerbeanmeldung, Bauantrag und "
                "Fördermittel mit einem einzigen Zugang.",
                "Dazu eine Statusanzeige wie bei der Paketverfolgung, damit Betriebe sehen, "
                "wo ihr Antrag gerade liegt.",
                "Und pro Vorgang eine feste Ansprechperson, die im Portal mit Namen und "
                "Durchwahl steht.",
                "Die Ämter könnten dasselbe Portal nutzen – dann muss niemand wissen, ob der "
                "Kreis oder das Amt zuständig ist.",
                "Mit den drei häufigsten Verfahren anfangen und nach einem halben Jahr mit den "
                "Nutzern auswerten, was fehlt.",
            ],
            [
                "Ein Fördermittel-Lotse im Netz: ein kurzer Online-Check, welche "
                "Förderprogramme für mein Vorhaben in Frage kommen.",
                "Der Check sollte auch Programme von Land, Bund und EU kennen, nicht nur die "
                "des Kreises.",
                "Als Ergebnis ein PDF mit Fristen, das man direkt mit der Wirtschaftsförderung "
                "besprechen kann.",
                "Für alle, die lieber persönlich fragen: einmal im Monat eine Sprechstunde "
                "vor Ort in den Ämtern.",
                "Die Anfragen anonym auswerten – so sieht der Kreis, wo Förderlücken sind.",
            ],
            [
                "Offene Daten: Gewerbeflächen, Baugebiete und Breitbandausbau als Karte im Netz.",
                "Die Karte mit freien Immobilien der Gemeinden verknüpfen, damit Gründerinnen "
                "und Gründer schneller etwas finden.",
                "Eine offene Schnittstelle, damit Makler und Start-ups die Daten "
                "weiterverwenden dürfen.",
                "Einmal im Jahr ein Open-Data-Tag mit der Hochschule, an dem Studierende "
                "Anwendungen bauen.",
                "Die beste Anwendung übernimmt der Kreis auf seine Website.",
            ],
            [
                "Digitale Vergabe und E-Rechnung so erklären, dass auch kleine "
                "Handwerksbetriebe mitbieten.",
                "Kurze Videoanleitungen: „In fünf Schritten zum ersten Angebot auf der "
                "Vergabeplattform“.",
                "Aufträge in kleinere Lose teilen, damit regionale Firmen eine Chance haben.",
                "Zweimal im Jahr ein Bieterstammtisch, bei dem die Vergabestelle kommende "
                "Ausschreibungen vorstellt.",
                "Die Termine gemeinsam mit der Kreishandwerkerschaft bewerben.",
            ],
            [
                "Beschäftigte der Verwaltung zu Digitallotsen ausbilden, die Kolleginnen und "
                "Kollegen bei neuen Verfahren helfen.",
                "In jedem Fachdienst mindestens eine Lotsin oder ein Lotse, mit festem "
                "Zeitanteil dafür.",
                "Die Lotsen treffen sich monatlich und erzählen, was in anderen Ämtern gut "
                "funktioniert.",
                "Auch Hospitationen in Betrieben, die schon papierlos arbeiten.",
                "Erfolge sichtbar machen, etwa eingesparte Wege und Bearbeitungstage im "
                "Jahresbericht.",
            ],
            [
                "Ein Chat auf der Website des Kreises, der einfache Fragen zu Zuständigkeiten "
                "und Öffnungszeiten beantwortet.",
                "Aber immer mit Übergabe an einen Menschen, wenn der Chat nicht weiterweiß.",
                "Fragen, die oft kommen, landen als Vorschlag in den häufigen Fragen der Website.",
                "Auch in Leichter Sprache und auf Englisch, für zugezogene Fachkräfte.",
                "Vorher mit einer kleinen Gruppe aus Bürgerinnen, Bürgern und Betrieben testen.",
            ],
        ],
    ),
    (
        "Fachkräfte & Bildung",
        4,
        [
            [
                "Eine Kreis-IT-Schule: ein Ausbildungsverbund, in dem mehrere kleine Betriebe "
                "gemeinsam Fachinformatikerinnen und Fachinformatiker ausbilden.",
                "Der Berufsschulunterricht bleibt in Heide, die Praxisphasen wechseln zwischen "
                "den Betrieben.",
                "Der Kreis übernimmt die Koordination und die Prüfungsvorbereitung.",
                "Offen auch für Quereinsteiger, zum Beispiel aus Handwerk und Landwirtschaft.",
                "Ein Stipendium für Azubis, die danach mindestens zwei Jahre im Kreis bleiben.",
            ],
            [
                "Ein Wissensspeicher: kurze Videoanleitungen von Betrieben für Betriebe, "
                "kommentiert und in einem Wiki gesammelt.",
                "Themen wie „Datensicherung im Kleinbetrieb“ oder „Online-Terminbuchung "
                "einrichten“.",
                "Jedes Video bekommt Stichworte und eine Ansprechperson für Rückfragen.",
                "Schülerinnen und Schüler aus Medienkursen könnten beim Drehen helfen.",
                "Die Volkshochschule nimmt die Videos in ihre Kurse auf.",
            ],
            [
                "Eine Börse für Weiterbildung: Betriebe bieten freie Plätze in ihren internen "
                "Schulungen anderen Betrieben an.",
                "Moderiert von der Wirtschaftsförderung, damit Angebot und Bedarf zusammenpassen.",
                "Abgerechnet über einen einfachen Bildungsgutschein des Kreises.",
                "Die Börse zeigt nebenbei, welche Kompetenzen es im Kreis schon gibt.",
                "Daraus entsteht jedes Jahr ein kleiner Weiterbildungsbericht für die Region.",
            ],
            [
                "Digitale Berufsorientierung: Betriebe stellen sich in Schulen mit "
                "360-Grad-Videos vor.",
                "Dazu ein Praxistag pro Halbjahr, an dem Klassen IT-Betriebe besuchen.",
                "Den Bus dafür organisiert der Kreis, damit es nicht an der Anfahrt scheitert.",
                "Auch die Eltern einbeziehen: ein Infoabend zu IT-Berufen auf dem Land.",
                "Ehemalige Schülerinnen und Schüler erzählen als Botschafter von ihrem Weg.",
            ],
            [
                "Ein Rückkehrer-Programm für alle, die zum Studium aus Dithmarschen "
                "weggegangen sind.",
                "Ein Newsletter mit Stellen, Wohnungen und Coworking-Plätzen in der Heimat.",
                "Ein Treffen zwischen den Feiertagen, wenn ohnehin viele zu Besuch sind.",
                "Betriebe stellen dort Stellen vor, die auch hybrid oder aus der Ferne gehen.",
                "Hilfe bei der Jobsuche auch für die Partnerin oder den Partner.",
            ],
            [
                "Fortbildungen zur Digitalkompetenz für Lehrkräfte direkt an den Schulen statt "
                "in Kiel.",
                "IT-Fachleute aus Betrieben unterrichten einzelne Module als Gäste.",
                "Die Betriebe bekommen dafür die Auszeichnung „Bildungspartner Digital“.",
                "Eine gemeinsame Geräteausleihe, damit Schulen teure Technik erst einmal "
                "testen können.",
                "Die Ausleihe auch für Vereine und Jugendzentren öffnen.",
            ],
        ],
    ),
    (
        "Infrastruktur & Breitband",
        6,
        [
            [
                "Ein Funklochmelder: Bürgerinnen und Bürger melden fehlenden Empfang per App.",
                "Die Meldungen gehen gebündelt an die Netzbetreiber und die Bundesnetzagentur.",
                "Die Karte öffentlich machen, damit alle sehen, was sich tut.",
                "Auch Rettungsdienst und Feuerwehr einbinden – sie wissen genau, wo es hakt.",
                "Damit kann der Kreis gezielt eigene Flächen für neue Masten anbieten.",
            ],
            [
                "Glasfaser zuerst in die Gewerbegebiete, dann in die letzten Einzellagen.",
                "Bei jeder Straßenbaustelle gleich Leerrohre mitverlegen.",
                "Ein gemeinsames Baustellenverzeichnis, damit die Versorger ihre Arbeiten "
                "abstimmen.",
                "Die Zweckverbände der Ämter sollten sich dafür zusammentun.",
                "Einmal im Jahr einen Bericht zum Ausbaustand je Amt veröffentlichen.",
            ],
            [
                "Ein Coworking-Pilot in drei Orten, zum Beispiel in leeren Ladenlokalen in den "
                "Ortskernen.",
                "Gebucht per App, geöffnet mit einer digitalen Schließanlage.",
                "Dazu ein kleines Café oder der Dorfladen nebenan, damit Leben in den Ort kommt.",
                "Nach einem Jahr auswerten, wer die Räume nutzt und ob sie sich tragen.",
                "Gut laufende Standorte zu einem Netz mit gemeinsamer Mitgliedschaft verbinden.",
            ],
            [
                "Öffentliches WLAN an Bahnhöfen, Häfen und in den Badeorten an der Küste.",
                "Eine einheitliche Anmeldung, damit Gäste sich nur einmal registrieren.",
                "Die Startseite kann auf Veranstaltungen und Angebote in der Nähe hinweisen.",
                "Teilweise über die Kurabgabe finanziert, weil es den Gästen direkt nützt.",
                "Datensparsam betrieben: keine Bewegungsprofile, nur anonyme Nutzungszahlen.",
            ],
            [
                "Sensoren für Straßenzustand und Verkehr auf den Kreisstraßen, die Daten offen "
                "für alle.",
                "Zuerst auf den Strecken zu den Häfen und Industriegebieten mit viel Lkw-Verkehr.",
                "Über LoRaWAN, weil es wenig Energie braucht und große Flächen abdeckt.",
                "Das Funknetz auch der Landwirtschaft anbieten, etwa für Bodenfeuchte-Sensoren.",
                "Die Hochschule könnte den Betrieb wissenschaftlich begleiten.",
            ],
            [
                "Ein Rufbus für die Dörfer, den man per App oder Telefon bestellt.",
                "Mit den Zügen verknüpft, damit der Bus auf einen verspäteten Anschluss wartet.",
                "Die Fahrtdaten helfen, die Linien besser zu planen.",
                "Für ältere Menschen weiter Buchung per Telefon und Bezahlung im Bus.",
                "Zusammen mit dem Nachbarkreis ausschreiben, um Kosten zu sparen.",
            ],
        ],
    ),
    (
        "Innovation & Unternehmen",
        5,
        [
            [
                "Eine Austauschplattform, auf der Firmen und Institutionen Digitalthemen "
                "besprechen und Fragen stellen.",
                "Mit moderierten Themenräumen, etwa IT-Sicherheit, KI im Betrieb, Onlinehandel.",
                "Firmen bieten dort auch Schulungen für andere an, betriebsübergreifend.",
                "Einmal im Quartal ein Treffen vor Ort, damit man sich auch persönlich kennt.",
                "Die Plattform mit dem Digitalcluster des Landes verbinden, statt etwas Eigenes "
                "daneben zu bauen.",
            ],
            [
                "Ein Reallabor Energie: Betriebe erproben, was sich mit überschüssigem "
                "Windstrom anfangen lässt, etwa Wasserstoff oder Rechenzentren.",
                "Die Erzeugungsdaten der Windparks in Echtzeit nutzbar machen, um Lasten zu "
                "verschieben.",
                "Start-ups aus ganz Deutschland einladen, ihre Lösungen hier zu testen.",
                "Eine Stelle im Kreis, die Genehmigungen für Pilotprojekte beschleunigt.",
                "Die Ergebnisse jedes Jahr auf einem Innovationstag an der Westküste zeigen.",
            ],
            [
                "Ein Digital-Check für kleine Betriebe: in einem halben Tag sehen, wo sich "
                "Digitalisierung lohnt.",
                "Durchgeführt von regionalen IT-Firmen, bezahlt mit einem Gutschein des Kreises.",
                "Danach ein Fahrplan mit drei konkreten Schritten statt eines dicken Berichts.",
                "Nach sechs Monaten nachfragen, was umgesetzt wurde.",
                "Die anonymen Ergebnisse zeigen, welche Themen im Kreis am meisten gebraucht "
                "werden.",
            ],
            [
                "Ein Tourismusportal, über das Gäste Unterkunft, Wattführung und Fahrradverleih "
                "zusammen buchen.",
                "Kleine Vermieter ohne eigene Website bekommen dort eine einfache Buchungsseite.",
                "Eine Schnittstelle zum Landesportal, damit niemand doppelt pflegen muss.",
                "Die Auslastungsdaten helfen Gastronomie und Busverkehr bei der Planung.",
                "Auch Angebote für Einheimische aufnehmen: Hofläden, Veranstaltungen, "
                "Vereinssport.",
            ],
            [
                "Ein Gründungsstipendium „Westküste digital“ für Teams, die mit einer digitalen "
                "Idee hierherziehen.",
                "Mit einem kostenlosen Platz im Coworking und Mentoring durch erfahrene "
                "Unternehmerinnen und Unternehmer.",
                "Die Mentoren kommen aus den Betrieben des Kreises, nicht nur aus der IT.",
                "Am Ende ein Demo-Tag, an dem Investoren und Betriebe die Ideen sehen.",
                "Wer bleibt, bekommt im zweiten Jahr Hilfe bei Förderanträgen und Personalsuche.",
            ],
            [
                "Ein gemeinsamer IT-Sicherheitsdienst für kleine Betriebe, die sich keine "
                "eigene IT-Abteilung leisten können.",
                "Zum Beispiel als Genossenschaft mehrerer Betriebe mit einem regionalen "
                "Systemhaus.",
                "Dazu einmal im Jahr eine Übung, in der ein Angriff durchgespielt wird.",
                "Und ein Notfalltelefon, das rund um die Uhr erreichbar ist.",
                "Der Kreis könnte als erster Kunde einsteigen, damit sich das Angebot trägt.",
            ],
        ],
    ),
]

# --- measures table -------------------------------------------------------------------------

FIELDS_OF_ACTION = [
    "Digitale Verwaltung & Wirtschaftsförderung",
    "Fachkräfte & Bildung",
    "Infrastruktur & Breitband",
    "Innovation & Unternehmen",
]

# (key, title, fields of action by index, cross-cutting, description)
MISSIONS = [
    (
        "services",
        "Verwaltungsleistungen für Unternehmen digital anbieten",
        [0],
        False,
        "Betriebe erledigen ihre Anliegen beim Kreis online, schnell und nachvollziehbar.",
    ),
    (
        "one-stop",
        "Die Wirtschaftsförderung als digitale Anlaufstelle",
        [0],
        False,
        "Eine Stelle, die Förderung, Beratung und Kontakte bündelt.",
    ),
    (
        "apprentices",
        "Nachwuchs für digitale Berufe in der Region ausbilden",
        [1],
        False,
        "",
    ),
    (
        "training",
        "Weiterbildung betriebsübergreifend organisieren",
        [1],
        False,
        "Kleine Betriebe teilen Schulungen und Wissen, statt jeder für sich.",
    ),
    (
        "networks",
        "Gigabit und Mobilfunk in der Fläche",
        [2],
        False,
        "",
    ),
    (
        "rural-work",
        "Arbeiten und Wohnen auf dem Land",
        [2],
        False,
        "Gute Arbeitsorte und Wege auch außerhalb der Städte.",
    ),
    (
        "smes",
        "Kleine und mittlere Unternehmen digital stärken",
        [3],
        False,
        "",
    ),
    (
        "living-lab",
        "Die Westküste als Reallabor",
        [3],
        False,
        "Neue Anwendungen für Energie und Daten werden hier zuerst erprobt.",
    ),
    (
        "open-data",
        "Offene Daten und Datenkompetenz",
        [0, 2, 3],
        True,
        "Querschnittsthema: Daten des Kreises werden offen bereitgestellt, und Verwaltung "
        "wie Betriebe lernen, sie zu nutzen.",
    ),
]


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    title: str
    mission: str
    description: str
    goals: tuple[str, ...]
    horizon: str  # short / medium / long
    years: int  # target year: the demo's year plus this
    success_criteria: str
    owner: str
    owner_organisation: str  # county / research / association / it-firm / coworking / ""
    # (the owner is then the role or team within that organisation)
    cost: str | None
    value: float  # how the workshop sees it: mean value and feasibility (1-5)
    feasibility: float
    status: str = "idea"
    origin: str = "workshop"


MEASURES = [
    MeasureSpec(
        "portal",
        "Unternehmensportal des Kreises",
        "services",
        "Ein Zugang für Gewerbeanmeldung, Bauanträge und Förderanträge, mit Statusanzeige "
        "und einer festen Ansprechperson je Vorgang. Die Ämter schließen sich an.",
        ("administration", "smes"),
        "medium",
        3,
        "Die zehn häufigsten Verfahren sind online; 60 % der Anträge kommen digital; die "
        "mittlere Bearbeitungszeit sinkt um ein Viertel.",
        "Fachdienst Digitalisierung",
        "county",
        "450000",
        4.6,
        2.6,
        status="planned",
    ),
    MeasureSpec(
        "procurement",
        "Digitale Vergabe für regionale Betriebe",
        "services",
        "Videoanleitungen zur Vergabeplattform und zur E-Rechnung, kleinere Lose und "
        "zweimal im Jahr ein Bieterstammtisch mit der Kreishandwerkerschaft.",
        ("smes",),
        "short",
        1,
        "Doppelt so viele Angebote von Betrieben aus dem Kreis innerhalb von zwei Jahren.",
        "Zentrale Vergabestelle",
        "county",
        "25000",
        3.4,
        4.3,
    ),
    MeasureSpec(
        "pilots",
        "Digitallotsen in der Kreisverwaltung",
        "services",
        "In jedem Fachdienst eine geschulte Lotsin oder ein Lotse mit festem Zeitanteil; "
        "monatlicher Austausch und Hospitationen in Betrieben.",
        ("administration",),
        "short",
        1,
        "40 Lotsinnen und Lotsen ausgebildet; jede neue Online-Leistung wird von ihnen begleitet.",
        "Personal und Organisation",
        "county",
        "60000",
        3.5,
        4.4,
        status="planned",
    ),
    MeasureSpec(
        "vehicle-registration",
        "Online-Terminvergabe der Kfz-Zulassungsstelle",
        "services",
        "Termine für die Zulassungsstelle werden online vergeben; seit diesem Jahr auch "
        "vollständige Online-Zulassung.",
        ("administration",),
        "short",
        0,
        "Wartezeit in der Zulassungsstelle unter 15 Minuten.",
        "Fachdienst Straßenverkehr",
        "county",
        "18000",
        3.0,
        4.8,
        status="implemented",
        origin="imported",
    ),
    MeasureSpec(
        "funding-guide",
        "Fördermittel-Lotse online",
        "one-stop",
        "Ein Online-Check zeigt, welche Förderprogramme von Kreis, Land, Bund und EU in "
        "Frage kommen; dazu monatliche Sprechstunden in den Ämtern.",
        ("smes",),
        "short",
        1,
        "500 Checks im ersten Jahr; jede dritte Anfrage führt zu einem Beratungsgespräch.",
        "Wirtschaftsförderung",
        "county",
        "40000",
        3.8,
        4.0,
    ),
    MeasureSpec(
        "it-school",
        "Ausbildungsverbund Kreis-IT-Schule",
        "apprentices",
        "Mehrere kleine Betriebe bilden gemeinsam Fachinformatikerinnen und Fachinformatiker "
        "aus; der Kreis koordiniert, die Berufsschule in Heide unterrichtet. Offen für "
        "Quereinsteiger.",
        ("skilled-workers",),
        "medium",
        3,
        "Jedes Jahr 15 Ausbildungsplätze im Verbund; 80 % der Absolventinnen und Absolventen "
        "bleiben mindestens zwei Jahre im Kreis.",
        "Wirtschaftsförderung mit den Berufsbildenden Schulen",
        "county",
        "180000",
        4.5,
        2.7,
    ),
    MeasureSpec(
        "returners",
        "Rückkehrer-Netzwerk „Heimvorteil Dithmarschen“",
        "apprentices",
        "Ein Newsletter mit Stellen, Wohnungen und Coworking-Plätzen, ein Treffen zwischen "
        "den Feiertagen und Hilfe bei der Jobsuche für Partnerinnen und Partner.",
        ("skilled-workers",),
        "short",
        1,
        "300 Abonnentinnen und Abonnenten; 20 Rückkehrende im Jahr über das Netzwerk.",
        "Wirtschaftsförderung",
        "county",
        "30000",
        3.9,
        4.5,
    ),
    MeasureSpec(
        "training-exchange",
        "Weiterbildungsbörse der Betriebe",
        "training",
        "Betriebe bieten freie Plätze in ihren Schulungen anderen an; die "
        "Wirtschaftsförderung moderiert, ein Bildungsgutschein des Kreises rechnet ab.",
        ("skilled-workers", "smes"),
        "short",
        2,
        "50 beteiligte Betriebe; 200 vermittelte Schulungsplätze im Jahr.",
        "Geschäftsstelle",
        "association",
        "70000",
        3.7,
        3.6,
    ),
    MeasureSpec(
        "knowledge-store",
        "Wissensspeicher mit Videoanleitungen",
        "training",
        "Kurze, kommentierte Videoanleitungen von Betrieben für Betriebe in einem Wiki; die "
        "Volkshochschule nutzt sie in ihren Kursen.",
        ("smes",),
        "short",
        1,
        "100 Videos und 5.000 Abrufe im ersten Jahr.",
        "Volkshochschule",
        "",
        "35000",
        2.8,
        4.2,
    ),
    MeasureSpec(
        "fibre-business-parks",
        "Glasfaser zuerst in die Gewerbegebiete",
        "networks",
        "Gewerbegebiete werden vor den letzten Einzellagen angeschlossen; bei jeder "
        "Straßenbaustelle werden Leerrohre mitverlegt; die Versorger stimmen sich über ein "
        "gemeinsames Baustellenverzeichnis ab.",
        ("gigabit",),
        "medium",
        4,
        "Alle 24 Gewerbegebiete mit Glasfaser; Leerrohre bei jeder Baustelle an Kreisstraßen.",
        "Breitbandkoordination",
        "county",
        "2400000",
        4.8,
        2.4,
        status="planned",
        origin="imported",
    ),
    MeasureSpec(
        "white-spots",
        "Breitbandausbau in den weißen Flecken",
        "networks",
        "Mit Förderung von Bund und Land wurden die Adressen ohne 30 Mbit/s angeschlossen.",
        ("gigabit",),
        "short",
        0,
        "Keine Adresse im Kreis unter 30 Mbit/s.",
        "Breitbandkoordination",
        "county",
        "3100000",
        4.2,
        3.9,
        status="implemented",
        origin="imported",
    ),
    MeasureSpec(
        "dead-spots",
        "Funklochmelder und Flächen für Mobilfunkmasten",
        "networks",
        "Bürgerinnen und Bürger melden Funklöcher per App; der Kreis bündelt die Meldungen "
        "für die Netzbetreiber und bietet eigene Flächen für neue Masten an.",
        ("gigabit",),
        "short",
        2,
        "2.000 Meldungen im ersten Jahr; fünf neue Masten auf Flächen des Kreises.",
        "Fachdienst Geoinformation",
        "county",
        "45000",
        4.0,
        3.9,
    ),
    MeasureSpec(
        "coworking",
        "Coworking-Pilot in drei Ortskernen",
        "rural-work",
        "Coworking in leeren Ladenlokalen oder Dorfgemeinschaftshäusern, per App buchbar, "
        "mit einem Café oder Dorfladen nebenan; Auswertung nach einem Jahr.",
        ("skilled-workers",),
        "short",
        2,
        "Drei Standorte eröffnet; 60 % Auslastung nach einem Jahr.",
        "Vorstand, gemeinsam mit den Ämtern",
        "coworking",
        "210000",
        3.6,
        3.3,
    ),
    MeasureSpec(
        "digital-check",
        "Digital-Check mit Umsetzungsgutschein",
        "smes",
        "Regionale IT-Firmen prüfen in einem halben Tag, wo Digitalisierung sich für einen "
        "Betrieb lohnt; danach gibt es einen Fahrplan mit drei Schritten und nach sechs "
        "Monaten eine Nachfrage.",
        ("smes",),
        "short",
        1,
        "150 Checks in zwei Jahren; in 60 % der Betriebe ist nach sechs Monaten mindestens "
        "ein Schritt umgesetzt.",
        "Wirtschaftsförderung mit regionalen IT-Firmen",
        "county",
        "120000",
        4.4,
        4.1,
        status="planned",
    ),
    MeasureSpec(
        "security-service",
        "IT-Sicherheitsverbund für kleine Betriebe",
        "smes",
        "Eine Genossenschaft kleiner Betriebe mit einem regionalen Systemhaus: jährliche "
        "Notfallübung, Notfalltelefon rund um die Uhr; der Kreis steigt als erster Kunde "
        "ein.",
        ("smes",),
        "medium",
        3,
        "40 Betriebe im Verbund; Notfalltelefon rund um die Uhr besetzt.",
        "Projektleitung Sicherheitsverbund",
        "it-firm",
        "300000",
        3.9,
        2.6,
    ),
    MeasureSpec(
        "exchange-platform",
        "Austauschplattform Digitalwirtschaft Westküste",
        "smes",
        "Moderierte Themenräume für Firmen und Institutionen, betriebsübergreifende "
        "Schulungen und ein Treffen vor Ort im Quartal – verbunden mit dem Digitalcluster "
        "des Landes.",
        ("smes",),
        "short",
        1,
        "300 registrierte Personen aus 100 Organisationen; vier Treffen im Jahr.",
        "Geschäftsstelle, mit der Wirtschaftsförderung",
        "association",
        "50000",
        3.2,
        3.8,
    ),
    MeasureSpec(
        "wind-lab",
        "Reallabor Windstrom",
        "living-lab",
        "Betriebe und Start-ups erproben Anwendungen für überschüssigen Windstrom, etwa "
        "Wasserstoff und Rechenzentren; eine Stelle im Kreis beschleunigt die "
        "Genehmigungen.",
        ("data",),
        "long",
        7,
        "Fünf Pilotprojekte und zwei Ansiedlungen bis zum Zieljahr.",
        "Projektleitung, mit der Wirtschaftsförderung",
        "research",
        "1500000",
        4.2,
        1.9,
    ),
    MeasureSpec(
        "founders",
        "Gründungsstipendium „Westküste digital“",
        "living-lab",
        "Ein Jahr Stipendium, Platz im Coworking und Mentoring aus den Betrieben des "
        "Kreises, am Ende ein Demo-Tag.",
        ("skilled-workers", "smes"),
        "medium",
        2,
        "Zehn Teams in drei Jahren, die Hälfte davon nach zwei Jahren noch im Kreis.",
        "Wirtschaftsförderung",
        "county",
        "240000",
        3.4,
        3.1,
    ),
    MeasureSpec(
        "open-data-portal",
        "Open-Data-Portal des Kreises",
        "open-data",
        "Gewerbeflächen, Baugebiete und Breitbandausbau als offene Daten und Karte mit "
        "Schnittstelle; jedes Jahr ein Open-Data-Tag mit der Hochschule.",
        ("data", "administration"),
        "short",
        2,
        "50 offene Datensätze; zwei Anwendungen Dritter im Jahr.",
        "Fachdienst Geoinformation",
        "county",
        "90000",
        4.1,
        3.7,
        status="planned",
    ),
    MeasureSpec(
        "sensor-network",
        "LoRaWAN-Sensornetz für Straßen und Landwirtschaft",
        "open-data",
        "Sensoren für Straßenzustand und Verkehr auf den Kreisstraßen und für Bodenfeuchte "
        "auf den Feldern; die Daten sind offen.",
        ("data", "gigabit"),
        "medium",
        3,
        "40 Gateways im Kreis; alle Messwerte als offene Daten.",
        "Projektgruppe Sensorik",
        "research",
        "380000",
        2.7,
        2.8,
    ),
]

# The moderation's rank for one measure, with its reason.
PRIORITY_OVERRIDE = (
    "fibre-business-parks",
    1,
    "Die Förderzusage des Bundes gilt nur, wenn der Ausbau bis Jahresende beauftragt ist; "
    "der Kreistag hat ihn bereits beschlossen. Die Maßnahme steht deshalb unabhängig von "
    "der Bewertung an erster Stelle.",
)
CHOSEN = ["digital-check", "open-data-portal", "portal"]
SOLUTION_MAP = {
    "measure": "digital-check",
    "actors": (
        "Wirtschaftsförderung des Kreises (Koordination)\n"
        "Regionale IT-Dienstleister (führen die Checks durch)\n"
        "Kreishandwerkerschaft und Unternehmensverband (sprechen die Betriebe an)\n"
        "Hochschule (wertet die Ergebnisse anonym aus)"
    ),
    "resources": (
        "Budget für 150 Gutscheine zu je 800 Euro\n"
        "Leitfaden und Fragebogen für den Check\n"
        "Eine halbe Stelle in der Wirtschaftsförderung\n"
        "Eine Buchungsseite für die Termine"
    ),
    "steps": [
        "Leitfaden mit drei IT-Dienstleistern entwerfen und bei fünf Betrieben erproben",
        "Gutscheinrichtlinie vom Kreistag beschließen lassen",
        "IT-Dienstleister in einem offenen Verfahren zulassen",
        "Start mit Informationsabenden in allen Ämtern",
        "Nach sechs Monaten nachfragen und die Ergebnisse anonym auswerten",
    ],
    "risks": (
        "Zu wenige Dienstleister in der Region bieten den Check an\n"
        "Betriebe halten den Check für ein Verkaufsgespräch\n"
        "Das Budget reicht nicht für die Nachfrage"
    ),
    "first_step": (
        "Die Wirtschaftsförderung lädt bis Monatsende drei regionale IT-Dienstleister und "
        "zwei Handwerksbetriebe ein, um den Fragebogen gemeinsam zu entwerfen."
    ),
}

# --- citizens' dialogue ---------------------------------------------------------------------

DIALOGUE_INTRO = """\
Was muss passieren, damit Dithmarschen 2035 digital gut aufgestellt ist? Schreiben Sie
Ihren Vorschlag, kommentieren Sie die Vorschläge anderer und unterstützen Sie, was Ihnen
wichtig ist. Die Kreisverwaltung antwortet auf jeden Vorschlag und schreibt dazu, was
daraus geworden ist.

Bitte nennen Sie keine Namen anderer Personen. Beiträge werden vor der Veröffentlichung
kurz geprüft.
"""
DIALOGUE_TOPICS = [
    "Arbeiten und Wirtschaft",
    "Freizeit und Tourismus",
    "Internet und Mobilfunk",
    "Schule und Ausbildung",
    "Verwaltung online",
]


@dataclass(frozen=True)
class CommentSpec:
    text: str
    by: str = "anonymous"  # "anonymous", "guest", "member" or "participant"
    replies: tuple["CommentSpec", ...] = ()
    reported: tuple[str, str] | None = None  # (reason, note): left open for the moderators
    pending: bool = False  # still waiting for the moderators


@dataclass(frozen=True)
class ProposalSpec:
    key: str
    title: str
    text: str
    topic: str
    by: str  # "anonymous", "guest", "member" or "participant"
    days_ago: int
    supports: int  # confirmed supports by account
    email_supports: int = 0  # confirmed supports by e-mail address
    comments: tuple[CommentSpec, ...] = ()
    status: str = "open"
    answer: str = ""
    hidden: tuple[str, str] | None = None  # (reason, explanation)
    pending: bool = False
    unconfirmed_support: bool = False  # one support by e-mail whose link was not clicked


PROPOSALS = [
    ProposalSpec(
        "dead-spots",
        "Funklöcher an der B5 endlich schließen",
        "Zwischen Heide und Wesselburen bricht fast jedes Telefonat ab. Für Pendlerinnen, "
        "Handwerker und alle, die unterwegs erreichbar sein müssen, ist das ein echtes "
        "Problem. Bitte sammeln Sie die Funklöcher im Kreis und gehen Sie damit gebündelt zu "
        "den Netzbetreibern.",
        "Internet und Mobilfunk",
        "guest",
        19,
        12,
        email_supports=5,
        comments=(
            CommentSpec("Bei uns im Dorf ist es genauso: Im Haus geht gar nichts."),
            CommentSpec(
                "Die Netzbetreiber haben eigene Meldeseiten, aber da passiert nie etwas. "
                "Gebündelt über den Kreis hätte das mehr Gewicht.",
                by="participant",
                replies=(
                    CommentSpec(
                        "Genau – und dann bitte auch öffentlich zeigen, welche Meldungen "
                        "erledigt sind."
                    ),
                ),
            ),
            CommentSpec(
                "Auch für die Feuerwehr wichtig: Die Alarmierung aufs Handy kommt bei uns "
                "manchmal zu spät."
            ),
        ),
        status="measures",
        answer=(
            "Vielen Dank! Ihr Vorschlag ist in die Maßnahme „Funklochmelder und Flächen für "
            "Mobilfunkmasten“ der Maßnahmentabelle eingeflossen. Ab dem Frühjahr können Sie "
            "Funklöcher über eine App melden; der Kreis gibt die Meldungen gesammelt an die "
            "Netzbetreiber weiter."
        ),
    ),
    ProposalSpec(
        "vehicle-registration",
        "Auto komplett online zulassen",
        "Die Online-Terminvergabe der Zulassungsstelle ist gut. Aber warum muss ich "
        "überhaupt noch hinfahren? Andere Kreise bieten die Zulassung vollständig online an.",
        "Verwaltung online",
        "participant",
        17,
        3,
        comments=(
            CommentSpec("Hat bei mir im Frühjahr gut geklappt, in zehn Minuten erledigt."),
            CommentSpec(
                "Geht nur mit der Online-Funktion des Ausweises – die hat kaum jemand "
                "eingerichtet. Vielleicht gibt es dazu mal eine Hilfe in der Bücherei?",
                by="member",
            ),
        ),
        status="implemented",
        answer=(
            "Seit Anfang des Jahres können Sie Ihr Fahrzeug vollständig online zulassen, "
            "wenn Ihr Personalausweis die Online-Funktion hat. Eine Anleitung finden Sie auf "
            "der Seite der Zulassungsstelle; in den Büchereien bieten wir ab Herbst "
            "Sprechstunden zum Online-Ausweis an."
        ),
    ),
    ProposalSpec(
        "village-coworking",
        "Coworking im Dorfgemeinschaftshaus",
        "Viele Dorfgemeinschaftshäuser stehen tagsüber leer. Mit gutem Internet und ein "
        "paar Schreibtischen könnten sie Arbeitsplätze für alle werden, die nicht jeden Tag "
        "nach Hamburg oder Kiel pendeln wollen.",
        "Arbeiten und Wirtschaft",
        "participant",
        15,
        7,
        email_supports=2,
        comments=(
            CommentSpec(
                "In unserem Dorfgemeinschaftshaus steht der Saal tagsüber leer, WLAN gibt es schon."
            ),
            CommentSpec(
                "Wichtig wären ein paar abschließbare Schränke und ein Raum zum Telefonieren.",
                by="guest",
            ),
            CommentSpec("Könnte man so etwas auch in Marne anbieten?", pending=True),
        ),
        status="accepted",
        answer=(
            "Gute Idee: Wir nehmen Dorfgemeinschaftshäuser als mögliche Standorte in den "
            "Coworking-Pilot auf und sprechen die Gemeinden an, die Interesse gemeldet haben."
        ),
    ),
    ProposalSpec(
        "school-it",
        "IT-Betreuung für die Schulen",
        "An unserer Schule kümmern sich Lehrkräfte nebenbei um Tablets, WLAN und Drucker. "
        "Das kostet Unterrichtszeit. Der Kreis sollte eine gemeinsame IT-Betreuung für die "
        "Schulen organisieren.",
        "Schule und Ausbildung",
        "participant",
        13,
        6,
        comments=(
            CommentSpec(
                "Als Lehrerin kann ich das nur unterstützen: Wir verbringen Stunden mit "
                "Geräten, die nicht wollen."
            ),
            CommentSpec(
                "Vielleicht zusammen mit den Berufsschulen – Auszubildende könnten helfen.",
                by="participant",
                replies=(
                    CommentSpec(
                        "Auszubildende ja, aber nur mit einer festen Ansprechperson, sonst "
                        "bleibt es wieder an den Lehrkräften hängen."
                    ),
                ),
            ),
        ),
        status="review",
        answer=(
            "Wir prüfen mit den Schulträgern, ob eine gemeinsame IT-Betreuung über den Kreis "
            "möglich ist und was sie kostet. Das Ergebnis veröffentlichen wir vor den "
            "Sommerferien hier."
        ),
    ),
    ProposalSpec(
        "plain-language",
        "Alle Formulare auch in Leichter Sprache",
        "Viele Online-Formulare sind schwer zu verstehen. Bitte bieten Sie die wichtigsten "
        "Formulare auch in Leichter Sprache an, mit einer Vorlesefunktion.",
        "Verwaltung online",
        "anonymous",
        11,
        4,
        email_supports=1,
        comments=(CommentSpec("Und bitte Formulare, die auch auf dem Handy funktionieren!"),),
    ),
    ProposalSpec(
        "event-calendar",
        "Ein Veranstaltungskalender für den ganzen Kreis",
        "Ich erfahre von Konzerten, Märkten und Vorträgen oft erst hinterher. Ein "
        "gemeinsamer Kalender für alle Gemeinden wäre eine große Hilfe.",
        "Freizeit und Tourismus",
        "anonymous",
        10,
        2,
        comments=(CommentSpec("Den Kalender des Tourismusverbands kannte ich gar nicht – danke!"),),
        status="rejected",
        answer=(
            "Einen solchen Kalender gibt es bereits beim Tourismusverband, und die Gemeinden "
            "tragen ihre Termine dort ein. Statt einen zweiten aufzubauen, verlinken wir ihn "
            "künftig gut sichtbar auf der Website des Kreises."
        ),
    ),
    ProposalSpec(
        "fibre-farms",
        "Glasfaser auch für Einzelhöfe",
        "Auf den Höfen draußen haben wir oft nur wenige Mbit/s. Dabei arbeiten viele "
        "landwirtschaftliche Betriebe längst mit Sensoren, Melkrobotern und "
        "Direktvermarktung im Netz. Bitte vergessen Sie die Außenbereiche nicht.",
        "Internet und Mobilfunk",
        "member",
        9,
        9,
        email_supports=3,
        unconfirmed_support=True,
        comments=(
            CommentSpec(
                "Wir verkaufen unsere Milchprodukte online und brauchen das Internet genauso "
                "wie ein Betrieb im Gewerbegebiet.",
                by="participant",
                replies=(CommentSpec("Gibt es dafür nicht ein Förderprogramm für graue Flecken?"),),
            ),
            CommentSpec(
                "Wer auf dem Einzelhof wohnt, hat sich das ausgesucht. Dann muss man eben mit "
                "langsamem Internet leben.",
                reported=("insulting", "Abwertend gegenüber Menschen auf dem Land."),
            ),
        ),
    ),
    ProposalSpec(
        "youth-office",
        "Videosprechstunde beim Jugendamt",
        "Für Eltern, die arbeiten oder weit fahren müssen, wäre eine Beratung per Video eine "
        "große Erleichterung – zumindest für Gespräche, die keinen Hausbesuch brauchen.",
        "Verwaltung online",
        "anonymous",
        7,
        5,
        comments=(
            CommentSpec("Gerade für Alleinerziehende wäre das eine große Hilfe.", by="guest"),
        ),
    ),
    ProposalSpec(
        "advert",
        "Professionelle Website ab 299 Euro",
        "Sie brauchen eine Website für Ihren Betrieb? Wir erstellen sie schnell und "
        "günstig. Jetzt unverbindlich anfragen!",
        "Arbeiten und Wirtschaft",
        "anonymous",
        6,
        0,
        hidden=(
            "advertising",
            "Werbung für einzelne Unternehmen ist im Bürgerdialog nicht erlaubt; der Beitrag "
            "wurde deshalb ausgeblendet.",
        ),
    ),
    ProposalSpec(
        "open-parking-data",
        "Freie Parkplätze an den Badestellen als offene Daten",
        "Im Sommer sucht man an der Küste ewig nach einem Parkplatz. Wenn der Kreis die "
        "Belegung der großen Parkplätze als offene Daten bereitstellt, können Apps und "
        "Navigationsgeräte die Gäste gleich richtig lotsen.",
        "Freizeit und Tourismus",
        "member",
        4,
        4,
        email_supports=1,
        comments=(
            CommentSpec("Die Parkplätze in Büsum wären im Sommer Gold wert."),
            CommentSpec(
                "Wenn die Daten offen sind, baue ich gern eine kleine App dafür.",
                by="participant",
            ),
        ),
        status="review",
        answer=(
            "Das passt zur Maßnahme „Open-Data-Portal des Kreises“. Wir klären mit den "
            "Gemeinden an der Küste, welche Parkplätze sich mit Sensoren ausstatten lassen."
        ),
    ),
    ProposalSpec(
        "tablet-courses",
        "Tablet-Kurse für Ältere in den Büchereien",
        "Meine Eltern würden gern Termine online buchen, trauen sich aber nicht. Kurse in "
        "kleinen Gruppen in der Bücherei vor Ort wären ideal.",
        "Schule und Ausbildung",
        "anonymous",
        2,
        3,
        comments=(
            CommentSpec(
                "Die Bücherei in Meldorf macht so etwas schon – vielleicht kann man davon lernen."
            ),
        ),
    ),
    ProposalSpec(
        "charging",
        "Ladesäulen mit Bezahlung per Karte",
        "An vielen Ladesäulen im Kreis braucht man eine eigene App. Bitte sorgen Sie dafür, "
        "dass man überall einfach mit der Bankkarte bezahlen kann.",
        "Arbeiten und Wirtschaft",
        "anonymous",
        0,
        0,
        pending=True,
    ),
]

# --- expert survey --------------------------------------------------------------------------

SURVEY_INTRO = (
    "Vielen Dank, dass Sie uns Ihre Einschätzung geben. Die Befragung läuft in zwei Runden: "
    "In der zweiten Runde sehen Sie neben jeder Frage, wie alle Fachleute in der ersten "
    "Runde geantwortet haben, und können Ihre Antwort anpassen. Die Antworten werden "
    "anonym ausgewertet."
)


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text: str
    options: tuple[str, ...] = ()
    help_text: str = ""
    required: bool = True
    scale: tuple[int, int] = (1, 5)
    labels: tuple[str, str] = ("", "")
    shown_if: tuple[str, int] | None = None  # (question key, option index)
    answers: tuple[str, ...] = field(default=())  # free-text answers to draw from


SECTORS = (
    "Unternehmen der Digitalwirtschaft",
    "Anderes Unternehmen (Handwerk, Industrie, Landwirtschaft, Tourismus)",
    "Hochschule, Schule oder Forschung",
    "Verwaltung oder Politik",
    "Verband, Kammer oder Netzwerk",
)
OBSTACLES = (
    "Fehlende Fachkräfte",
    "Langsames Internet oder Funklöcher",
    "Kosten und unklare Förderung",
    "Keine Zeit im Tagesgeschäft",
    "Bedenken bei Datenschutz und IT-Sicherheit",
    "Keine Beratung vor Ort",
)
SURVEY_MEASURES = (
    "Unternehmensportal des Kreises",
    "Glasfaser zuerst in die Gewerbegebiete",
    "Ausbildungsverbund Kreis-IT-Schule",
    "Digital-Check mit Umsetzungsgutschein",
    "Open-Data-Portal des Kreises",
)

QUESTIONS = [
    QuestionSpec("sector", "single", "In welchem Bereich sind Sie tätig?", SECTORS),
    QuestionSpec(
        "maturity",
        "scale",
        "Wie digital arbeitet die Wirtschaft im Kreis heute?",
        labels=("kaum digital", "durchgehend digital"),
    ),
    QuestionSpec(
        "obstacles",
        "multiple",
        "Was bremst die Digitalisierung der Betriebe im Kreis am stärksten?",
        OBSTACLES,
        help_text="Wählen Sie bis zu drei Antworten.",
    ),
    QuestionSpec(
        "where",
        "text",
        "Wo im Kreis fehlt eine gute Verbindung am meisten?",
        help_text="Nennen Sie Orte, Strecken oder Gewerbegebiete.",
        required=False,
        shown_if=("obstacles", 1),
        answers=(
            "Entlang der B5 zwischen Heide und Wesselburen.",
            "Im Gewerbegebiet bei Brunsbüttel, dort warten mehrere Betriebe seit Jahren.",
            "In den Kögen an der Küste, dort gibt es kaum Mobilfunk.",
            "Auf den Dörfern nördlich von Heide.",
            "In der Marsch rund um Marne.",
            "Auf der Bahnstrecke nach Hamburg – Arbeiten im Zug ist kaum möglich.",
        ),
    ),
    QuestionSpec(
        "fields",
        "ranking",
        "In welcher Reihenfolge sollte der Kreis die vier Handlungsfelder angehen?",
        (
            "Digitale Verwaltung & Wirtschaftsförderung",
            "Fachkräfte & Bildung",
            "Infrastruktur & Breitband",
            "Innovation & Unternehmen",
        ),
        help_text="1 = zuerst.",
    ),
    QuestionSpec(
        "importance",
        "matrix",
        "Wie wichtig sind diese Maßnahmen für die nächsten fünf Jahre?",
        SURVEY_MEASURES,
        labels=("unwichtig", "sehr wichtig"),
    ),
    QuestionSpec(
        "online-2035",
        "scale",
        "Wie wahrscheinlich ist es, dass 2035 mehr als die Hälfte der Anträge an den Kreis "
        "vollständig online gestellt wird?",
        scale=(0, 10),
        labels=("ausgeschlossen", "sicher"),
    ),
    QuestionSpec(
        "not-to-forget",
        "text",
        "Was darf die Digitalstrategie auf keinen Fall vergessen?",
        required=False,
        answers=(
            "Die Menschen, die nicht digital unterwegs sind, müssen mitgenommen werden.",
            "IT-Sicherheit von Anfang an mitdenken, gerade bei kleinen Betrieben.",
            "Eine klare Zuständigkeit im Kreis und ein eigenes Budget.",
            "Die Zusammenarbeit mit den Nachbarkreisen an der Westküste.",
            "Regelmäßig messen, ob die Maßnahmen wirken, und das offen berichten.",
            "Die Landwirtschaft als einen der größten Wirtschaftszweige im Kreis.",
            "Den Windstrom vor Ort nutzen, etwa für Rechenzentren.",
            "Die Schulen – ohne gute Ausstattung dort fehlen uns später die Fachkräfte.",
        ),
    ),
]
# What the experts think on average (round 1), for the generated answers.
IMPORTANCE = (3.6, 4.5, 4.1, 4.0, 3.4)
FIELD_PREFERENCE = (2.0, 2.6, 3.4, 1.8)  # higher: ranked earlier
OBSTACLE_WEIGHTS = (5, 4, 3, 3, 2, 2)
