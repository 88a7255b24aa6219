"""Word lists for the demo data: German people's names and the building blocks of
fictitious firm names, phone area codes and register courts of Schleswig-Holstein.

Every name of an organisation is made up from these parts; any likeness to a real firm
is accidental. Web and e-mail domains all end in the reserved .example TLD.
"""

FIRST_NAMES_FEMALE = [
    "Anke", "Anna", "Antje", "Ayşe", "Bente", "Birte", "Britta", "Carina", "Christiane",
    "Claudia", "Dörte", "Elif", "Elke", "Emma", "Frauke", "Gesa", "Hanna", "Heike", "Ilka",
    "Imke", "Inken", "Insa", "Janne", "Jördis", "Julia", "Katarzyna", "Katharina", "Kerstin",
    "Kirsten", "Lea", "Lena", "Leonie", "Maike", "Maren", "Mareike", "Marie", "Meike", "Merle",
    "Mia", "Nadia", "Natalia", "Nele", "Olga", "Özlem", "Petra", "Sabine", "Sandra", "Silke",
    "Sophie", "Stefanie", "Svenja", "Swantje", "Tanja", "Telse", "Ulrike", "Wiebke",
    "Yasemin", "Zeynep", "Amira", "Johanna", "Friederike", "Hülya", "Agnieszka", "Linh",
]
FIRST_NAMES_MALE = [
    "Ahmet", "Arne", "Bernd", "Björn", "Broder", "Christian", "Daniel", "Detlef", "Dmitri",
    "Emre", "Enno", "Finn", "Florian", "Frank", "Hauke", "Heiko", "Henning", "Jan", "Jannik",
    "Jens", "Jörg", "Jürgen", "Kai", "Knut", "Lars", "Lasse", "Lukas", "Malte", "Matthias",
    "Mehmet", "Michael", "Momme", "Nils", "Ole", "Paul", "Peter", "Piotr", "Sönke", "Sören",
    "Stefan", "Sven", "Thies", "Thore", "Thorsten", "Timo", "Tobias", "Uwe", "Volker",
    "Youssef", "Ümit", "Karim", "Marek", "Tomasz", "Andrzej", "Minh", "Levent", "Hendrik",
    "Carsten", "Rüdiger", "Gunnar",
]
LAST_NAMES = [
    "Albrecht", "Andresen", "Arnold", "Asmussen", "Baumann", "Beck", "Becker", "Behrens",
    "Bergmann", "Böhm", "Boysen", "Brandt", "Braun", "Brüggemann", "Busch", "Carstensen",
    "Christiansen", "Clausen", "Claußen", "Demir", "Dührkop", "Ehlers", "Engel", "Feddersen",
    "Franke", "Friedrichsen", "Fröhlich", "Fuchs", "Göttsche", "Graf", "Groß", "Günther",
    "Hahn", "Hansen", "Harder", "Hartmann", "Hinrichsen", "Hoffmann", "Horn", "Ingwersen",
    "Jäger", "Jensen", "Jessen", "Johannsen", "Jung", "Jürgensen", "Kaiser", "Kaya",
    "Keller", "Ketelsen", "Klein", "Koch", "Kock", "Köhler", "König", "Köster", "Kowalski",
    "Krämer", "Krause", "Kröger", "Krüger", "Kühl", "Lange", "Lehmann", "Lorenzen",
    "Lüders", "Lüdemann", "Ludwig", "Martens", "Matthiesen", "Meier", "Meyer", "Möller",
    "Müller", "Neumann", "Nguyen", "Nielsen", "Nowak", "Öztürk", "Otto", "Paulsen",
    "Peters", "Petersen", "Pohl", "Rasmussen", "Rathje", "Richter", "Rohwer", "Roth",
    "Sauer", "Schäfer", "Schmidt", "Schröder", "Schulz", "Schulze", "Schütt", "Schwarz",
    "Sievers", "Sönnichsen", "Sommer", "Stoltenberg", "Stüben", "Thomsen", "Tran",
    "Vogel", "Vogt", "Voß", "Wagner", "Weiß", "Werner", "Winter", "Wolf", "Wulf",
    "Yılmaz", "Zimmermann", "Şahin", "Wiśniewski", "Haddad", "Popescu", "Andersen",
]
# Academic titles, the more frequent the more often listed.
TITLES = ["Dr.", "Dr.", "Dr.", "Dr.", "Dr.-Ing.", "Dr. rer. nat.", "Prof. Dr."]

