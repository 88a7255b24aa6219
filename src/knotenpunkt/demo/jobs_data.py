"""The job board's demo content: 30 member firms of the two clusters and what they offer.

Each firm slot names the archetypes a firm is picked from (demo/archetypes.py) or, for
the demo logins' firms, the organisation itself. Descriptions are written as data: an
introduction, a list of tasks (for a course: its contents) and a profile (for a course:
whom it is for); `demo/jobs.py` puts them together with the firm's offer. Days are
counted from the day the demo is built; `posted` is set only where a scenario needs it,
the others are drawn from the seed.
"""

from dataclasses import dataclass

from knotenpunkt.demo.plan import DIGITAL, MARITIME, MEMBER_ORG, ORG_ADMIN_ORG

# The values of JobPosting's choices, spelled out so that the data stays plain.
JOB, INTERNSHIP, WORKING_STUDENT, THESIS, TRAINING = (
    "job",
    "internship",
    "working_student",
    "thesis",
    "training",
)
ON_SITE, HYBRID, REMOTE = "on_site", "hybrid", "remote"
FULL, PART, FULL_OR_PART, MINI, FREELANCE = (
    "full_time",
    "part_time",
    "full_or_part_time",
    "mini_job",
    "freelance",
)
YEAR, MONTH, HOUR = "YEAR", "MONTH", "HOUR"
ONLINE, ONSITE, BLENDED = "online", "onsite", "blended"
# What becomes of a posting in the demo.
LISTED, EXPIRED, WITHDRAWN, IN_REVIEW, REJECTED = (
    "listed",
    "expired",
    "withdrawn",
    "in_review",
    "rejected",
)

HEADINGS = {
    "tasks": "Ihre Aufgaben",
    "profile": "Ihr Profil",
    "offer": "Was wir bieten",
    "contents": "Inhalte",
    "audience": "Für wen",
    "thesis_tasks": "Mögliche Fragestellungen",
}


@dataclass(frozen=True)
class PostingSpec:
    kind: str
    title: str
    intro: str
    tasks: tuple[str, ...]
    profile: tuple[str, ...]
    topics: tuple[str, ...] = ()
    work_mode: str = ON_SITE
    employment: str = ""
    fixed_term: bool = False
    starts_in: int | None = None  # days from today; None: as soon as possible
    salary: tuple[int, int, str] | None = None  # from, up to, per
    duration: str = ""
    course_mode: str = ""
    course_days: tuple[int, int] | None = None  # first and last day, days from today
    fee: int | None = None
    apply_online: bool = False  # a link to the firm's career page besides the e-mail
    state: str = LISTED
    posted: int | None = None  # days ago
    reason: str = ""  # why the cluster management rejected it


@dataclass(frozen=True)
class FirmSpec:
    key: str
    archetypes: tuple[str, ...]
    offer: tuple[str, ...]
    postings: tuple[PostingSpec, ...]
    cluster: str = DIGITAL["slug"]
    name: str = ""  # a named demo organisation instead of one picked by archetype


# What most employers of the region offer, varied per firm.
OFFER_DIGITAL = (
    "30 Tage Urlaub und flexible Arbeitszeiten",
    "bis zu drei Tage mobiles Arbeiten pro Woche",
    "Weiterbildungsbudget und Zeit für Konferenzen",
    "JobRad und Deutschlandticket-Zuschuss",
)
OFFER_STARTUP = (
    "ein kleines Team mit kurzen Wegen und echter Verantwortung",
    "flexible Arbeitszeiten, Homeoffice nach Absprache",
    "Büro mit Blick auf die Förde",
)
OFFER_MARITIME = (
    "Tarifvertrag bzw. tarifnahe Vergütung und betriebliche Altersvorsorge",
    "Gleitzeit und ein sicherer Arbeitsplatz in einem wachsenden Unternehmen",
    "Einarbeitung durch erfahrene Kolleginnen und Kollegen",
)

