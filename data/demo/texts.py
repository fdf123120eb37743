"""Vocabulary of the fictional demo: finding texts, convenant action lines and name parts.

The finding texts paraphrase the kinds of system failures (-1) and good practices (+1) of the systeem-framework
(Tabel 1 and 2 of the monitor study); they are written anew, not copied. Every generated name is marked fictional.
A text that matches an item of the codebook (data/codeboek.toml) carries its code; the few that match no item, or
an item of another voorwaarde than the demo gives them, stay uncoded ("").
"""
from __future__ import annotations

# Per framework cell (voorwaarde, richting): (stakeholder, tekst, codebook code or "") lines.
_FINDINGS_BY_CELL: dict[tuple[str, int], tuple[tuple[str, str, str], ...]] = {
    ("infrastructuur", -1): (
        ("aanbieders", "Door de krappe arbeidsmarkt is de AVG-bezetting "
                       "kwetsbaar, en daarmee ook de samenwerking met huisartsen.", "IN01"),
        ("aanbieders", "Huisartsen hebben te weinig ruimte in hun praktijk "
                       "om ook bewoners van de woonlocaties in te schrijven.", "IN02"),
        ("aanbieders", "Huisartsdekking is onvolledig: AVG's vangen "
                       "huisartstaken en spoedzorg op, wat inefficiënt is.", "IN03"),
        ("aanbieders", "De AVG kan het dossier van cliënten met een eigen huisarts niet inzien.", "IN04"),
        ("intermediairs", "Begeleiders rapporteren en communiceren in te veel verschillende systemen.", "IN05"),
        ("intermediairs", "Vacatures voor begeleiders en doktersassistenten blijven lang openstaan.", "IN06"),
        ("voorwaardenscheppend", "Samenwerkingsverbanden met huisartsen kosten de VG-organisatie veel geld.", "IN07"),
        ("voorwaardenscheppend", "Grote afstanden tussen woonlocaties, praktijken "
                                 "en posten maken de samenwerking onoverzichtelijk.", "IN09"),
        ("voorwaardenscheppend", "Het huisartsinformatiesysteem en het elektronisch "
                                 "cliëntdossier wisselen geen gegevens uit.", "IN10"),
    ),
    ("infrastructuur", +1): (
        ("voorwaardenscheppend", "De woonlocaties liggen dicht bij elkaar, zodat afspraken maken eenvoudig is.",
         "IN53"),
        ("aanbieders", "De vaste huisartsen werken in hetzelfde "
                       "informatiesysteem als de rest van de medische dienst.", "IN51"),
        ("voorwaardenscheppend", "Er is scholingsbudget en een eigen kennisnetwerk binnen de VG-organisatie.", "IN52"),
        ("intermediairs", "Werktijden van verpleegkundigen en doktersassistenten sluiten aan op de overdracht.", ""),
    ),
    ("harde_instituties", -1): (
        ("aanbieders", "Huisarts en AVG wisselen geen medische gegevens "
                       "uit, omdat ieder een eigen hoofddossier bijhoudt.", "HI01"),
        ("aanbieders", "De huisartsenpost helpt in ANW-uren alleen cliënten die "
                       "overdag door een aangesloten huisarts worden gedekt.", "HI02"),
        ("aanbieders", "De huisartsenpost vraagt extra voorwaarden, zoals "
                       "triage door een verpleegkundige en een bereikbare AVG.", "HI03"),
        ("voorwaardenscheppend", "Een huisarts kan niet voltijds voor de VG-organisatie "
                                 "werken zonder zijn registratie te verliezen.", "HI04"),
        ("voorwaardenscheppend", "Met de huisartsenpost zijn geen afspraken op papier gezet.", ""),
    ),
    ("harde_instituties", +1): (
        ("aanbieders", "De huisarts levert zorg aan de woonlocaties op basis van een contract.", "HI51"),
        ("voorwaardenscheppend", "Met de huisartsenpost zijn schriftelijke "
                                 "afspraken gemaakt over triage en AVG-achterwacht.", ""),
        ("aanbieders", "Het is vastgelegd dat de AVG eindverantwoordelijk "
                       "is; dat geeft duidelijkheid over het hoofddossier.", ""),
        ("voorwaardenscheppend", "De financiering van de medische dienst is voor meerdere jaren afgesproken.", ""),
    ),
    ("zachte_instituties", -1): (
        ("aanbieders", "Huisartsen voelen zich weinig bekwaam voor deze "
                       "doelgroep en leggen de zorg bij de instellingsarts.", "ZI02"),
        ("aanbieders", "Andere artsen zien de AVG als generalist en niet als specialist.", "ZI05"),
        ("voorwaardenscheppend", "Door eerdere ervaringen heeft de VG-organisatie een slechte naam bij huisartsen.",
         "ZI04"),
        ("aanbieders", "Het oppakken van taken buiten hun vak leidt tot spanning bij AVG's.", "ZI06"),
        ("intermediairs", "Spreekuurtijden van de huisarts passen niet bij de diensten van begeleiders.", "ZI07"),
        ("intermediairs", "Het ziekenhuis erkent de AVG niet als verwijzer en stuurt brieven naar de huisarts.",
         "ZI11"),
        ("gebruikers", "Verwanten merken dat zorg wordt uitgesteld en dat de AVG niet voor vol wordt aangezien.",
         "ZI09"),
        ("gebruikers", "Verwanten vinden het onrechtvaardig dat ze volledige "
                       "premie betalen maar moeilijk een huisarts vinden.", "ZI12"),
        ("voorwaardenscheppend", "Huisartsenpost en huisartsen houden afstand uit "
                                 "vrees tekorten in de VG-zorg te moeten opvangen.", "ZI13"),
        ("voorwaardenscheppend", "Besluiten in de langdurige zorg vragen veel overleg en tijd.", "ZI14"),
    ),
    ("zachte_instituties", +1): (
        ("aanbieders", "De huisarts heeft affiniteit met de doelgroep en voelt zich medeverantwoordelijk.", "ZI64"),
        ("aanbieders", "Binnen de medische dienst is het contact laagdrempelig en gelijkwaardig.", "ZI55"),
        ("intermediairs", "Begeleiders van woning en dagbesteding kennen elkaars werk en stemmen meer af.", "ZI70"),
        ("gebruikers", "Cliënten vertrouwen hun arts en vinden die goed bereikbaar.", "ZI68"),
        ("voorwaardenscheppend", "De organisatie werkt als één team met alle "
                                 "disciplines en betrekt hen bij het beleid.", "ZI54"),
        ("aanbieders", "Elke woning heeft een vaste AVG en de taken van AVG en huisarts zijn helder verdeeld.", "ZI63"),
    ),
    ("netwerk_te_sterk", -1): (
        ("aanbieders", "Omliggende organisaties hebben hun AVG-poli gesloten; "
                       "de werkdruk komt bij één organisatie terecht.", "TS01"),
        ("voorwaardenscheppend", "De huisartsenpost stelt zulke strenge eisen "
                                 "dat samenwerking soms wordt geweigerd.", "TS03"),
        ("gebruikers", "Door de instellingscontext komen cliënten moeilijk bij een reguliere huisarts terecht.",
         "TS02"),
        ("voorwaardenscheppend", "Eén organisatie beheert vrijwel alle AVG-capaciteit "
                                 "in de regio; andere partijen haken af.", "TS04"),
        ("aanbieders", "Het netwerk rond één medische dienst is gesloten; nieuwe partners komen er moeilijk tussen.",
         ""),
    ),
    ("netwerk_te_zwak", -1): (
        ("voorwaardenscheppend", "Een lappendeken aan samenwerkingspartners en "
                                 "afspraken verspreid over een groot gebied.", "ZW02"),
        ("aanbieders", "Wisselende hoofddossierhouders maken informatie-uitwisseling en coördinatie lastig.", "ZW03"),
        ("aanbieders", "Er is geen vaste huisarts voor de woonlocaties.", ""),
        ("aanbieders", "Huisartsen staan niet open voor overleg; samenwerkingspartners vinden kost veel moeite.",
         "ZW08"),
        ("voorwaardenscheppend", "De huisartsenpost heeft zoveel Wlz-instellingen in "
                                 "haar gebied dat vaste afspraken met elk niet lukken.", "ZW12"),
        ("voorwaardenscheppend", "Er zijn zoveel partijen betrokken dat niemand "
                                 "de verantwoordelijkheid voor verbetering neemt.", "ZW01"),
        ("voorwaardenscheppend", "Zorgkantoor en verzekeraar kennen de lokale "
                                 "verhoudingen te weinig om te bemiddelen.", "ZW16"),
        ("gebruikers", "Verwanten voelen zich machteloos en moeten druk zetten op de medische dienst.", "ZW13"),
        ("intermediairs", "Begeleiders missen een eenduidig medisch beleid en heldere interne afspraken.", "ZW14"),
        ("intermediairs", "Verpleegkundigen zijn voor woningen en verwanten slecht bereikbaar.", "ZW11"),
        ("aanbieders", "Door onduidelijke afspraken ziet de huisartsenpost "
                       "cliënten voor wie al andere zorg geregeld is.", "ZW05"),
    ),
    ("goed_netwerk", +1): (
        ("aanbieders", "Vaste overleggen tussen AVG en huisarts, aangevuld met laagdrempelig contact tussendoor.",
         "GN55"),
        ("aanbieders", "Een vaste huisarts werkt fysiek binnen de medische dienst van de organisatie.", "GN56"),
        ("aanbieders", "De triagelijst is samen met alle disciplines opgesteld en wordt samen geëvalueerd.", "GN52"),
        ("intermediairs", "Een verpleegkundige voorwacht doet in ANW-uren "
                          "de triage en is vast aanspreekpunt voor de post.", "GN57"),
        ("intermediairs", "Begeleiders hebben maandelijks teamoverleg met de verschillende zorgdisciplines.", "GN62"),
        ("gebruikers", "Een vaste begeleider gaat mee naar het consult.", "GN60"),
        ("voorwaardenscheppend", "Huisartsenpost en VG-organisatie werken soepel samen als vaste partners.", "GN58"),
        ("voorwaardenscheppend", "Zorg overdag en in ANW-uren valt onder één management met dezelfde werkwijze.",
         "GN63"),
        ("voorwaardenscheppend", "Huisartsenpost en VG-organisatie wisselen kennis uit over elkaars werkwijze.",
         "GN65"),
    ),
    ("competenties", -1): (
        ("aanbieders", "AVG's doen semi-spoedzorg en huisartsgeneeskundige taken waarvoor ze niet zijn opgeleid.",
         "CO01"),
        ("aanbieders", "Specialisten ouderengeneeskunde nemen huisartstaken over zonder kennis van de VG-zorg.",
         "CO02"),
        ("intermediairs", "Begeleiders hebben wisselende medische kennis "
                          "en zijn niet altijd voorbereid op het consult.", "CO05"),
        ("intermediairs", "Verpleegkundigen hebben sterk wisselende opleidingsniveaus.", "CO04"),
        ("voorwaardenscheppend", "Het management heeft door werkdruk weinig ruimte om verbeteringen te sturen.",
         "CO06"),
    ),
    ("competenties", +1): (
        ("intermediairs", "Hulpmiddelen als triagelijst, praatplaat en doktersbriefje ondersteunen begeleiders.",
         "CO55"),
        ("intermediairs", "Verpleegkundigen en doktersassistenten nemen werk over met een eigen spreekuur.", "CO52"),
        ("gebruikers", "Verwanten en de cliëntenraad denken mee over verbeteringen in de medische zorg.", "CO54"),
        ("voorwaardenscheppend", "Er is aandacht voor taakherschikking, scholing en onderlinge evaluatie.", "CO56"),
        ("aanbieders", "De huisarts combineert eigen ervaring met de VG-deskundigheid van de AVG.", "CO51"),
        ("aanbieders", "Een physician assistant wordt samen met de huisarts opgeleid.", ""),
    ),
}
# (voorwaarde, richting, stakeholder, tekst) in a fixed order: the demo draws from this list.
FINDINGS: tuple[tuple[str, int, str, str], ...] = tuple(
    (voorwaarde, richting, stakeholder, tekst)
    for (voorwaarde, richting), lines in _FINDINGS_BY_CELL.items()
    for stakeholder, tekst, _ in lines
)
# The codebook code of each entry of FINDINGS (same order; "" = uncoded).
FINDING_CODES: tuple[str, ...] = tuple(code for lines in _FINDINGS_BY_CELL.values() for _, _, code in lines)