# Landscape and seafaring words of the north, for firm names like "Fördewerk Digital".
PLACE_WORDS = [
    "Förde", "Nordlicht", "Holsten", "Trave", "Ostsee", "Nordsee", "Küsten", "Deich",
    "Leuchtturm", "Möwen", "Friesen", "Schlei", "Eider", "Geest", "Marsch", "Hanse",
    "Lotsen", "Brise", "Kogge", "Anker", "Watt", "Hallig", "Knick", "Dünen", "Reet",
    "Kutter", "Nordwind", "Westwind", "Tide", "Priel", "Kompass", "Seestern", "Bernstein",
    "Kranich", "Treene", "Stör", "Wellen", "Lee", "Luv", "Strandkorb",
]
# Suffixes glued to a place word: "Förde" + "werk" = "Fördewerk".
COMPOUND_ENDINGS = [
    "werk", "code", "bits", "logic", "soft", "data", "net", "works", "pixel", "byte",
    "kontor", "labs", "cloud", "stack",
]
# Adjectives of the larger towns, for names like "Kieler Datenkontor".
TOWN_ADJECTIVES = {
    "Kiel": "Kieler", "Lübeck": "Lübecker", "Flensburg": "Flensburger",
    "Neumünster": "Neumünsteraner", "Husum": "Husumer", "Heide": "Heider",
    "Rendsburg": "Rendsburger", "Eckernförde": "Eckernförder", "Itzehoe": "Itzehoer",
    "Elmshorn": "Elmshorner", "Pinneberg": "Pinneberger", "Norderstedt": "Norderstedter",
    "Ahrensburg": "Ahrensburger", "Schleswig": "Schleswiger", "Eutin": "Eutiner",
    "Plön": "Plöner", "Hamburg": "Hamburger", "Brunsbüttel": "Brunsbütteler",
}
# Landscapes for associations and networks ("Digitalforum Westküste e.V.").
LANDSCAPES = [
    "Westküste", "Ostseeküste", "Holstein", "Nordfriesland", "Angeln", "Dithmarschen",
    "Kieler Förde", "Lübecker Bucht", "Hamburger Rand", "Mittelholstein", "Schwansen",
    "Fehmarnbelt", "Unterelbe", "Nord", "Schleswig-Holstein Süd", "Eiderstedt",
]

# Area codes (without the 0) of the towns in regions.json.
AREA_CODES = {
    "Flensburg": "461", "Kiel": "431", "Lübeck": "451", "Lübeck-Travemünde": "4502",
    "Neumünster": "4321", "Heide": "481", "Brunsbüttel": "4852", "Meldorf": "4832",
    "Büsum": "4834", "Marne": "4851", "Ratzeburg": "4541", "Mölln": "4542",
    "Geesthacht": "4152", "Schwarzenbek": "4151", "Lauenburg/Elbe": "4153", "Husum": "4841",
    "Niebüll": "4661", "Sylt": "4651", "Tönning": "4861", "Sankt Peter-Ording": "4863",
    "Eutin": "4521", "Bad Schwartau": "451", "Neustadt in Holstein": "4561",
    "Oldenburg in Holstein": "4361", "Fehmarn": "4371", "Pinneberg": "4101",
    "Elmshorn": "4121", "Wedel": "4103", "Uetersen": "4122", "Quickborn": "4106",
    "Plön": "4522", "Preetz": "4342", "Lütjenburg": "4381", "Schwentinental": "4307",
    "Laboe": "4343", "Rendsburg": "4331", "Eckernförde": "4351", "Büdelsdorf": "4331",
    "Nortorf": "4392", "Gettorf": "4346", "Schleswig": "4621", "Kappeln": "4642",
    "Glücksburg": "4631", "Harrislee": "461", "Tarp": "4638", "Bad Segeberg": "4551",
    "Norderstedt": "40", "Kaltenkirchen": "4191", "Henstedt-Ulzburg": "4193",
    "Bad Bramstedt": "4192", "Itzehoe": "4821", "Glückstadt": "4124", "Kellinghusen": "4822",
    "Wilster": "4823", "Krempe": "4824", "Ahrensburg": "4102", "Bad Oldesloe": "4531",
    "Reinbek": "40", "Bargteheide": "4532", "Glinde": "40", "Hamburg": "40",
}
MOBILE_PREFIXES = ["151", "152", "157", "160", "162", "170", "171", "172", "175", "176", "179"]

# Register court suffix per district (AGS); Hamburg's register numbers go without one.
REGISTER_COURTS = {
    "01001": "FL", "01054": "FL", "01059": "FL", "01051": "PI", "01056": "PI",
    "01061": "PI", "01060": "KI", "01002": "KI", "01004": "KI", "01057": "KI",
    "01058": "KI", "01003": "HL", "01053": "HL", "01055": "HL", "01062": "HL",
    "02000": "",
}

# Mail providers for private addresses; .example, like every other demo domain.
PRIVATE_MAIL_DOMAINS = ["posteo.example", "mailbox.example", "web.example", "gmx.example"]
