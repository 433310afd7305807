"""The word lists of the places rules: words that are towns somewhere but rarely places in
news text, and the words around a name that make it a place, a person or an institution."""

from __future__ import annotations

from ..lexicon import CALENDAR_WORDS, words

#: Words that are common English (function words, frequent nouns and adjectives, and the
#: calendar's days and months) but also GeoNames towns; capitalised they are sentence
#: starts or titles.
COMMON_WORDS: frozenset[str] = words(
    """
    a about above after again against all also although am among an and another any are
    as at be because been before being below between both but by can could did do does
    down during each even every few for from further had has have he her here hers him his
    how however i if in into is it its just least less like many may me might more most much
    must my neither no nor not now of off on once one only or other our out over own per
    same she should since so some still such than that the their them then there these they
    this those though through thus to too under unless unlike until up upon us very was we
    were what when where whether which while who whom whose why will with within without
    would yet you your yes
    today tomorrow yesterday spring summer autumn fall winter
    read reading more mobile bath police many said says say news home story stories page
    photo video live world market union bay beach bridge center centre church city club
    college court early east north south west central middle new old university hospital
    school street road park lake river valley hill hills island islands mount point port
    fort station airport state states county region province district area village town
    white black green brown gray grey gold silver golden royal grand great little long
    best good bad big small major minor general chief deputy senior president governor
    mayor minister officer sheriff sergeant captain commander colonel judge senator
    opportunity independence liberty freedom unity victoria hope faith grace justice
    peace paradise progress concord harmony enterprise commerce industry eureka delta
    ocean sea gulf coast cape bank banks mission garden gardens plaza mall
    ivory orange lime olive cherry apple pine oak cedar maple palm rose lily
    man woman boy girl men women children kids family people friends
    time day days week weeks month year years night morning evening
    first second third last next many several
    two three four five six seven eight nine ten eleven twelve dozen dozens hundreds
    thousands former metro liberal conservative superior
    after before today tonight late early
    police fire rescue emergency health public service services due republic kingdom
    federation emirate sultanate commonwealth army navy maritime
    congress supreme secretary trial
    """
) | CALENDAR_WORDS

#: Capitalised words that may stand right before a place without making it part of a
#: longer proper noun ("Northern Iraq", "Greater London", "Downtown Cleveland").
PLACE_PREFIXES: frozenset[str] = words(
    """
    north south east west northern southern eastern western northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern central greater upper
    lower downtown metro mid inner outer rural urban metropolitan missing
    """
)

#: Capitalised words that may follow a place name ("Hasakah Province").
PLACE_SUFFIXES: frozenset[str] = words(
    """
    province governorate county city state region district area metro municipality
    prefecture oblast
    """
)

#: Capitalised words after which a town's name names another place ("Laurel County" is
#: not Laurel): the gazetteer has no counties, so such phrases are left out.
OTHER_PLACE_SUFFIXES: frozenset[str] = frozenset(
    ["county", "parish", "township", "borough", "street", "avenue", "road", "river", "lake"]
)

#: Capitalised phrases that name something else in news text far more often than the
#: town of that name ("White House" is a Tennessee city, "Hamas" a Libyan village, the
#: Russian parliament's "Duma" a Syrian town that English news spells "Douma").
NOT_PLACES: frozenset[str] = frozenset(
    [
        "white house",
        "god",
        "hamas",
        "olympic",
        "human",
        "allah",
        "jesus",
        "christ",
        "lord",
        "sens",
        "reps",
        "obama",
        "buy",
        "noma",
        "duma",
    ]
)

#: Short English names of cities that GeoNames keeps as alternate names ("Kiev" for
#: Kyiv), which the rule against short alternates (mostly codes) would otherwise drop.
SHORT_EXONYMS: frozenset[str] = frozenset(["kiev", "lodz"])

#: Lower-case words after which a capitalised word is a person ("his son Bryan",
#: "spokesman Stuart Green"), not a town.
RELATION_WORDS: frozenset[str] = words(
    """
    son sons daughter daughters wife husband brother sister mother father grandson
    granddaughter spokesman spokeswoman spokesperson officer officers judge coach named
    nephew niece uncle aunt cousin friend partner fiancé fiancee
    """
)

#: Words after a demonym that keep it a statement about the country ("Georgian Foreign
#: Ministry", "Russian troops"), unlike the rest of an organisation's name ("American
#: Electric", "Syrian Democratic Forces"), which is not a place mention.
STATE_WORDS: frozenset[str] = words(
    """
    foreign interior defense defence ministry ministries embassy consulate government
    parliament troops officials authorities prime border forces military
    """
)

#: Capitalised words that make a place name the modifier of an institution ("Ohio
#: Department of Transportation", "Dublin City Council"): the place still counts, unlike
#: a capitalised word of unknown kind after it, which is more often a surname.
INSTITUTION_WORDS: frozenset[str] = words(
    """
    department council court senate house university college school schools bureau
    commission association coalition agency office police fire sheriff national supreme
    assembly legislature government attorney board authority museum hospital medical center
    centre community historical society arts army guard highway turnpike airport library
    club chamber league party republican democratic public health environmental education
    veterans recreation church zoo symphony division ministry parliament embassy forces
    military air navy marines electric power energy bank federal metropolitan international
    regional sports branch village shopping festival fair orchestra theatre theater
    development transportation schools district capital campus
    superior municipal circuit high middle elementary coroner selectman selectmen
    commissioner commissioners superintendent manager administrator clerk treasurer
    auditor assessor trustee trustees councilman councilwoman alderman investigator
    investigators patrol policemen firefighters deputies
    stadium seniors correctional maternity jail prison penitentiary democrat
    """
)

#: Lower-case words allowed inside a multi-word place name ("Isle of Man", "Rio de Janeiro").
CONNECTORS: frozenset[str] = words(
    "of de la le les del della di da do dos das du des al el upon on the and y en es"
)

#: Last words of charities' and agencies' names before the country they work in ("SOS
#: Children's Villages Sudan", "Doctors Without Borders"), besides the organisation words.
CAUSE_WORDS: frozenset[str] = words(
    """
    villages children children's doctors aid relief care crescent cross rescue refugees
    kids hope vision international
    """
)

#: Places that diseases are named after, written alone for the disease ("the Marburg
#: outbreak", "Ebola cases", "Lassa patients").
DISEASE_PLACES: frozenset[str] = frozenset(
    ["marburg", "ebola", "lassa", "zika", "lyme", "nipah", "hendra", "norwalk",
     "coxsackie", "hantaan", "west nile", "rift valley", "bourbon", "heartland", "powassan",
     "machupo", "junin", "guanarito", "sabia", "chapare", "kyasanur forest", "omsk",
     "crimean-congo", "andes", "sin nombre", "chikungunya", "mayaro", "oropouche"]
)
