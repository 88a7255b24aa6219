"""The clusters' websites in the demo, as data: start pages, "about us", the news and press
pages, article templates, portrait texts and the pictures drawn for them.

Texts come in German and English (the English pages are translations of the German
ones). Article templates have named gaps that `demo/website.py` fills from the directory
(a member firm, a topic, a past event and its attendance, the number of members);
`{topic}` is the topic's label in the page's language. Days are counted back from the day
the demo is built.
"""

from dataclasses import dataclass

from knotenpunkt.demo.plan import DIGITAL, MARITIME

# The kinds of ArticlePage, spelled out so that the data stays plain.
NEWS, PRESS, REPORT = "news", "press_release", "event_report"
# The series of PortraitPage.
COMPANY, WOMEN_IN_TECH = "company", "women_in_tech"


@dataclass(frozen=True)
class Text:
    de: str
    en: str


@dataclass(frozen=True)
class SiteSpec:
    cluster: str
    intro: Text
    about: tuple[Text, ...]  # paragraphs of "Über uns"
    news_intro: Text
    press_intro: Text
    portraits_intro: Text
    colour: tuple[int, int, int]  # of the drawn pictures


SITES = [
    SiteSpec(
        cluster=DIGITAL["slug"],
        intro=Text(
            "Wir vernetzen die Digitalwirtschaft im Norden: Software- und IT-Firmen, "
            "Agenturen, Hochschulen und Verwaltungen. Hier lesen Sie, was im Netzwerk "
            "passiert – Neuigkeiten, Pressemitteilungen, Rückblicke und Porträts unserer "
            "Mitglieder.",
            "We connect the digital economy in the north: software and IT firms, agencies, "
            "universities and public bodies. Read what happens in the network – news, press "
            "releases, event reports and portraits of our members.",
        ),
        about=(
            Text(
                "Der Cluster ist ein eingetragener Verein, getragen von seinen Mitgliedern und "
                "vom Land. Ein kleines Team im Clustermanagement in Kiel organisiert die "
                "Fachgruppen, rund 60 Veranstaltungen im Jahr und die Öffentlichkeitsarbeit; "
                "Vorstand und Beirat kommen aus den Mitgliedsunternehmen.",
                "The cluster is a registered association, supported by its members and the "
                "state. A small cluster management team in Kiel runs the topic groups, about "
                "60 events a year and the public relations; the board and the advisory board "
                "come from the member firms.",
            ),
            Text(
                "Gut 250 Organisationen sind Mitglied, fast zwei Drittel davon mit weniger als "
                "zehn Beschäftigten. Start-ups zahlen in den ersten zwei Jahren einen "
                "ermäßigten Beitrag, Studierende sind für einen symbolischen Betrag dabei.",
                "Some 250 organisations are members, almost two thirds of them with fewer "
                "than ten employees. Start-ups pay a reduced fee for their first two years, "
                "students join for a token amount.",
            ),
            Text(
                "Unsere Strategie hat vier Handlungsfelder: Fachkräfte sichern und Kompetenzen "
                "aufbauen, Unternehmen durch die digitale Transformation begleiten, die "
                "Digitalwirtschaft sichtbar machen sowie Ethik und Nachhaltigkeit in der "
                "Digitalisierung.",
                "Our strategy has four fields of action: securing skilled workers and building "
                "competences, accompanying firms through the digital transformation, making "
                "the digital economy visible, and ethics and sustainability in digitalisation.",
            ),
        ),
        news_intro=Text(
            "Neues aus dem Netzwerk: Mitglieder, Fachgruppen, Projekte und Rückblicke auf "
            "unsere Veranstaltungen.",
            "News from the network: members, topic groups, projects and reports from our events.",
        ),
        press_intro=Text(
            "Pressemitteilungen des Clusters. Pressekontakt: presse@diwish.example, "
            "Telefon 0431 98765-0.",
            "The cluster's press releases. Press contact: presse@diwish.example, "
            "phone +49 431 98765-0.",
        ),
        portraits_intro=Text(
            "Alle zwei Wochen stellen wir ein Mitglied vor. In der Reihe „Frauen in der "
            "Tech-Branche“ erzählen Frauen aus unseren Mitgliedsfirmen von ihrem Weg.",
            "Every other week we introduce one of our members. In the series \u201cWomen in "
            "Tech\u201d women from our member firms tell how they got where they are.",
        ),
        colour=(0, 84, 143),
    ),
    SiteSpec(
        cluster=MARITIME["slug"],
        intro=Text(
            "Werften, Reedereien, Häfen, Zulieferer und Forschung an Nord- und Ostsee – "
            "vernetzt über Landesgrenzen hinweg. Neuigkeiten und Porträts aus der maritimen "
            "Wirtschaft.",
            "Shipyards, shipping lines, ports, suppliers and research on the North Sea and "
            "the Baltic – connected across state borders. News and portraits from the "
            "maritime economy.",
        ),
        about=(
            Text(
                "Der Maritime Cluster Norddeutschland bringt Unternehmen und Forschung der "
                "Küstenländer zusammen. Die Geschäftsstelle sitzt in Hamburg, Regionalbüros "
                "arbeiten in Kiel und Bremen.",
                "The Maritime Cluster of Northern Germany brings together firms and research "
                "of the coastal states. Its office is in Hamburg, with regional offices in "
                "Kiel and Bremen.",
            ),
            Text(
                "Rund 60 Mitglieder, ein Drittel davon auch im Digitalcluster: Gemeinsame "
                "Veranstaltungen zu digitalen Häfen, Landstrom und autonomer Schifffahrt "
                "gehören zu unserem Programm.",
                "Some 60 members, a third of them also in the digital cluster: joint events on "
                "digital ports, shore power and autonomous shipping are part of our programme.",
            ),
        ),
        news_intro=Text(
            "Neues aus der maritimen Wirtschaft und unserem Netzwerk.",
            "News from the maritime economy and our network.",
        ),
        press_intro=Text(
            "Pressemitteilungen des Maritimen Clusters. Pressekontakt: presse@maritim.example.",
            "Press releases of the Maritime Cluster. Press contact: presse@maritim.example.",
        ),
        portraits_intro=Text(
            "Unsere Mitglieder im Porträt: wer sie sind, was sie bauen, wen sie suchen.",
            "Our members in portrait: who they are, what they build, whom they are looking for.",
        ),
        colour=(0, 105, 110),
    ),
]