FIRMS: list[FirmSpec] = [
    # --- the demo logins' firms -----------------------------------------------------------
    FirmSpec(
        key="foerdewerk",
        name=ORG_ADMIN_ORG,
        archetypes=("software",),
        offer=OFFER_STARTUP,
        postings=(
            PostingSpec(
                JOB,
                "Fullstack-Entwickler:in Django/Vue (m/w/d)",
                "Wir bauen Fachanwendungen für Kommunen und Mittelständler im Norden und "
                "suchen Verstärkung für unser Produktteam in Kiel.",
                (
                    "Sie entwickeln neue Funktionen vom Datenmodell bis zur Oberfläche.",
                    "Sie schreiben Tests und prüfen den Code Ihrer Kolleg:innen im Review.",
                    "Sie sprechen mit Kund:innen, bevor wir etwas bauen.",
                ),
                (
                    "Mehrjährige Erfahrung mit Python (Django) und einem modernen "
                    "JavaScript-Framework",
                    "Freude an sauberem, verständlichem Code",
                    "Sehr gute Deutschkenntnisse",
                ),
                topics=("webentwicklung", "backend-entwicklung", "frontend-entwicklung"),
                work_mode=HYBRID,
                employment=FULL_OR_PART,
                salary=(54000, 66000, YEAR),
                apply_online=True,
                posted=12,
            ),
            PostingSpec(
                INTERNSHIP,
                "Praktikum Softwareentwicklung – junge Talente gesucht",
                "Sie wollen sehen, wie Software im echten Projektalltag entsteht? Dann "
                "kommen Sie zu uns – wir suchen junge, dynamische Praktikanten.",
                (
                    "Mitarbeit an einem internen Werkzeug für unsere Projektplanung",
                    "Teilnahme an Sprint-Planung und Retrospektiven",
                ),
                ("Studium der Informatik oder eines verwandten Fachs", "Erste Python-Kenntnisse"),
                topics=("software-entwicklung",),
                employment=FULL,
                fixed_term=True,
                starts_in=45,
                state=REJECTED,
                posted=6,
                reason=(
                    "Bitte formulieren Sie die Anzeige neutral: „junge, dynamische Praktikanten“ "
                    "schließt Bewerber:innen nach Alter und Geschlecht aus (AGG). Ergänzen Sie "
                    "außerdem die Vergütung und die Dauer des Praktikums."
                ),
            ),
        ),
    ),
    FirmSpec(
        key="datenkontor",
        name=MEMBER_ORG,
        archetypes=("data_ai",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Data Engineer (m/w/d) für unsere Datenplattform",
                "Der Kieler Datenkontor betreibt Datenplattformen für Stadtwerke, "
                "Versicherer und Händler in Schleswig-Holstein.",
                (
                    "Sie bauen und betreiben Datenstrecken mit Python, dbt und Airflow.",
                    "Sie modellieren Daten so, dass Fachabteilungen sie selbst nutzen können.",
                    "Sie achten auf Datenschutz und nachvollziehbare Datenherkunft.",
                ),
                (
                    "Erfahrung mit SQL, Python und mindestens einer Cloud-Datenbank",
                    "Verständnis für Datenmodellierung (z. B. Data Vault oder Kimball)",
                ),
                topics=("data-engineering", "datenmanagement", "cloud-computing"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(58000, 72000, YEAR),
                apply_online=True,
                posted=20,
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in Datenanalyse und Reporting",
                "Für unser Analytics-Team suchen wir Unterstützung bei Auswertungen und "
                "Dashboards für unsere Kund:innen.",
                (
                    "Sie bereiten Daten auf und bauen Berichte in Power BI.",
                    "Sie automatisieren wiederkehrende Auswertungen mit Python.",
                ),
                (
                    "Eingeschriebenes Studium (Wirtschaftsinformatik, Statistik o. Ä.)",
                    "15–20 Stunden pro Woche, in den Semesterferien gern mehr",
                ),
                topics=("business-intelligence", "data-science"),
                work_mode=HYBRID,
                employment=PART,
                salary=(16, 18, HOUR),
                posted=41,
            ),
        ),
    ),
    # --- software ---------------------------------------------------------------------------
    FirmSpec(
        key="software-1",
        archetypes=("software",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Senior Backend-Entwickler:in Java/Kotlin (m/w/d)",
                "Wir entwickeln eine Plattform für die Abrechnung von Energie- und "
                "Wärmenetzen, die heute über 120 Stadtwerke nutzen.",
                (
                    "Sie verantworten Services vom Entwurf bis zum Betrieb.",
                    "Sie treiben die Modernisierung unserer Schnittstellen voran.",
                    "Sie begleiten jüngere Kolleg:innen fachlich.",
                ),
                (
                    "Mehrjährige Erfahrung mit Java oder Kotlin und Spring Boot",
                    "Erfahrung mit PostgreSQL, Kafka und Kubernetes",
                ),
                topics=("backend-entwicklung", "schnittstellen-integration"),
                work_mode=REMOTE,
                employment=FULL,
                salary=(68000, 82000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                THESIS,
                "Masterarbeit: Lasttests für eventgetriebene Architekturen",
                "In Ihrer Abschlussarbeit untersuchen Sie, wie sich Lastspitzen in unserer "
                "Kafka-basierten Architektur realistisch simulieren lassen.",
                (
                    "Welche Werkzeuge eignen sich für Lasttests asynchroner Systeme?",
                    "Wie lassen sich Messergebnisse auf den Produktionsbetrieb übertragen?",
                ),
                ("Masterstudium Informatik", "Grundkenntnisse in Java und verteilten Systemen"),
                topics=("softwaretest-qualitaetssicherung", "devops"),
                work_mode=HYBRID,
                employment=FULL,
                fixed_term=True,
                salary=(1000, 1000, MONTH),
            ),
            PostingSpec(
                JOB,
                "Frontend-Entwickler:in React (m/w/d) – Elternzeitvertretung",
                "Für 18 Monate suchen wir eine Vertretung in unserem Team für das Kundenportal.",
                (
                    "Weiterentwicklung des Kundenportals in React und TypeScript",
                    "Umsetzung der Barrierefreiheit nach BITV 2.0",
                ),
                ("Erfahrung mit React und TypeScript", "Gespür für gute Bedienbarkeit"),
                topics=("frontend-entwicklung", "digitale-barrierefreiheit"),
                work_mode=HYBRID,
                employment=FULL_OR_PART,
                fixed_term=True,
                starts_in=60,
                salary=(52000, 60000, YEAR),
                state=WITHDRAWN,
                posted=58,
            ),
        ),
    ),
    FirmSpec(
        key="software-2",
        archetypes=("software",),
        offer=OFFER_STARTUP,
        postings=(
            PostingSpec(
                JOB,
                "App-Entwickler:in Flutter (m/w/d)",
                "Unsere App hilft Handwerksbetrieben, Aufträge, Zeiten und Fotos von der "
                "Baustelle zu erfassen – auch ohne Netz.",
                (
                    "Sie entwickeln unsere App für iOS und Android mit Flutter.",
                    "Sie sorgen dafür, dass die App offline zuverlässig synchronisiert.",
                ),
                ("Erfahrung mit Flutter/Dart oder nativer App-Entwicklung", "Teamgeist"),
                topics=("app-entwicklung", "cross-platform-entwicklung", "handwerkersoftware"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(50000, 62000, YEAR),
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in Softwaretest",
                "Sie unterstützen unser Team dabei, dass jede neue Version der App stabil läuft.",
                (
                    "Sie schreiben automatisierte Tests und pflegen Testfälle.",
                    "Sie testen neue Funktionen auf echten Geräten.",
                ),
                ("Studium der Informatik oder Medieninformatik", "10–20 Stunden pro Woche"),
                topics=("softwaretest-qualitaetssicherung",),
                employment=PART,
                salary=(15, 16, HOUR),
            ),
        ),
    ),
    FirmSpec(
        key="software-3",
        archetypes=("software",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "DevOps Engineer (m/w/d)",
                "Wir betreiben unsere SaaS-Lösung für die Personaleinsatzplanung in "
                "deutschen Rechenzentren und wollen noch schneller ausliefern.",
                (
                    "Sie automatisieren Infrastruktur mit Terraform und Ansible.",
                    "Sie verbessern unsere CI/CD-Pipelines und unser Monitoring.",
                    "Sie teilen sich die Rufbereitschaft mit drei Kolleg:innen.",
                ),
                ("Erfahrung mit Linux, Containern und GitLab CI", "Sicherheitsbewusstsein"),
                topics=("devops", "container-kubernetes", "einsatz-und-personalplanung"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(60000, 74000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                JOB,
                "Product Owner:in (m/w/d) Personaleinsatzplanung",
                "Sie übersetzen die Wünsche von Pflegeheimen und Krankenhäusern in ein "
                "Produkt, das Dienstpläne einfacher macht.",
                (
                    "Sie führen das Product Backlog und priorisieren mit dem Team.",
                    "Sie sprechen regelmäßig mit Anwender:innen vor Ort.",
                ),
                (
                    "Erfahrung als Product Owner:in, idealerweise im B2B-Umfeld",
                    "Zertifikat PSPO oder CSPO von Vorteil",
                ),
                topics=("einsatz-und-personalplanung", "agile-organisation"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(62000, 75000, YEAR),
            ),
            PostingSpec(
                INTERNSHIP,
                "Pflichtpraktikum UX-Research (m/w/d)",
                "Sie begleiten unser Designteam bei Interviews und Usability-Tests.",
                (
                    "Sie planen Interviews mit Anwender:innen und werten sie aus.",
                    "Sie bauen klickbare Prototypen in Figma.",
                ),
                (
                    "Studium im Bereich Design, Psychologie oder Informatik",
                    "Pflichtpraktikum laut Studienordnung",
                ),
                topics=("ux-ui-design",),
                work_mode=HYBRID,
                employment=FULL,
                fixed_term=True,
                starts_in=50,
                salary=(1000, 1000, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="software-4",
        archetypes=("software",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Softwareentwickler:in C#/.NET für Warenwirtschaft (m/w/d)",
                "Seit 25 Jahren entwickeln wir Warenwirtschaft für den Großhandel – und "
                "bringen sie gerade Schritt für Schritt in die Cloud.",
                (
                    "Sie entwickeln Module unserer ERP-Lösung in C# und .NET 8.",
                    "Sie migrieren Altmodule in eine Web-Oberfläche.",
                ),
                ("Gute Kenntnisse in C# und SQL Server", "Interesse an kaufmännischen Abläufen"),
                topics=("erp-warenwirtschaft", "legacy-modernisierung"),
                work_mode=ON_SITE,
                employment=FULL,
                salary=(50000, 64000, YEAR),
            ),
            PostingSpec(
                JOB,
                "Ausbildung Fachinformatiker:in für Anwendungsentwicklung (m/w/d) 2027",
                "Zum 1. August 2027 bilden wir wieder aus – mit fester Ansprechperson und "
                "eigenem Azubi-Projekt.",
                (
                    "Sie lernen alle Schritte der Softwareentwicklung im Team kennen.",
                    "Sie besuchen die Berufsschule im Blockunterricht.",
                ),
                ("(Fach-)Abitur oder guter mittlerer Schulabschluss", "Spaß an Logik und Technik"),
                topics=("ausbildung-duales-studium",),
                employment=FULL,
                fixed_term=True,
                starts_in=230,
                salary=(1050, 1250, MONTH),
                apply_online=True,
            ),
        ),
    ),
    # --- IT consulting ----------------------------------------------------------------------
    FirmSpec(
        key="consulting-1",
        archetypes=("it_consulting",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "IT-Consultant:in Digitalisierung im Mittelstand (m/w/d)",
                "Wir begleiten mittelständische Unternehmen zwischen Flensburg und Hamburg "
                "bei Prozessen, Software-Auswahl und Einführung.",
                (
                    "Sie analysieren Geschäftsprozesse gemeinsam mit unseren Kund:innen.",
                    "Sie leiten Auswahl- und Einführungsprojekte.",
                    "Sie moderieren Workshops vor Ort.",
                ),
                (
                    "Studium der Wirtschaftsinformatik oder vergleichbare Erfahrung",
                    "Führerschein Klasse B",
                ),
                topics=("it-beratung", "prozessautomatisierung"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(56000, 70000, YEAR),
            ),
            PostingSpec(
                TRAINING,
                "Workshop: Prozesse digitalisieren mit Low-Code",
                "Ein praxisnaher Tag für Geschäftsführungen und Prozessverantwortliche: Wir "
                "digitalisieren gemeinsam einen Freigabeprozess aus Ihrem Alltag.",
                (
                    "Prozesse aufnehmen und vereinfachen",
                    "Überblick über Low-Code-Plattformen und ihre Grenzen",
                    "Datenschutz und Betrieb im Blick behalten",
                ),
                (
                    "Geschäftsführungen und Prozessverantwortliche kleiner und mittlerer "
                    "Unternehmen",
                ),
                topics=("low-code-no-code", "prozessautomatisierung", "weiterbildung"),
                duration="1 Tag",
                course_mode=ONSITE,
                course_days=(38, 38),
                fee=390,
            ),
        ),
    ),
    FirmSpec(
        key="consulting-2",
        archetypes=("it_consulting",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "IT-Projektmanager:in (m/w/d) öffentliche Auftraggeber",
                "Für Projekte mit Kreisen und Kommunen in Schleswig-Holstein suchen wir eine "
                "erfahrene Projektleitung.",
                (
                    "Sie steuern Projekte nach PM² oder Hermes bis zur Abnahme.",
                    "Sie berichten an Lenkungskreise und koordinieren Dienstleister.",
                ),
                (
                    "Mehrjährige Projekterfahrung, idealerweise im öffentlichen Sektor",
                    "Zertifizierung (PMP, PRINCE2 o. Ä.) von Vorteil",
                ),
                topics=("it-projektmanagement", "digitale-verwaltung"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(65000, 80000, YEAR),
            ),
            PostingSpec(
                THESIS,
                "Bachelorarbeit: Reifegrad der Digitalisierung in Kommunalverwaltungen",
                "Wie digital arbeiten kleine Ämter wirklich? Sie entwickeln ein einfaches "
                "Reifegradmodell und erproben es mit zwei Partnerkommunen.",
                (
                    "Welche Kriterien beschreiben den Stand der Digitalisierung?",
                    "Wie lässt sich der Reifegrad mit wenig Aufwand erheben?",
                ),
                ("Bachelorstudium Wirtschaftsinformatik oder Verwaltungswissenschaften",),
                topics=("digitale-verwaltung", "online-verwaltungsleistungen"),
                work_mode=HYBRID,
                fixed_term=True,
            ),
            PostingSpec(
                INTERNSHIP,
                "Praktikum IT-Beratung (m/w/d) für 3–6 Monate",
                "Sie schauen uns in echten Kundenprojekten über die Schulter und arbeiten mit.",
                (
                    "Sie bereiten Workshops vor und dokumentieren Ergebnisse.",
                    "Sie recherchieren Marktübersichten zu Softwarelösungen.",
                ),
                ("Studium der (Wirtschafts-)Informatik oder BWL", "Strukturierte Arbeitsweise"),
                topics=("it-beratung",),
                work_mode=HYBRID,
                employment=FULL,
                fixed_term=True,
                salary=(1200, 1200, MONTH),
                state=EXPIRED,
                posted=88,
            ),
        ),
    ),
    # --- Systemhäuser -----------------------------------------------------------------------
    FirmSpec(
        key="systemhaus-1",
        archetypes=("systemhaus",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Systemadministrator:in Microsoft 365 und Netzwerke (m/w/d)",
                "Wir betreuen rund 180 Kundenunternehmen in Nordfriesland und Schleswig – von "
                "der Arztpraxis bis zum Landhandel.",
                (
                    "Sie betreuen Server, Netzwerke und Microsoft-365-Umgebungen.",
                    "Sie planen Migrationen und setzen sie beim Kunden um.",
                    "Sie lösen Störungen im 2nd-Level-Support.",
                ),
                (
                    "Ausbildung als Fachinformatiker:in Systemintegration oder vergleichbar",
                    "Führerschein Klasse B",
                ),
                topics=("it-service-systemhaus", "modern-workplace", "netzwerke-telekommunikation"),
                employment=FULL,
                salary=(44000, 55000, YEAR),
            ),
            PostingSpec(
                JOB,
                "IT-Supporter:in im Servicedesk (m/w/d) – Teilzeit möglich",
                "Sie sind die erste Stimme, die unsere Kund:innen hören, wenn etwas nicht läuft.",
                (
                    "Sie nehmen Anfragen per Telefon und Ticket an und lösen sie.",
                    "Sie richten Arbeitsplätze und Benutzerkonten ein.",
                ),
                ("Erste Erfahrung im IT-Support", "Freundlichkeit auch am Montagmorgen"),
                topics=("it-support",),
                employment=FULL_OR_PART,
                salary=(36000, 42000, YEAR),
            ),
        ),
    ),
    FirmSpec(
        key="systemhaus-2",
        archetypes=("systemhaus", "hosting"),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Cloud-Architekt:in (m/w/d) für souveräne Cloud-Lösungen",
                "Immer mehr Kund:innen aus Verwaltung und Gesundheitswesen wollen in die Cloud "
                "– aber in eine, deren Rechenzentrum in Deutschland steht.",
                (
                    "Sie entwerfen Cloud-Architekturen auf Basis von OpenStack und Kubernetes.",
                    "Sie beraten Kund:innen zu Migration, Betrieb und Kosten.",
                ),
                (
                    "Tiefe Kenntnisse in Linux, Netzwerken und Virtualisierung",
                    "Erfahrung mit BSI C5 von Vorteil",
                ),
                topics=("souveraene-cloud", "cloud-migration", "container-kubernetes"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(70000, 88000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                TRAINING,
                "Zertifikatskurs Kubernetes-Administration (CKA-Vorbereitung)",
                "In vier Tagen bereiten wir Sie gezielt auf die Prüfung zum Certified "
                "Kubernetes Administrator vor – mit eigenem Übungscluster.",
                (
                    "Cluster aufsetzen, aktualisieren und sichern",
                    "Netzwerk, Speicher und Berechtigungen",
                    "Fehlersuche unter Prüfungsbedingungen",
                ),
                ("Administrator:innen mit Linux- und Container-Grundkenntnissen",),
                topics=("container-kubernetes", "it-schulungen"),
                duration="4 Tage",
                course_mode=BLENDED,
                course_days=(52, 55),
                fee=1890,
            ),
        ),
    ),
    # --- IT security ------------------------------------------------------------------------
    FirmSpec(
        key="security-1",
        archetypes=("security",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Penetration Tester:in (m/w/d)",
                "Wir prüfen Anwendungen und Netzwerke von Mittelstand, Kliniken und "
                "Versorgern – bevor es andere tun.",
                (
                    "Sie führen Penetrationstests von Web-Anwendungen und Netzwerken durch.",
                    "Sie schreiben verständliche Berichte mit klaren Empfehlungen.",
                    "Sie stellen Ergebnisse auch der Geschäftsführung vor.",
                ),
                (
                    "Erfahrung in offensiver Sicherheit, gern mit OSCP",
                    "Verantwortungsbewusstsein und Verschwiegenheit",
                ),
                topics=("penetrationstests", "it-sicherheit"),
                work_mode=REMOTE,
                employment=FULL,
                salary=(60000, 78000, YEAR),
            ),
            PostingSpec(
                TRAINING,
                "Security-Awareness-Training für Mitarbeitende (online)",
                "Phishing erkennen, Passwörter sicher verwalten, richtig reagieren: ein "
                "kompaktes Online-Training, das Ihre Belegschaft wirklich erreicht.",
                (
                    "Aktuelle Angriffsmaschen an echten Beispielen",
                    "Übung: verdächtige E-Mails erkennen",
                    "Was tun im Ernstfall? Meldewege und erste Schritte",
                ),
                ("Alle Mitarbeitenden, ohne Vorkenntnisse",),
                topics=("security-awareness", "weiterbildung"),
                work_mode=REMOTE,
                duration="3 Stunden",
                course_mode=ONLINE,
                course_days=(21, 21),
                fee=149,
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in IT-Sicherheit / SOC",
                "Unterstützen Sie unser Security Operations Center bei der Auswertung von "
                "Sicherheitsmeldungen.",
                (
                    "Sie sichten Alarme und bereiten sie für die Analyst:innen auf.",
                    "Sie pflegen Erkennungsregeln und Dokumentation.",
                ),
                ("Studium IT-Sicherheit oder Informatik", "Interesse an Angriffstechniken"),
                topics=("security-operations",),
                work_mode=HYBRID,
                employment=PART,
                salary=(17, 19, HOUR),
                state=IN_REVIEW,
                posted=2,
            ),
        ),
    ),
    FirmSpec(
        key="security-2",
        archetypes=("security",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Informationssicherheitsbeauftragte:r (m/w/d) NIS2",
                "Mit NIS2 brauchen viele unserer Kund:innen erstmals ein ISMS. Sie helfen "
                "ihnen, es aufzubauen – und zu leben.",
                (
                    "Sie bauen ISMS nach ISO 27001 und BSI IT-Grundschutz auf.",
                    "Sie übernehmen die Rolle als externe:r ISB für Kund:innen.",
                ),
                (
                    "Erfahrung mit ISO 27001 oder IT-Grundschutz",
                    "Zertifikat als ISB oder Lead Auditor von Vorteil",
                ),
                topics=("isms-sicherheitsberatung", "kritis-nis2"),
                work_mode=HYBRID,
                employment=FULL_OR_PART,
                salary=(62000, 76000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                TRAINING,
                "NIS2 kompakt: Pflichten für Geschäftsleitungen",
                "Geschäftsleitungen haften unter NIS2 persönlich. Der halbtägige Kurs erfüllt "
                "die Schulungspflicht und zeigt, was jetzt zu tun ist.",
                (
                    "Wer ist betroffen? Die Schwellenwerte verständlich erklärt",
                    "Risikomanagement, Meldepflichten, Haftung",
                    "Ein Fahrplan für die ersten 100 Tage",
                ),
                ("Geschäftsführungen, Vorstände und IT-Verantwortliche",),
                topics=("kritis-nis2", "compliance-governance"),
                duration="halber Tag",
                course_mode=ONSITE,
                course_days=(17, 17),
                fee=490,
            ),
            PostingSpec(
                TRAINING,
                "NIS2 kompakt (Herbsttermin)",
                "Der Herbsttermin unseres Kurses für Geschäftsleitungen.",
                ("Pflichten, Meldewege und Haftung unter NIS2",),
                ("Geschäftsführungen und IT-Verantwortliche",),
                topics=("kritis-nis2",),
                duration="halber Tag",
                course_mode=ONSITE,
                fee=490,
                state=EXPIRED,
                posted=84,
            ),
        ),
    ),
    # --- data and AI ------------------------------------------------------------------------
    FirmSpec(
        key="data-1",
        archetypes=("data_ai",),
        offer=OFFER_STARTUP,
        postings=(
            PostingSpec(
                JOB,
                "Machine Learning Engineer (m/w/d) Sprachmodelle",
                "Wir entwickeln Assistenzsysteme, die Sachbearbeiter:innen beim Lesen und "
                "Beantworten von Anträgen entlasten – mit Sprachmodellen, die in Deutschland "
                "laufen.",
                (
                    "Sie trainieren und evaluieren Modelle für deutschsprachige Texte.",
                    "Sie bringen Modelle zuverlässig in den Betrieb.",
                    "Sie achten auf Nachvollziehbarkeit und den AI Act.",
                ),
                ("Erfahrung mit PyTorch und Transformer-Modellen", "Sehr gute Python-Kenntnisse"),
                topics=("generative-ki", "sprachverarbeitung", "maschinelles-lernen"),
                work_mode=REMOTE,
                employment=FULL,
                salary=(65000, 85000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                THESIS,
                "Masterarbeit: Halluzinationen in Antwortsystemen messen",
                "Wie zuverlässig sind Antworten eines Sprachmodells auf Fragen zu "
                "Verwaltungsvorschriften? Sie entwickeln ein Bewertungsverfahren.",
                (
                    "Welche Metriken erfassen sachliche Fehler zuverlässig?",
                    "Wie gut stimmen automatische und menschliche Bewertungen überein?",
                ),
                ("Masterstudium Informatik, Data Science oder Computerlinguistik",),
                topics=("erklaerbare-ki", "generative-ki"),
                work_mode=HYBRID,
                fixed_term=True,
                salary=(800, 800, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="data-2",
        archetypes=("data_ai",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Data Scientist (m/w/d) Prognosen für Energieversorger",
                "Wir sagen Verbrauch und Erzeugung in Verteilnetzen voraus – je genauer, "
                "desto weniger Windstrom wird abgeregelt.",
                (
                    "Sie entwickeln Prognosemodelle für Last und Einspeisung.",
                    "Sie arbeiten eng mit den Netzleitstellen unserer Kund:innen zusammen.",
                ),
                ("Studium der Mathematik, Physik, Statistik o. Ä.", "Erfahrung mit Zeitreihen"),
                topics=("predictive-analytics", "data-science", "energiewirtschaft"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(58000, 70000, YEAR),
            ),
            PostingSpec(
                TRAINING,
                "KI-Führerschein für Mitarbeitende (AI Act Art. 4)",
                "Seit Februar 2025 müssen Unternehmen für KI-Kompetenz ihrer Beschäftigten "
                "sorgen. Unser Kurs vermittelt sie in zwei Vormittagen.",
                (
                    "Was KI kann – und was nicht",
                    "Sicher und datenschutzgerecht mit KI-Werkzeugen arbeiten",
                    "Pflichten aus dem AI Act im Überblick",
                ),
                ("Mitarbeitende aller Abteilungen",),
                topics=("ki-kompetenz", "ki-recht"),
                work_mode=REMOTE,
                duration="2 × 3 Stunden",
                course_mode=ONLINE,
                course_days=(28, 35),
                fee=290,
            ),
        ),
    ),
    # --- design, commerce, health, public sector, education ------------------------------------
    FirmSpec(
        key="media-1",
        archetypes=("media_design",),
        offer=OFFER_STARTUP,
        postings=(
            PostingSpec(
                JOB,
                "UX/UI-Designer:in (m/w/d)",
                "Wir gestalten digitale Angebote für Tourismus, Kultur und Verwaltung im "
                "Norden – barrierefrei und mit Liebe zum Detail.",
                (
                    "Sie entwerfen Oberflächen von der Skizze bis zum Designsystem.",
                    "Sie testen Entwürfe mit echten Nutzer:innen.",
                ),
                ("Aussagekräftiges Portfolio", "Kenntnisse in Figma und WCAG"),
                topics=("ux-ui-design", "digitale-barrierefreiheit"),
                work_mode=HYBRID,
                employment=FULL_OR_PART,
                salary=(46000, 56000, YEAR),
            ),
            PostingSpec(
                INTERNSHIP,
                "Praktikum Motion Design (m/w/d)",
                "Sie arbeiten an Erklärfilmen und Social-Media-Clips für unsere Kund:innen mit.",
                (
                    "Animationen in After Effects gestalten",
                    "Storyboards mitentwickeln",
                ),
                ("Studium Mediendesign, Kommunikationsdesign o. Ä.", "Mappe mit eigenen Arbeiten"),
                topics=("animation-vfx", "film-bewegtbild"),
                employment=FULL,
                fixed_term=True,
                starts_in=30,
                salary=(900, 900, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="commerce-1",
        archetypes=("ecommerce",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Online-Marketing-Manager:in (m/w/d) SEA und SEO",
                "Wir betreuen Onlineshops von Herstellern aus dem Norden – von Fischfeinkost "
                "bis Outdoor-Bekleidung.",
                (
                    "Sie planen und steuern Kampagnen in Google Ads und Microsoft Ads.",
                    "Sie verbessern Sichtbarkeit und Conversion der Shops.",
                ),
                ("Mehrjährige Erfahrung im Performance-Marketing", "Analytisches Denken"),
                topics=("suchmaschinenmarketing", "web-analyse"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(45000, 55000, YEAR),
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in Shopware-Entwicklung",
                "Sie entwickeln Plugins und Anpassungen für Shopware-Shops unserer Kund:innen.",
                (
                    "Plugin-Entwicklung in PHP und Symfony",
                    "Anpassungen an Templates und Schnittstellen",
                ),
                ("Studium der Informatik o. Ä.", "Erste Erfahrungen mit PHP"),
                topics=("onlineshops", "webentwicklung"),
                work_mode=REMOTE,
                employment=PART,
                salary=(15, 17, HOUR),
            ),
        ),
    ),
    FirmSpec(
        key="health-1",
        archetypes=("ehealth",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Softwareentwickler:in Medizinprodukte (m/w/d)",
                "Unsere Software unterstützt Pflegekräfte bei der Wunddokumentation und ist "
                "als Medizinprodukt zertifiziert.",
                (
                    "Sie entwickeln Funktionen nach IEC 62304.",
                    "Sie arbeiten an Schnittstellen zu Krankenhausinformationssystemen (HL7 FHIR).",
                ),
                (
                    "Erfahrung in der Softwareentwicklung, gern im regulierten Umfeld",
                    "Kenntnisse in FHIR von Vorteil",
                ),
                topics=("medizintechnik-software", "digitale-pflege"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(58000, 70000, YEAR),
            ),
            PostingSpec(
                THESIS,
                "Bachelorarbeit: Spracheingabe in der Pflegedokumentation",
                "Pflegekräfte haben selten die Hände frei. Sie untersuchen, ob und wie "
                "Spracheingabe die Dokumentation erleichtert.",
                (
                    "Wie genau erkennt Spracherkennung Fachbegriffe der Pflege?",
                    "Was sagen Pflegekräfte im Praxistest?",
                ),
                ("Bachelorstudium Informatik, Medizininformatik oder Pflegewissenschaft",),
                topics=("digitale-pflege", "sprachverarbeitung"),
                work_mode=HYBRID,
                fixed_term=True,
            ),
        ),
    ),
    FirmSpec(
        key="govtech-1",
        archetypes=("govtech",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Softwareentwickler:in OZG-Onlinedienste (m/w/d)",
                "Wir bringen Verwaltungsleistungen online – vom Wohngeld bis zur "
                "Gewerbeanmeldung, nach dem Einer-für-Alle-Prinzip.",
                (
                    "Sie entwickeln Onlinedienste mit Java und den Standards XÖV und FIT-Connect.",
                    "Sie arbeiten mit Fachleuten aus Ländern und Kommunen zusammen.",
                ),
                ("Erfahrung mit Java oder Kotlin", "Interesse an Verwaltung und offenen Standards"),
                topics=("online-verwaltungsleistungen", "interoperabilitaet-standards"),
                work_mode=REMOTE,
                employment=FULL,
                salary=(56000, 72000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                JOB,
                "Service Designer:in (m/w/d) für digitale Verwaltung",
                "Sie sorgen dafür, dass Bürger:innen einen Antrag verstehen, bevor wir ihn "
                "digitalisieren.",
                (
                    "Sie führen Interviews mit Antragstellenden und Sachbearbeitenden.",
                    "Sie vereinfachen Formulare und Abläufe.",
                ),
                ("Erfahrung im Service Design oder UX Research", "Geduld mit Verwaltungssprache"),
                topics=("service-design", "digitale-verwaltung"),
                work_mode=HYBRID,
                employment=FULL_OR_PART,
                salary=(54000, 64000, YEAR),
                state=EXPIRED,
                posted=90,
            ),
        ),
    ),
    FirmSpec(
        key="edtech-1",
        archetypes=("edtech",),
        offer=OFFER_STARTUP,
        postings=(
            PostingSpec(
                TRAINING,
                "Weiterbildung: Python für Einsteiger:innen (berufsbegleitend)",
                "Acht Abende, ein eigenes kleines Projekt: Sie lernen Python so, dass Sie "
                "danach Auswertungen und kleine Automatisierungen selbst bauen.",
                (
                    "Grundlagen der Sprache und gute Gewohnheiten",
                    "Daten aus Excel und CSV verarbeiten",
                    "Ein eigenes Projekt mit Betreuung",
                ),
                ("Berufstätige ohne Programmiererfahrung",),
                topics=("it-schulungen", "e-learning"),
                work_mode=REMOTE,
                duration="8 Abende à 3 Stunden",
                course_mode=ONLINE,
                course_days=(24, 73),
                fee=690,
                apply_online=True,
            ),
            PostingSpec(
                TRAINING,
                "Digitale Werkzeuge im Unterricht – Fortbildung für Lehrkräfte",
                "Kostenfreie Fortbildung für Lehrkräfte an Berufsschulen, gefördert aus "
                "Landesmitteln.",
                (
                    "Lernplattformen sinnvoll einsetzen",
                    "KI im Unterricht: Chancen, Grenzen, Regeln",
                ),
                ("Lehrkräfte an berufsbildenden Schulen in Schleswig-Holstein",),
                topics=("digitale-schule", "ki-kompetenz"),
                duration="2 Tage",
                course_mode=BLENDED,
                course_days=(44, 45),
            ),
            PostingSpec(
                JOB,
                "Learning Designer:in (m/w/d) E-Learning",
                "Sie entwickeln Lernpfade für unsere Online-Weiterbildungen.",
                (
                    "Sie konzipieren Lerneinheiten mit Fachexpert:innen.",
                    "Sie produzieren Videos, Quizze und Übungen.",
                ),
                ("Erfahrung im Instructional Design", "Sicherer Umgang mit Moodle oder ILIAS"),
                topics=("e-learning", "weiterbildung"),
                work_mode=REMOTE,
                employment=PART,
                salary=(30000, 36000, YEAR),
            ),
        ),
    ),
    FirmSpec(
        key="green-1",
        archetypes=("greenit", "telecom", "iot"),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "IoT-Entwickler:in (m/w/d) Sensorik und LoRaWAN",
                "Unsere Sensoren messen Pegel, Bodenfeuchte und Energieverbräuche in "
                "Gemeinden und Betrieben im ganzen Land.",
                (
                    "Sie entwickeln Firmware für stromsparende Sensoren.",
                    "Sie binden Geräte über LoRaWAN an unsere Plattform an.",
                ),
                ("Erfahrung mit C/C++ auf Mikrocontrollern", "Lust auf Einsätze im Gelände"),
                topics=("iot-funknetze", "sensorik-messtechnik", "embedded-software"),
                employment=FULL,
                salary=(52000, 64000, YEAR),
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in CO₂-Bilanzierung",
                "Sie unterstützen unser Beratungsteam bei Treibhausgasbilanzen für kleine und "
                "mittlere Unternehmen.",
                (
                    "Verbrauchsdaten erheben und aufbereiten",
                    "Bilanzen nach GHG Protocol mitberechnen",
                ),
                (
                    "Studium Umweltwissenschaften, Energietechnik o. Ä.",
                    "Sorgfalt im Umgang mit Zahlen",
                ),
                topics=("co2-bilanzierung", "nachhaltigkeitsberichterstattung"),
                work_mode=HYBRID,
                employment=MINI,
                salary=(14, 15, HOUR),
                state=IN_REVIEW,
                posted=1,
            ),
        ),
    ),
    # --- the maritime cluster -----------------------------------------------------------------
    FirmSpec(
        key="shipyard-1",
        cluster=MARITIME["slug"],
        archetypes=("shipyard",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Schiffbauingenieur:in Konstruktion (m/w/d)",
                "Wir bauen und bauen um: Fähren, Forschungs- und Behördenschiffe für Kunden "
                "aus ganz Europa.",
                (
                    "Sie konstruieren Stahl- und Ausrüstungsbaugruppen in 3D.",
                    "Sie stimmen sich mit Klassifikationsgesellschaften ab.",
                ),
                ("Studium Schiffbau oder Maschinenbau", "Erfahrung mit CAD (z. B. AVEVA, NAPA)"),
                topics=("schiffbau-meerestechnik",),
                employment=FULL,
                salary=(58000, 72000, YEAR),
            ),
            PostingSpec(
                JOB,
                "Ausbildung Konstruktionsmechaniker:in Schiffbau (m/w/d)",
                "Dreieinhalb Jahre, die man sieht: Sie lernen, wie aus Stahlplatten ein Schiff "
                "wird.",
                (
                    "Schweißen, Brennschneiden und Montieren an Bord",
                    "Einsatz in allen Gewerken der Werft",
                ),
                ("Guter Hauptschul- oder Realschulabschluss", "Handwerkliches Geschick"),
                topics=("ausbildung-duales-studium", "schiffbau-meerestechnik"),
                employment=FULL,
                fixed_term=True,
                starts_in=235,
                salary=(1100, 1300, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="shipyard-2",
        cluster=MARITIME["slug"],
        archetypes=("shipyard", "marine_tech"),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Projektingenieur:in Retrofit Antriebstechnik (m/w/d)",
                "Reedereien rüsten auf Methanol-, LNG- und Batterieantriebe um. Sie planen "
                "diese Umbauten mit.",
                (
                    "Sie planen Umbauprojekte vom Angebot bis zur Probefahrt.",
                    "Sie koordinieren Zulieferer und Gewerke in der Werft.",
                ),
                ("Studium Schiffstechnik, Maschinenbau oder Elektrotechnik", "Reisebereitschaft"),
                topics=("schiffbau-meerestechnik", "energieeffiziente-it"),
                employment=FULL,
                salary=(62000, 78000, YEAR),
            ),
            PostingSpec(
                THESIS,
                "Masterarbeit: Digitaler Zwilling für die Werftfertigung",
                "Sie untersuchen, wie ein digitaler Zwilling Fertigungsstand und Planung auf "
                "der Werft zusammenbringt.",
                (
                    "Welche Daten aus Fertigung und Planung braucht ein Zwilling mindestens?",
                    "Wie lässt sich der Fertigungsfortschritt automatisch erfassen?",
                ),
                ("Masterstudium Schiffbau, Wirtschaftsingenieurwesen oder Informatik",),
                topics=("digitaler-zwilling", "produktionsplanung-mes"),
                work_mode=HYBRID,
                fixed_term=True,
                salary=(900, 900, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="shipping-1",
        cluster=MARITIME["slug"],
        archetypes=("shipping",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Nautische:r Inspektor:in (m/w/d)",
                "Unsere Flotte aus Feederschiffen verbindet Hamburg mit der Ostsee. Sie "
                "sorgen an Land dafür, dass an Bord alles stimmt.",
                (
                    "Sie betreuen Schiffe in Sicherheits- und Umweltfragen (ISM, ISPS).",
                    "Sie bereiten Audits und Hafenstaatkontrollen vor.",
                ),
                ("Kapitänspatent und Erfahrung an Bord", "Sehr gutes Englisch"),
                topics=("maritime-wirtschaft",),
                work_mode=HYBRID,
                employment=FULL,
                salary=(72000, 86000, YEAR),
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in Flottendaten und Reporting",
                "Unsere Schiffe liefern Verbrauchs- und Positionsdaten. Sie machen daraus "
                "Berichte, die Reederei und Charterer brauchen.",
                (
                    "Daten aus Bordsystemen aufbereiten",
                    "Berichte zu Verbrauch und Emissionen (EU ETS) erstellen",
                ),
                ("Studium Wirtschaftsinformatik, Nautik oder Logistik",),
                topics=("business-intelligence", "co2-bilanzierung"),
                work_mode=HYBRID,
                employment=PART,
                salary=(16, 17, HOUR),
            ),
        ),
    ),
    FirmSpec(
        key="shipping-2",
        cluster=MARITIME["slug"],
        archetypes=("shipping",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Schifffahrtskaufmann/-frau Befrachtung (m/w/d)",
                "Wir befrachten Mehrzweck- und Schwergutschiffe weltweit, von Hamburg aus.",
                (
                    "Sie verhandeln Charterverträge und kalkulieren Reisen.",
                    "Sie halten Kontakt zu Maklern und Ladungseignern.",
                ),
                ("Ausbildung als Schifffahrtskaufmann/-frau", "Verhandlungssicheres Englisch"),
                topics=("maritime-wirtschaft", "logistik"),
                employment=FULL,
                salary=(50000, 62000, YEAR),
            ),
            PostingSpec(
                INTERNSHIP,
                "Praktikum Reedereimanagement (m/w/d)",
                "Drei Monate mitten im Geschäft einer Reederei: Befrachtung, Technik, Crewing.",
                (
                    "Sie lernen alle Abteilungen kennen.",
                    "Sie arbeiten an einer Marktanalyse mit.",
                ),
                ("Studium Logistik, Maritime Wirtschaft oder BWL",),
                topics=("maritime-wirtschaft",),
                employment=FULL,
                fixed_term=True,
                starts_in=75,
                salary=(1100, 1100, MONTH),
            ),
        ),
    ),
    FirmSpec(
        key="port-1",
        cluster=MARITIME["slug"],
        archetypes=("port_logistics",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Disponent:in Hafenlogistik (m/w/d)",
                "Am Terminal schlagen wir jährlich über 200.000 Einheiten um – Trailer, "
                "Container und Projektladung.",
                (
                    "Sie planen Umschlag und Lagerflächen im Schichtbetrieb.",
                    "Sie stimmen sich mit Reedereien, Spediteuren und Zoll ab.",
                ),
                ("Ausbildung in Spedition und Logistik", "Bereitschaft zur Schichtarbeit"),
                topics=("haefen", "lager-intralogistik"),
                employment=FULL,
                salary=(42000, 50000, YEAR),
            ),
            PostingSpec(
                JOB,
                "SAP-Berater:in Logistik (m/w/d) EWM/TM",
                "Wir stellen unsere Terminal- und Lagerprozesse auf SAP S/4HANA um.",
                (
                    "Sie gestalten Prozesse in SAP EWM und TM.",
                    "Sie testen und begleiten die Einführung an drei Standorten.",
                ),
                ("Erfahrung mit SAP EWM oder TM", "Verständnis für Hafen- und Lagerprozesse"),
                topics=("erp-warenwirtschaft", "lager-intralogistik"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(66000, 80000, YEAR),
                apply_online=True,
            ),
            PostingSpec(
                TRAINING,
                "Gefahrgut im Seeverkehr (IMDG-Code) – Schulung nach Kapitel 1.3",
                "Pflichtschulung für alle, die an Versand, Verpackung und Umschlag von "
                "Gefahrgut im Seeverkehr beteiligt sind.",
                (
                    "Klassifizierung, Verpackung und Kennzeichnung",
                    "Dokumente und Stauvorschriften",
                    "Änderungen durch das Amendment 42-24",
                ),
                ("Mitarbeitende in Versand, Spedition und Terminal",),
                topics=("haefen", "logistik"),
                duration="2 Tage",
                course_mode=ONSITE,
                course_days=(33, 34),
                fee=780,
            ),
        ),
    ),
    FirmSpec(
        key="port-2",
        cluster=MARITIME["slug"],
        archetypes=("port_logistics",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Berufskraftfahrer:in im Hafenverkehr (m/w/d)",
                "Sie fahren Container zwischen Terminal, Depot und Kunden im Hafengebiet – "
                "abends sind Sie zu Hause.",
                (
                    "Container- und Trailertransporte im Nahverkehr",
                    "Abfahrtskontrollen und Ladungssicherung",
                ),
                ("Führerschein CE mit Schlüsselzahl 95", "ADR-Schein von Vorteil"),
                topics=("logistik", "haefen"),
                employment=FULL,
                salary=(3100, 3500, MONTH),
            ),
            PostingSpec(
                JOB,
                "Duales Studium Logistikmanagement (B.A.) 2027",
                "Theorie an der Hochschule, Praxis in Spedition, Lager und Terminal.",
                (
                    "Sie durchlaufen alle Bereiche unseres Unternehmens.",
                    "Sie übernehmen früh eigene kleine Projekte.",
                ),
                ("Abitur oder Fachhochschulreife", "Interesse an Logistik und Zahlen"),
                topics=("ausbildung-duales-studium", "logistik"),
                employment=FULL,
                fixed_term=True,
                starts_in=265,
                salary=(1200, 1400, MONTH),
                apply_online=True,
            ),
        ),
    ),
    FirmSpec(
        key="port-3",
        cluster=MARITIME["slug"],
        archetypes=("port_logistics", "maritime_digital"),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Softwareentwickler:in Port Community System (m/w/d)",
                "Unser Port Community System verbindet Terminals, Reedereien, Spediteure und "
                "Behörden – rund um die Uhr.",
                (
                    "Sie entwickeln Schnittstellen für EDIFACT- und XML-Nachrichten.",
                    "Sie modernisieren Module in Java und Spring.",
                ),
                ("Erfahrung mit Java und Nachrichtenformaten", "Interesse an Logistikprozessen"),
                topics=("schnittstellen-integration", "haefen"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(60000, 74000, YEAR),
            ),
            PostingSpec(
                THESIS,
                "Bachelorarbeit: Ankunftszeiten von Schiffen vorhersagen",
                "Mit AIS-Daten und Wetterdaten sagen Sie die Ankunft von Schiffen genauer "
                "voraus, als es die Meldungen an Bord tun.",
                (
                    "Welche Merkmale verbessern die Vorhersage der Ankunftszeit?",
                    "Wie stabil ist das Modell bei Sturm und Eis?",
                ),
                ("Bachelorstudium Informatik, Data Science oder Logistik",),
                topics=("predictive-analytics", "haefen"),
                work_mode=HYBRID,
                fixed_term=True,
            ),
        ),
    ),
    FirmSpec(
        key="marine-1",
        cluster=MARITIME["slug"],
        archetypes=("marine_tech",),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Elektroniker:in für Sonar- und Messsysteme (m/w/d)",
                "Unsere Messsysteme vermessen Meeresböden, Kabeltrassen und Windparkflächen "
                "in Nord- und Ostsee.",
                (
                    "Sie bauen, prüfen und reparieren Sonar- und Sensorsysteme.",
                    "Sie begleiten Einsätze auf Messschiffen (einige Tage im Monat).",
                ),
                ("Ausbildung als Elektroniker:in oder Techniker:in", "Seetauglichkeit"),
                topics=("sensorik-messtechnik", "schiffbau-meerestechnik"),
                employment=FULL,
                salary=(46000, 56000, YEAR),
            ),
            PostingSpec(
                WORKING_STUDENT,
                "Werkstudent:in Embedded Software (m/w/d)",
                "Sie arbeiten an der Firmware unserer autonomen Unterwasserfahrzeuge mit.",
                (
                    "Treiber für Sensoren in C entwickeln",
                    "Tests im Wassertank vorbereiten und auswerten",
                ),
                ("Studium Elektrotechnik oder Informatik", "Erfahrung mit C"),
                topics=("embedded-software", "drohnen"),
                employment=PART,
                salary=(16, 18, HOUR),
            ),
        ),
    ),
    FirmSpec(
        key="marine-2",
        cluster=MARITIME["slug"],
        archetypes=("marine_tech", "maritime_digital"),
        offer=OFFER_MARITIME,
        postings=(
            PostingSpec(
                JOB,
                "Data Engineer (m/w/d) Offshore-Messdaten",
                "Wir verarbeiten Messdaten aus Offshore-Windparks – Wellen, Strömung, "
                "Schwingungen – für Betreiber und Behörden.",
                (
                    "Sie bauen Datenstrecken für Zeitreihen im Terabyte-Bereich.",
                    "Sie sichern die Datenqualität für Gutachten.",
                ),
                ("Erfahrung mit Python und Zeitreihendatenbanken", "Interesse an Meerestechnik"),
                topics=("data-engineering", "windenergie"),
                work_mode=REMOTE,
                employment=FULL,
                salary=(58000, 70000, YEAR),
            ),
            PostingSpec(
                TRAINING,
                "GWO Basic Safety Training Offshore",
                "Das Sicherheitstraining nach Standard der Global Wind Organisation – "
                "Voraussetzung für jede Arbeit im Offshore-Windpark.",
                (
                    "Erste Hilfe, Brandschutz und manuelle Handhabung",
                    "Arbeiten in der Höhe",
                    "Überleben auf See mit Übungen im Bewegungsbad",
                ),
                ("Techniker:innen und Servicepersonal für Offshore-Einsätze",),
                topics=("windenergie", "weiterbildung"),
                duration="5 Tage",
                course_mode=ONSITE,
                course_days=(40, 44),
                fee=1650,
                apply_online=True,
            ),
        ),
    ),
    FirmSpec(
        key="maritime-digital-1",
        cluster=MARITIME["slug"],
        archetypes=("maritime_digital",),
        offer=OFFER_DIGITAL,
        postings=(
            PostingSpec(
                JOB,
                "Cybersecurity-Spezialist:in Schiffs-IT/OT (m/w/d)",
                "Seit den neuen IACS-Regeln E26 und E27 müssen Schiffe cyberresilient gebaut "
                "werden. Wir helfen Werften und Reedereien dabei.",
                (
                    "Sie bewerten die IT- und OT-Sicherheit von Schiffssystemen.",
                    "Sie begleiten Werften bei der Umsetzung von IACS UR E26/E27.",
                ),
                ("Erfahrung in OT-Sicherheit (IEC 62443)", "Bereitschaft zu Einsätzen an Bord"),
                topics=("ot-sicherheit", "maritime-wirtschaft"),
                work_mode=HYBRID,
                employment=FULL,
                salary=(64000, 80000, YEAR),
            ),
            PostingSpec(
                TRAINING,
                "Maritime Cyber Security für Schiffsoffiziere (online)",
                "Kompaktkurs für nautische und technische Offiziere: Cyberrisiken an Bord "
                "erkennen und richtig handeln.",
                (
                    "Angriffe auf ECDIS, Ladungsrechner und Fernwartung",
                    "Cyber-Notfallpläne nach IMO MSC-FAL.1/Circ.3",
                ),
                ("Nautische und technische Schiffsoffiziere, Inspektor:innen",),
                topics=("ot-sicherheit", "security-awareness"),
                work_mode=REMOTE,
                duration="2 Tage",
                course_mode=ONLINE,
                course_days=(26, 27),
                fee=540,
            ),
            PostingSpec(
                JOB,
                "Freelancer:in Übersetzung technischer Handbücher (DE/EN)",
                "Für Bedienhandbücher unserer Brückensysteme suchen wir Unterstützung auf "
                "Projektbasis.",
                ("Übersetzung und Terminologiepflege",),
                ("Erfahrung mit technischer Dokumentation", "Maritime Fachsprache"),
                topics=("maritime-wirtschaft",),
                work_mode=REMOTE,
                employment=FREELANCE,
                salary=(55, 70, HOUR),
                state=EXPIRED,
                posted=80,
            ),
        ),
    ),
]
