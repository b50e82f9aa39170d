"""Word lists for the guide search: Dutch stop words, common words, and function words per language.

Language data, not content: an HR adviser edits knowledge/, these lists change only with the analysis.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of white-space separated words in `text`."""
    return frozenset(text.split())


# Words that carry no topic: function words, question words, auxiliaries, and words that name the guide
# itself. Folded (no accents), lower case.
STOPWORDS = words(
    """
    aan af al alle alleen allemaal als altijd ander andere anders bedoel bedoeld bedoelen bedoelt
    begrip belangrijk bent ben beste beter betekenis betekent betekenen betreft bij bijvoorbeeld binnen
    dag dan dat daar daarbij daarin daarna daarvoor de definitie deze die dingen dit doe doen doet door
    dus echt een eens eigenlijk elk elke en er erg ergens erbij ermee ervan es even ga gaan gaat geen
    gebeurt gebeuren gedaan gemaakt gewoon goed goede graag had hadden handig heb hebben
    hebt heeft heel hem het hier hij hoe hoeveel hoor hoort horen hou houd houdt hun iemand iets ik in
    inhouden is ja je jij jou jouw jullie kan keer krijg krijgen krijgt kun kunnen kunt laat laten leg
    maak maakt maar maken manier me meer men met mij mijn misschien mogen mag moet moeten moest na naar
    nee niet niets nieuw nieuwe nodig nog nou nu nuttig of om omdat ons onze ook op over precies s slim soms staat
    staan t te term toe tot u uit ongeveer ervoor eraan erop erover erin uitleg uw van vaak veel
    verstaan verstandig volgend volgende voor belangrijkst belangrijkste voornaamste meest daarmee daarover
    daarvan daarop daaraan hiermee hierover hiervan hierbij hiervoor waarmee waarover waarvan waarvoor
    vooral waar waarom wanneer wat we week weet weten wel welk welke werd wie wij wil wilt willen wijze
    word worden wordt zal ze zeg zegt zeggen zeker zelf zich zij zijn zin zinvol zo zou zouden zullen
    vd vh vn ivm mbt tav tov obv ipv nav oa bijv bv mn evt zsm iig idd ff wss dwz ihkv ca resp mvg gr
    hoi hallo hey hee goedemorgen goedemiddag goedenavond bedankt dank dankjewel dankje thanks thx groetjes
    """
)

# Common Dutch words that say nothing about a topic. Unlike stop words they still help ranking, but
# when the guide never uses one, it does not count against a question (see ranking.Candidate.covers):
# "Waarom volstaat een standaard profiel niet?" is about the profile, whatever "volstaat" means.
NEUTRAL = words(
    """
    aanpakken aanpassen aantal achteraf afbreken afhandelen afronden afspreken afstemmen alles antwoord
    antwoorden apart baseren bedenken beeld beginnen begrijpen beheersen belangrijk bellen beoordelen
    bereiken beslissen besluiten best bestaan bestaat betalen betrekken blijken blijven brengen checken
    compleet concreet controleren correct daadwerkelijk datum deel denken delen ding direct doel doelen
    doorgaan duidelijk durven echt eenvoudig eerder eerlijk effect eigen einde elkaar evalueren eventueel
    extra falen fijn fout functioneren gebeurd gebeuren gebruikelijk gebruiken geldt gelden gelukt
    gemiddeld geprobeerd getal gevaarlijk geval gevallen gevoel gevolg gevolgen geven gewenst gewoon
    gezien groot halen helemaal helft helpen herhalen hetzelfde hoeft hoeven hopen horen houden huidige
    idee ideeen ideaal ideale iedereen informeel inrichten invullen jaar jaren jong juiste kennen kiezen
    kijken klein kloppen klopt kort krijgen kunnen kwestie laag laatste lang langzaam lastig later leren
    letten leuk leveren lezen liever liggen lijken lijst logisch lopen lukken maand maanden makkelijk
    meenemen meevallen melden mening mensen meestal meteen meten minuten misgaan misgegaan misging
    mislukken mislukt missen moeilijk moment mogelijk nadeel nadelen niemand noemen nooit noodzakelijk
    normaal nummer nut officieel omgaan onderling ongewenst onmogelijk ontstaan onthouden ontvangen oud
    oude oordelen oplossen oplossing oplossingen opleveren opletten oppakken opzetten overleggen
    overwegen passen periode perfect persoon personen plannen praten prettig probleem problemen proberen
    punt raar reden redenen regel regelen regels resultaat risico risicos samen schieten situatie slagen
    slecht sneller snappen soort sowieso spannend spreken starten sterk stoppen stuk sturen tegelijk
    tegenvallen tegenwoordig tellen termijn tijdig tip tips toegestaan toelichten toetsen trouwens type
    uiteindelijk uitleggen uitstellen uitvoeren uitzoeken uren valt vallen vandaag vastleggen veranderen
    verbeteren verboden vergeten verkeerd verkeerde verlopen vermijden verplicht versturen vertellen
    verschillend verwachten vervelend volgorde volledig volstaan volstaat voordeel voordelen
    voorbereiden voorkomen vreemd vroeger waarschijnlijk wachten weer weinig werken zaak zetten zien
    zitten zomaar zorgen zwaar zwak allerlei allerhande verschillende straks binnenkort inmiddels
    tenslotte uiteraard natuurlijk wijsheid uitgangspunt heleboel behoorlijk flink flinke zoiets zulks
    dergelijk dergelijke thuis thuishoren sinds nooit ongeveer zowat grofweg daadwerkelijk bezig absoluut
    """
)