# Pages every demo site has besides those of `ensure_cluster_site`: (German title and slug,
# English ones). Press releases get their own article list.
PRESS_PAGE = (("Presse", "presse"), ("Press", "press"))


# --- articles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleTemplate:
    key: str
    kind: str
    title: Text
    teaser: Text
    paragraphs: tuple[Text, ...]
    # What the gaps need: "org" (one member firm, "org2" a second), "event" (a past event
    # of the cluster), "topic" (always available).
    needs: tuple[str, ...] = ()
    quote: Text | None = None  # said by {person} of {org}
    clusters: tuple[str, ...] = (DIGITAL["slug"], MARITIME["slug"])


TEMPLATES = [
    ArticleTemplate(
        "new_members",
        NEWS,
        Text(
            "Willkommen im Netzwerk: {count} neue Mitglieder im {quarter}",
            "Welcome: {count} new members in {quarter}",
        ),
        Text(
            "Im {quarter} sind {count} Organisationen dazugekommen, unter ihnen {org}.",
            "{count} organisations joined in {quarter}, among them {org}.",
        ),
        (
            Text(
                "Der {cluster_short} wächst weiter: {count} Organisationen sind in den letzten "
                "Monaten Mitglied geworden. Die meisten sind kleine Firmen, aber auch eine "
                "Hochschule und ein kommunaler IT-Dienstleister sind darunter.",
                "The {cluster_short} keeps growing: {count} organisations have become members in "
                "recent months. Most are small firms, but a university and a municipal IT "
                "provider are among them too.",
            ),
            Text(
                "{org} aus {city} arbeitet vor allem an {topic} und sucht Kontakt zu Firmen, die "
                "Erfahrung mit Pilotprojekten in der Verwaltung haben.",
                "{org} from {city} works mainly on {topic} and is looking for firms with "
                "experience in pilot projects with public administrations.",
            ),
            Text(
                "Neue Mitglieder lernen das Netzwerk beim nächsten Mittagstisch kennen; das "
                "Clustermanagement stellt ihnen dort die Fachgruppen vor.",
                "New members get to know the network at the next members' lunch, where the "
                "cluster management introduces the topic groups.",
            ),
        ),
        needs=("org",),
    ),
    ArticleTemplate(
        "topic_group",
        NEWS,
        Text("Fachgruppe {topic} startet", "New topic group: {topic}"),
        Text(
            "Eine neue Fachgruppe trifft sich ab sofort einmal im Quartal, geleitet von {person}.",
            "A new topic group meets once a quarter from now on, led by {person}.",
        ),
        (
            Text(
                "Aus den Gesprächen beim Digitalfrühstück ist eine neue Fachgruppe entstanden: "
                "Sie beschäftigt sich mit {topic}. Die Leitung übernimmt {person} von {org}.",
                "A new topic group grew out of the conversations at the digital breakfast: it "
                "deals with {topic}. {person} of {org} leads it.",
            ),
            Text(
                "Die Gruppe trifft sich abwechselnd in Kiel und online. Beim ersten Treffen "
                "sammelten die Teilnehmenden Fragen, die sie im kommenden Jahr gemeinsam "
                "beantworten wollen – von Referenzarchitekturen bis zu Vertragsmustern.",
                "The group meets alternately in Kiel and online. At the first meeting the "
                "participants collected questions they want to answer together over the coming "
                "year – from reference architectures to model contracts.",
            ),
        ),
        needs=("org",),
        quote=Text(
            "Wir wollen nicht noch eine Vortragsreihe, sondern voneinander lernen, was in der "
            "Praxis funktioniert.",
            "We do not want another lecture series; we want to learn from each other what "
            "works in practice.",
        ),
    ),
    ArticleTemplate(
        "cooperation",
        NEWS,
        Text("Gemeinsames Projekt: {org} und {org2}", "Joint project: {org} and {org2}"),
        Text(
            "Kennengelernt haben sich die beiden Mitglieder über die Bedarfsbörse des Clusters.",
            "The two members met through the cluster's needs exchange.",
        ),
        (
            Text(
                "{org} suchte Unterstützung bei {topic} und stellte den Bedarf auf die Plattform. "
                "Zwei Wochen später saß das Team mit {org2} am Tisch; inzwischen arbeiten beide "
                "an einem gemeinsamen Pilotprojekt.",
                "{org} was looking for support with {topic} and posted the need on the platform. "
                "Two weeks later the team sat down with {org2}; now both work on a joint pilot "
                "project.",
            ),
            Text(
                "Das Clustermanagement hat den Kontakt vermittelt und dokumentiert die "
                "Kooperation, damit sie in die Bilanz des Netzwerks eingeht.",
                "The cluster management brokered the contact and documents the cooperation, "
                "so that it counts in the network's results.",
            ),
        ),
        needs=("org", "org2"),
        quote=Text(
            "Ohne das Netzwerk hätten wir uns nie gefunden – dabei sitzen wir zwanzig "
            "Kilometer voneinander entfernt.",
            "Without the network we would never have found each other – and we are only twenty "
            "kilometres apart.",
        ),
    ),
    ArticleTemplate(
        "skills_survey",
        NEWS,
        Text(
            "Umfrage: {percent} Prozent der Mitglieder suchen Fachkräfte",
            "Survey: {percent} per cent of members are hiring",
        ),
        Text(
            "Gefragt sind vor allem Leute mit Erfahrung in {topic}.",
            "Experience in {topic} is most in demand.",
        ),
        (
            Text(
                "An der Herbstumfrage des Clusters haben {count} Mitgliedsfirmen teilgenommen. "
                "{percent} Prozent von ihnen haben offene Stellen, am häufigsten für "
                "Entwicklung und Beratung.",
                "{count} member firms took part in the cluster's autumn survey. {percent} per "
                "cent of them have open positions, most often in development and consulting.",
            ),
            Text(
                "Besonders schwer zu besetzen sind Stellen mit Erfahrung in {topic}. Viele "
                "kleine Firmen setzen deshalb auf Werkstudierende und eigene Ausbildung.",
                "Positions needing experience in {topic} are the hardest to fill. Many small "
                "firms therefore rely on working students and train people themselves.",
            ),
            Text(
                "Die Stellen der Mitglieder stehen in der Jobbörse der Plattform; die Fachgruppe "
                "New Work bereitet einen Leitfaden für die Einarbeitung vor.",
                "The members' vacancies are listed on the platform's job board; the New Work "
                "topic group is preparing a guide to onboarding.",
            ),
        ),
    ),
    ArticleTemplate(
        "learning_journey",
        NEWS,
        Text(
            "Lernreise nach San Francisco: jetzt bewerben",
            "Learning journey to San Francisco: apply now",
        ),
        Text(
            "Zwölf Plätze für eine Woche im Silicon Valley, gemeinsam mit dem Partnernetzwerk.",
            "Twelve places for a week in Silicon Valley, together with our partner network.",
        ),
        (
            Text(
                "Gemeinsam mit dem Partnernetzwerk zwischen Kiel und San Francisco bietet der "
                "Cluster eine Lernreise an. Auf dem Programm stehen Besuche bei Start-ups, "
                "Forschungslaboren und dem Innovationsbüro des Nordens.",
                "Together with the partner network between Kiel and San Francisco the cluster "
                "offers a learning journey. The programme includes visits to start-ups, "
                "research labs and the northern German innovation office.",
            ),
            Text(
                "Schwerpunkt ist diesmal {topic}. Bewerben können sich Geschäftsführungen und "
                "Fachleute aus Mitgliedsfirmen; die Reisekosten werden anteilig gefördert.",
                "This time the focus is on {topic}. Managing directors and specialists of "
                "member firms may apply; part of the travel costs is funded.",
            ),
        ),
        clusters=(DIGITAL["slug"],),
    ),
    ArticleTemplate(
        "hackathon",
        NEWS,
        Text(
            "Lösungs-Hackathon: {count} Teams bauen für die Verwaltung",
            "Solution hackathon: {count} teams build for public administration",
        ),
        Text(
            "Zwei Tage, echte Aufgaben aus Kommunen und am Ende drei Prototypen für den "
            "Marktplatz.",
            "Two days, real tasks from municipalities and three prototypes for the "
            "marketplace at the end.",
        ),
        (
            Text(
                "Kommunen aus dem ganzen Land hatten Aufgaben eingereicht, {count} Teams aus "
                "Mitgliedsfirmen haben sie bearbeitet. Gewonnen hat ein Team von {org} mit "
                "einem Werkzeug für {topic}.",
                "Municipalities from all over the state had submitted tasks, {count} teams from "
                "member firms worked on them. A team from {org} won with a tool for {topic}.",
            ),
            Text(
                "Die besten Ideen gehen als Angebote in den Marktplatz für die öffentliche "
                "Hand: Dort können Verwaltungen sie vergaberechtlich korrekt abrufen.",
                "The best ideas become offerings in the marketplace for the public sector, "
                "where administrations can buy them in line with procurement law.",
            ),
        ),
        needs=("org",),
        clusters=(DIGITAL["slug"],),
    ),
    ArticleTemplate(
        "shop_success",
        NEWS,
        Text(
            "Über den Marktplatz zum ersten Auftrag: {org}",
            "From the marketplace to a first municipal contract: {org}",
        ),
        Text(
            "{org} liefert eine Lösung für {topic} an eine Stadtverwaltung.",
            "{org} supplies a solution for {topic} to a city administration.",
        ),
        (
            Text(
                "Große Ausschreibungen gewinnen kleine Firmen selten. {org} hat ihr Angebot im "
                "Marktplatz des Clusters eingestellt – drei Monate später kam die erste "
                "Angebotsanfrage einer Stadtverwaltung.",
                "Small firms rarely win big tenders. {org} listed its offering in the cluster's "
                "marketplace – three months later the first quote request of a city "
                "administration arrived.",
            ),
            Text(
                "Die Verwaltung konnte direkt vergeben, weil der Auftragswert unter der "
                "Wertgrenze lag und drei Vergleichsangebote im Marktplatz vorlagen.",
                "The administration could award the contract directly, since its value was "
                "below the threshold and three comparable offers were available in the "
                "marketplace.",
            ),
        ),
        needs=("org",),
        quote=Text(
            "Für eine Firma mit acht Leuten ist das ein großer Schritt.",
            "For a firm of eight people that is a big step.",
        ),
        clusters=(DIGITAL["slug"],),
    ),
    ArticleTemplate(
        "port_project",
        NEWS,
        Text(
            "Pilotprojekt im Hafen: {topic} auf dem Kai",
            "Pilot project in the port: {topic} on the quay",
        ),
        Text(
            "{org} testet mit einem Hafenbetreiber, wie Daten Liegezeiten verkürzen.",
            "{org} tests with a port operator how data can shorten berthing times.",
        ),
        (
            Text(
                "Wie lange ein Schiff am Kai liegt, hängt an vielen Stellen: Lotsen, Schlepper, "
                "Umschlag, Zoll. {org} führt die Daten dieser Stellen in einem Pilotprojekt "
                "zusammen.",
                "How long a ship stays at the quay depends on many parties: pilots, tugs, cargo "
                "handling, customs. In a pilot project {org} brings their data together.",
            ),
            Text(
                "Nach sechs Monaten sollen die Ergebnisse in der Fachgruppe Digitale Häfen "
                "vorgestellt werden; weitere Häfen haben Interesse angemeldet.",
                "After six months the results will be presented in the digital ports topic "
                "group; further ports have expressed interest.",
            ),
        ),
        needs=("org",),
        clusters=(MARITIME["slug"],),
    ),
    ArticleTemplate(
        "member_growth",
        PRESS,
        Text(
            "{cluster_short} wächst auf {members} Mitglieder",
            "{cluster_short} grows to {members} members",
        ),
        Text(
            "{joined} Eintritte in zwölf Monaten: das Netzwerk wächst weiter.",
            "{joined} organisations joined in twelve months: the network keeps growing.",
        ),
        (
            Text(
                "{city}, {date}. Der {cluster_name} zählt {members} Mitglieder. In den "
                "vergangenen zwölf Monaten traten {joined} Organisationen ein und {left} aus.",
                "{city}, {date}. The {cluster_name} has {members} members. In the past twelve "
                "months {joined} organisations joined and {left} left.",
            ),
            Text(
                "Die meisten Mitglieder sind kleine Unternehmen; fast zwei Drittel beschäftigen "
                "weniger als zehn Menschen. Hinzu kommen Hochschulen, Verbände, "
                "Kommunikationsagenturen und öffentliche Einrichtungen.",
                "Most members are small firms; almost two thirds employ fewer than ten people. "
                "Universities, associations, communication agencies and public bodies complete "
                "the mix.",
            ),
            Text(
                "Pressekontakt: Clustermanagement, {email}.",
                "Press contact: cluster management, {email}.",
            ),
        ),
    ),
    ArticleTemplate(
        "summit",
        PRESS,
        Text(
            "Digitalgipfel: 650 Gäste, 40 Vorträge, ein Thema",
            "Digital summit: 650 guests, 40 talks, one theme",
        ),
        Text(
            "Der Gipfel der Digitalwirtschaft stellt in diesem Jahr {topic} in den Mittelpunkt.",
            "This year the digital economy's summit puts {topic} centre stage.",
        ),
        (
            Text(
                "{city}, {date}. Zum Digitalgipfel erwartet der Cluster 650 Gäste aus "
                "Wirtschaft, Wissenschaft und Verwaltung. Im Mittelpunkt steht {topic}.",
                "{city}, {date}. The cluster expects 650 guests from business, research and "
                "administration at the digital summit, which focuses on {topic}.",
            ),
            Text(
                "Neben den Vorträgen gibt es eine Ausstellung der Mitglieder und "
                "Matchmaking-Termine, die Teilnehmende vorab über die Plattform buchen.",
                "Besides the talks there is an exhibition of members and matchmaking meetings "
                "that participants book in advance on the platform.",
            ),
            Text(
                "Pressekontakt: Clustermanagement, {email}.",
                "Press contact: cluster management, {email}.",
            ),
        ),
        clusters=(DIGITAL["slug"],),
    ),
    ArticleTemplate(
        "label",
        PRESS,
        Text(
            "Qualitätssiegel {year} für das Clustermanagement",
            "Quality label {year} for the cluster management",
        ),
        Text(
            "Die European Cluster Excellence Initiative bestätigt die Arbeit des Teams.",
            "The European Cluster Excellence Initiative confirms the team's work.",
        ),
        (
            Text(
                "{city}, {date}. Der {cluster_name} hat das Qualitätslabel der European "
                "Cluster Excellence Initiative erhalten. Bewertet wurden unter anderem "
                "Strategie, Finanzierung, Dienstleistungen und die Zufriedenheit der Mitglieder.",
                "{city}, {date}. The {cluster_name} has received the quality label of the "
                "European Cluster Excellence Initiative. The assessment covered strategy, "
                "funding, services and the members' satisfaction, among other things.",
            ),
            Text(
                "Die Kennzahlen dafür stammen aus der eigenen Plattform: Veranstaltungen, "
                "Kooperationen, Ein- und Austritte und die Reichweite der Kommunikation.",
                "The figures for it come from the cluster's own platform: events, "
                "cooperations, members joining and leaving, and the reach of its "
                "communication.",
            ),
        ),
    ),
    ArticleTemplate(
        "board",
        PRESS,
        Text(
            "{cluster_short}: Mitgliederversammlung {year} wählt neuen Vorstand",
            "{cluster_short}: general assembly {year} elects a new board",
        ),
        Text(
            "{person} von {org} führt den Verein für die nächsten zwei Jahre.",
            "{person} of {org} chairs the association for the next two years.",
        ),
        (
            Text(
                "{city}, {date}. Die Mitgliederversammlung des {cluster_name} hat {person} an "
                "die Spitze des Vorstands gewählt. {person} leitet {org} und engagiert sich "
                "seit Jahren in der Fachgruppe {topic}.",
                "{city}, {date}. The general assembly of the {cluster_name} has elected "
                "{person} as chair. {person} runs {org} and has been active in the {topic} "
                "topic group for years.",
            ),
            Text(
                "Schwerpunkte der kommenden Amtszeit sind Fachkräfte, die Zusammenarbeit mit "
                "den anderen Clustern der Region und ein stärkerer Auftritt im Ausland.",
                "The priorities of the coming term are skilled workers, cooperation with the "
                "region's other clusters and a stronger presence abroad.",
            ),
        ),
        needs=("org",),
        quote=Text(
            "Unsere Mitglieder sind klein, aber zusammen sind sie eine Branche, die man "
            "hören muss.",
            "Our members are small, but together they are an industry that deserves to be heard.",
        ),
    ),
    ArticleTemplate(
        "cooperation_agreement",
        PRESS,
        Text(
            "Kooperationsvereinbarung mit Partnercluster in Dänemark",
            "Cooperation agreement with a partner cluster in Denmark",
        ),
        Text(
            "Gemeinsame Veranstaltungen, Delegationsreisen und ein Austausch zu {topic}.",
            "Joint events, delegation trips and an exchange on {topic}.",
        ),
        (
            Text(
                "{city}, {date}. Der {cluster_name} und ein Digitalcluster aus Aarhus arbeiten "
                "künftig enger zusammen. Die Vereinbarung sieht gemeinsame Veranstaltungen und "
                "gegenseitige Delegationsreisen vor.",
                "{city}, {date}. The {cluster_name} and a digital cluster from Aarhus will work "
                "together more closely. The agreement provides for joint events and mutual "
                "delegation trips.",
            ),
            Text(
                "Erstes Thema ist {topic}; Mitglieder beider Netzwerke können sich über das "
                "Enterprise Europe Network für Partnergespräche anmelden.",
                "The first theme is {topic}; members of both networks can sign up for partner "
                "meetings through the Enterprise Europe Network.",
            ),
        ),
        clusters=(DIGITAL["slug"],),
    ),
    ArticleTemplate(
        "shore_power",
        PRESS,
        Text(
            "Norddeutsche Häfen stimmen Landstrom-Daten ab",
            "Northern German ports align shore power data",
        ),
        Text(
            "Ein gemeinsames Datenformat soll Reedereien die Planung erleichtern.",
            "A common data format is to make planning easier for shipping lines.",
        ),
        (
            Text(
                "{city}, {date}. Sechs Häfen und vier Reedereien aus dem Netzwerk haben sich "
                "auf ein gemeinsames Format für Landstrom-Buchungen geeinigt. Koordiniert hat "
                "der {cluster_name}.",
                "{city}, {date}. Six ports and four shipping lines of the network have agreed "
                "on a common format for booking shore power, coordinated by the "
                "{cluster_name}.",
            ),
            Text(
                "Die Spezifikation ist offen und wird in der Fachgruppe {topic} weiterentwickelt.",
                "The specification is open and will be developed further in the {topic} "
                "topic group.",
            ),
        ),
        clusters=(MARITIME["slug"],),
    ),
    ArticleTemplate(
        "report",
        REPORT,
        Text("Rückblick: {event} am {event_date}", "Looking back: {event} on {event_date}"),
        Text(
            "{attendees} Teilnehmende am {event_date} – die wichtigsten Gedanken.",
            "{attendees} participants on {event_date} – the main ideas.",
        ),
        (
            Text(
                "{attendees} Teilnehmende kamen am {event_date} zu „{event}“{venue_de}. Nach der "
                "Begrüßung durch das Clustermanagement ging es um {topic}.",
                "{attendees} participants came to \u201c{event}\u201d on {event_date}{venue_en}. "
                "After a welcome by the cluster management the talk turned to {topic}.",
            ),
            Text(
                "Im Impuls zeigte {person} von {org}, wie ein kleines Team mit wenig Budget "
                "anfangen kann. Die meisten Fragen drehten sich um Aufwand, Datenschutz und "
                "die ersten drei Monate.",
                "In the opening talk {person} of {org} showed how a small team on a tight "
                "budget can make a start. Most questions were about effort, data protection and "
                "the first three months.",
            ),
            Text(
                "Die Folien und das Protokoll stehen im Mitgliederbereich. Die nächsten Termine "
                "finden Sie im Veranstaltungskalender.",
                "The slides and the minutes are in the members' area. See the events calendar "
                "for upcoming dates.",
            ),
        ),
        needs=("event", "org"),
    ),
    ArticleTemplate(
        "report_discussion",
        REPORT,
        Text("So war es: {event} am {event_date}", "How it went: {event} on {event_date}"),
        Text(
            "Viel Praxis, offene Worte und neue Kontakte – ein Bericht.",
            "Plenty of practice, frank words and new contacts – a report.",
        ),
        (
            Text(
                "Am {event_date} trafen sich {attendees} Menschen aus Mitgliedsfirmen, "
                "Hochschulen und Verwaltung. Das Thema {topic} war bewusst weit gefasst.",
                "On {event_date} {attendees} people from member firms, universities and "
                "administration met. The theme, {topic}, was deliberately broad.",
            ),
            Text(
                "In kleinen Runden berichteten die Teilnehmenden von eigenen Projekten. "
                "Mehrere Gespräche wurden danach über die Plattform fortgesetzt.",
                "In small rounds the participants reported on their own projects. Several "
                "conversations continued on the platform afterwards.",
            ),
        ),
        needs=("event",),
        quote=Text(
            "Solche Abende sind der Grund, warum wir Mitglied sind.",
            "Evenings like this are why we are members.",
        ),
    ),
]