FINDING_SOURCES = ("interview", "enquête", "document")

# National convenant action lines with their lead parties: each is a line of data/actielijnen.toml (same name and
# parties; a test checks it), so the demo's actions link to the bottlenecks those lines address.
ACTION_LINES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Goede voorbeelden samenwerking huisarts en AVG delen", ("VGN", "LHV", "NVAVG")),
    ("Themapagina gezondheid", ("VGN",)),
    ("Interactieve kaart AVG-poliklinieken", ("VGN", "NVAVG")),
    ("Structureel overleg LHV en NVAVG", ("LHV", "NVAVG")),
    ("Aangepaste leidraad en handreiking samenwerking", ("LHV", "NVAVG", "InEen", "VGN")),
    ("Gesprekken faciliteren bij regionale knelpunten", ("ZN",)),
    ("Materiaal om cliënten voor te bereiden op het artsbezoek", ("VGN", "Ieder(in)", "KansPlus")),
    ("24-uursbereikbaarheid AVG (project praktijkorganisatie)", ("NVAVG",)),
    ("Taakherschikking naar verpleegkundig specialist en physician assistant", ("V&VN", "NVAVG")),
    ("Medische en verpleegkundige component in kwalificatiedossier", ("VGN", "V&VN")),
    ("Arbeidsmarktstrategie AVG", ("NVAVG", "VGN")),
    ("Basisartsen interesseren voor de AVG-opleiding", ("NVAVG",)),
    ("Plan van eisen AVG-informatiesysteem", ("VGN", "NVAVG")),
    ("Richtlijn waarneemgegevens", ("InEen", "LHV")),
    ("Informatiestandaard medicatieoverdracht", ("VGN", "LHV")),
    ("Cliëntperspectief in de evaluatie van het convenant", ("Ieder(in)", "KansPlus")),
)