# Words that name the guide itself: they help find the items about the guide ("Waar gaat deze handreiking
# over?") but say nothing about whether an item covers a question ("Wat zegt de handreiking over search?").
META = words("handreiking handreikingen vgs boekje gids")

# English function words, dropped from a question asked in English after its terms are translated.
ENGLISH_STOPWORDS = words(
    """
    a about all also am an and any are as at be been being but by can could did do does for from had has
    have he her his how i if in into is it its just me more most my no not of on or our should so some
    such than that the their them then there these they this those to too us very was we were what when
    where which who whom whose why will with would you your
        each new still any really exactly actually please just need needs needed part also every there's
    we're it's i'm don't doesn't shall might must ever yet
    ok okay yes yeah hi hello hey thanks thank sorry oh well now once never always sometimes think
    thought thinking believe feel feels felt guess suppose wonder wondering wonderful wish hope
    hopefully knew known see seen saw looks go goes going gone went come comes coming came gets got
    getting put puts let lets says said told thing things something anything nothing everything
    stuff lot lots basically probably maybe perhaps possibly certainly surely definitely absolutely
    totally completely entirely fully quite pretty fairly somewhat slightly highly extremely
    literally honestly seriously obviously apparently clearly generally specifically particularly
    especially mostly largely simply merely even anyway anyhow otherwise however therefore thus
    though although because since unless until while whereas whenever wherever whatever whichever
    whoever around across along among upon onto towards toward through throughout up down out off
    over back away somewhere anywhere everywhere nowhere way ways bit sorts much few other others
    another same able wanted someone somebody anyone anybody ones sure certain fine great nice cool
    sensible reasonable appropriate real actual particular given based regarding concerning
    according seem seems seemed appear appears appeared try tries tried trying mind sense fact case
    done doing made making taking took dear regards cheers don doesn isn aren wasn weren couldn
    shouldn wouldn didn haven hasn hadn ll ve re
    else myself yourself himself herself themselves further ago almost either due near available
    gave outside rest above total worth became provide provides follow follows amount
    various cannot related serious add forget below created straight except recently ahead addition
    despite nearly beyond significant anymore none imagine latest supposed easily overall previously
    realize realise worry aware neither nor concerned existing thinks till plus etc gonna wanna
    gotta kinda
    relatively approximately obvious unfortunately familiar perfectly instance admit typical tend
    depending depends manner hardly somehow personally exact detailed meanwhile naturally
    necessarily regardless elsewhere essentially alright helpful shortly strongly barely initially
    effectively closely constantly regularly automatically odd curious assume aspect aspects
    importance encourage halfway welcome
"""
)

# Function words that occur in one language only (folded). Shared words (is, in, die, wie) are left out.
DUTCH_MARKERS = words(
    "de het een wat hoe wie welke waarom wanneer waar van en op moet moeten kan kunnen bij voor niet er "
    "zijn met dat ik je jullie mag wordt worden heeft hebben ons onze"
)
ENGLISH_MARKERS = words(
    "the what how who which why when does do are of and for with should could would can about an to be "
    "our my your this there their from has have will would a if than any must need get us its been was were "
    "them into also still just really without after before while whether whom whose shall might anyone "
    "someone everyone they you it"
)
OTHER_MARKERS = words(  # German and French
    "der das ist und nicht ich wir sie ein eine einen wer welche warum wann fur mit auf sind muss wird "
    "le la les est que qui comment et pas nous une des du pour avec quoi pourquoi quand sont dans au ce"
)

# Numbers and shares in an answer: the word they count ("twee gespreksrondes", "een kwart van de
# secretarissen") is what the item can say "hoeveel" of. "een" is left out: it is mostly an article.
NUMBER_WORDS = words(
    """
    twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd duizend
    kwart helft derde procent enkele paar aantal hoeveel
    """
)
# Words that may stand between a number and what it counts: "twee a drie", "ongeveer een kwart van de".
COUNT_FILLERS = words("a tot ongeveer circa ruim bijna hooguit maximaal minimaal een")