# How many articles of which template each cluster's site shows (40 in all). Event reports
# are dated a few days after their event; the others are spread over two years.
ARTICLE_PLAN = {
    DIGITAL["slug"]: {
        "new_members": 3,
        "topic_group": 3,
        "cooperation": 2,
        "skills_survey": 2,
        "learning_journey": 1,
        "hackathon": 1,
        "shop_success": 2,
        "member_growth": 2,
        "summit": 1,
        "label": 1,
        "board": 1,
        "cooperation_agreement": 1,
        "report": 5,
        "report_discussion": 3,
    },
    MARITIME["slug"]: {
        "new_members": 1,
        "cooperation": 1,
        "port_project": 2,
        "member_growth": 1,
        "shore_power": 1,
        "skills_survey": 1,
        "board": 1,
        "report": 2,
        "report_discussion": 2,
    },
}
ARTICLE_DAYS = 730
# Told instead when an article's title is already on one of the sites: stories about
# firms not named before, so their titles are new.
TITLE_FALLBACKS = ("shop_success", "cooperation", "shop_success")
# Of the digital cluster's articles: one waits for its publication date, one is a draft.
SCHEDULED = (
    Text("Digitalgipfel: Programm steht", "Digital summit: the programme is out"),
    Text(
        "Vorträge, Workshops und Matchmaking – das Programm des Digitalgipfels.",
        "Talks, workshops and matchmaking – the digital summit's programme.",
    ),
)
DRAFT = (
    Text("Entwurf: Jahresbilanz des Netzwerks", "Draft: the network's year in review"),
    Text(
        "Eintritte, Veranstaltungen, Kooperationen – was das Jahr gebracht hat.",
        "Members joining, events, cooperations – what the year brought.",
    ),
)
# A correction after publishing: a second revision of some articles.
CORRECTION = Text(
    "Korrektur: In einer früheren Fassung stand ein falsches Datum.",
    "Correction: an earlier version of this article gave a wrong date.",
)