# Regional action lines, registered with a zorgkantoorregio code. In a region the facilitation line is carried by
# the zorgkantoor of that region, not by a national body (data/actielijnen.toml, regionaal_door).
REGIONAL_ACTION_LINES: tuple[tuple[str, str], ...] = (
    ("Gesprekken faciliteren bij regionale knelpunten", "Zorgkantoor"),
    ("Regionale afspraken huisartsenpost en VG-organisaties", "InEen"),
    ("Convenant als aanleiding voor gesprek met huisartsengroepen", "VGN"),
)

STATUS_REMARKS: dict[str, tuple[str, ...]] = {
    "niet_gestart": ("Nog niet opgepakt.", "Staat gepland voor later.", "Wacht op een trekker."),
    "gestart": ("Eerste overleg gevoerd.", "Werkgroep samengesteld.", "Verkenning loopt."),
    "loopt": ("Uitvoering in volle gang.", "Eerste resultaten gedeeld.", "Pilot in enkele regio's."),
    "afgerond": ("Opgeleverd en gedeeld met de leden.", "Afgerond en geborgd.", "Resultaat gepubliceerd."),
    "gestopt": ("Gestopt: geen draagvlak bij de partners.", "Gestopt bij gebrek aan capaciteit."),
}

# Name parts for organisations ("Stichting Klaverweide (fictief)") and places within them.
ORG_NAME_HEADS = (
    "Klaver", "Linden", "Eiken", "Wilgen", "Beuken", "Heide", "Duin", "Veen", "Berken", "Elzen", "Hazel",
    "Vlinder", "Meander", "Kievit", "Merel", "Zwaluw", "Rozen", "Lupine", "Akker", "Beek", "Esdoorn", "Iepen",
)
ORG_NAME_TAILS = ("veld", "hof", "borg", "stede", "kamp", "weide", "dal", "horst", "oord", "gaarde", "brink", "weerd")
LOCATION_WORDS = (
    "De Klaproos", "Het Vogelnest", "De Zonnebloem", "De Vlonder", "Het Baken", "De Kastanje", "De Waterlelie",
    "Het Erf", "De Boomgaard", "De Kreek", "Het Veldje", "De Sterappel", "De Hoeksteen", "Het Pad", "De Wilg",
    "De Duinroos", "Het Trefpunt", "De Regenboog", "De Notelaar", "Het Wiel", "De Vuurtoren", "De Kaai",
)
PRACTICE_WORDS = (
    "De Brink", "Het Anker", "Centrum", "De Vaart", "Molenpad", "De Esch", "Kastanjehof", "Het Plein", "De Poort",
    "Noorderpark", "Zuiderhof", "Oosterweg", "Westerkwartier", "De Linde", "Het Kompas", "De Haven", "De Singel",
    "Het Lint", "De Akker", "De Dijk",
)
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