# --- portraits --------------------------------------------------------------------------------

FIRM_PORTRAITS = {DIGITAL["slug"]: 8, MARITIME["slug"]: 4}
ROLE_MODELS = 8  # on the digital cluster's site

FIRM_PARAGRAPHS = (
    Text(
        "{org} sitzt in {city} und beschäftigt {employees} Menschen. {person}, {job_title}, "
        "beschreibt die Firma so: Wir lösen Probleme, die andere für zu klein halten – "
        "schnell und ohne großen Apparat.",
        "{org} is based in {city} and employs {employees} people. {person}, {job_title}, "
        "describes the firm like this: we solve problems others consider too small – quickly "
        "and without a big apparatus.",
    ),
    Text(
        "Der Schwerpunkt liegt auf {topic}{topic2_de}. Kundinnen und Kunden kommen vor allem "
        "aus dem Mittelstand und der öffentlichen Verwaltung in Norddeutschland.",
        "The focus is on {topic}{topic2_en}. Customers are mostly small and medium-sized firms "
        "and public administrations in northern Germany.",
    ),
    Text(
        "Im Cluster ist {org} seit {since} Mitglied. Am meisten bringt dem Team der "
        "Austausch in den Fachgruppen – und die Kontakte, aus denen schon zwei gemeinsame "
        "Projekte geworden sind.",
        "{org} has been a member of the cluster since {since}. What the team values most is "
        "the exchange in the topic groups – and the contacts that have already led to two "
        "joint projects.",
    ),
)
FIRM_QUOTES = (
    Text(
        "Wir suchen Leute, die Lust haben, Dinge fertig zu machen.",
        "We are looking for people who like to get things done.",
    ),
    Text(
        "Unsere Kundschaft ruft an, und wir wissen, wer sie ist. Das wollen wir behalten.",
        "Our customers call, and we know who they are. We want to keep it that way.",
    ),
    Text(
        "Im Norden ist man nicht weit weg – man ist nah dran an den Kunden.",
        "In the north you are not far away – you are close to your customers.",
    ),
    Text(
        "Digitalisierung heißt für uns: weniger Papier, mehr Zeit für das Eigentliche.",
        "To us digitalisation means less paper and more time for what matters.",
    ),
)
ROLE_MODEL_PATHS = (
    Text(
        "Nach dem Abitur hat sie zunächst eine Ausbildung zur Fachinformatikerin gemacht und "
        "später berufsbegleitend studiert.",
        "After school she first trained as an IT specialist and later studied part-time.",
    ),
    Text(
        "Sie hat Mathematik in Kiel studiert und ist über ein Praktikum in die Branche gekommen.",
        "She studied mathematics in Kiel and came into the industry through an internship.",
    ),
    Text(
        "Ursprünglich kommt sie aus dem Marketing; in die Technik ist sie über ein "
        "Weiterbildungsprogramm gewechselt.",
        "She originally worked in marketing and moved into tech through a training programme.",
    ),
    Text(
        "Nach dem Informatikstudium in Lübeck hat sie erst in einem Konzern gearbeitet und "
        "ist dann bewusst zu einer kleinen Firma im Norden gegangen.",
        "After studying computer science in Lübeck she worked for a large corporation, then "
        "chose a small firm in the north.",
    ),
)
ROLE_MODEL_PARAGRAPHS = (
    Text(
        "{person} ist {job_title} bei {org} in {city}. {path_de}",
        "{person} works as {job_title} at {org} in {city}. {path_en}",
    ),
    Text(
        "Heute beschäftigt sie sich vor allem mit {topic}. Sie leitet Projekte, in denen "
        "Fachabteilungen und Entwicklung eng zusammenarbeiten, und betreut Werkstudierende.",
        "Today she works mostly on {topic}. She leads projects in which business departments "
        "and development work closely together, and mentors working students.",
    ),
    Text(
        "Im Frauen-Club des Clusters trifft sie andere Frauen aus der Branche; Gäste sind "
        "dort willkommen.",
        "In the cluster's women's club she meets other women from the industry; guests are "
        "welcome there.",
    ),
)
ROLE_MODEL_QUOTES = (
    Text(
        "Fragt nach, auch wenn ihr glaubt, die Einzige zu sein, die etwas nicht versteht.",
        "Ask, even if you think you are the only one who does not understand something.",
    ),
    Text(
        "Technik ist Teamarbeit. Die besten Lösungen entstehen, wenn verschiedene Leute am "
        "Tisch sitzen.",
        "Tech is teamwork. The best solutions come when different people sit at the table.",
    ),
    Text(
        "Ich hätte früher anfangen sollen, mir ein Netzwerk aufzubauen.",
        "I should have started building a network earlier.",
    ),
    Text(
        "Man muss nicht alles können. Man muss wissen, wen man fragt.",
        "You do not need to know everything. You need to know whom to ask.",
    ),
)
ROLE_MODEL_TITLE = Text("Frauen in der Tech-Branche: {person}", "Women in Tech: {person}")
FIRM_TITLE = Text("Firmenporträt: {org}", "Company portrait: {org}")
FIRM_TEASER = Text(
    "Zu Besuch bei {org} in {city}: {topic} für den Norden.",
    "Visiting {org} in {city}: {topic} for the north.",
)
ROLE_MODEL_TEASER = Text(
    "{job_title} bei {org} – und wie sie dorthin gekommen ist.",
    "Working as {job_title} at {org} – and how she got there.",
)
# Every other week a portrait, the newest some days ago.
PORTRAIT_EVERY_DAYS = 14


# --- pictures ---------------------------------------------------------------------------------

# Drawn locally (no photographs): (file name, German alt text, what is drawn). The alt
# text says what the picture shows.
PICTURES = {
    "network": (
        "netzwerk",
        "Grafik: weiße Knoten auf {colour}em Grund, durch Linien zu einem Netz verbunden",
    ),
    "bars": (
        "balken",
        "Grafik: fünf ansteigende Balken auf {colour}em Grund, wie ein Diagramm "
        "wachsender Mitgliederzahlen",
    ),
    "circles": (
        "kreise",
        "Grafik: drei sich überschneidende Kreise auf {colour}em Grund, Sinnbild für "
        "Zusammenarbeit",
    ),
    "waves": (
        "wellen",
        "Grafik: weiße Wellenlinien auf {colour}em Grund, wie Wasser im Hafen",
    ),
}
COLOUR_NAMES = {(0, 84, 143): "blau", (0, 105, 110): "petrolfarben"}
# Which picture an article of a template gets (only some articles have one).
TEMPLATE_PICTURES = {
    "new_members": "network",
    "member_growth": "bars",
    "cooperation": "circles",
    "port_project": "waves",
    "shore_power": "waves",
    "summit": "network",
    "report": "circles",
}
# Job titles in the directory are German; the English pages name the function.
ROLES_EN = {
    "ceo": "managing director",
    "cio": "head of IT",
    "cto": "CTO",
    "cdo": "chief digital officer",
    "hr": "head of HR",
    "marketing": "marketing manager",
    "sales": "sales manager",
    "project": "project manager",
    "research": "researcher",
    "developer": "software developer",
    "board": "board member",
    "office": "office manager",
    "employee": "team member",
    "student": "working student",
}
