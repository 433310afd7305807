"""Which place a mention means (newsfacet.indexer.places.resolution)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from place_checks import by_label, haversine_km, labels

from newsfacet.indexer.gazetteer import Candidate, get_gazetteer
from newsfacet.indexer.places import extract_places
from newsfacet.indexer.places.resolution import HOME_BONUS
from newsfacet.schema.document import Place


def test_countries_and_states_beat_same_name_cities() -> None:
    places = extract_places("Talks were held in Jordan and Georgia.")
    assert [(p.name, p.kind) for p in places] == [("Jordan", "country"), ("Georgia", "country")]
    (ohio,) = extract_places("Farmers in Ohio complained.")
    assert (ohio.kind, ohio.country_code) == ("admin", "US")


def test_us_city_by_population_and_state_context() -> None:
    (cleveland,) = extract_places("The team flew to Cleveland on Friday.")
    assert cleveland.label == "Cleveland, United States" and cleveland.geonameid == 5150529
    places = extract_places("He lives in Mobile, Alabama.")
    assert [p.label for p in places] == ["Mobile, United States", "Alabama, United States"]


def test_washington_resolves_to_the_capital() -> None:
    # Metonymy is kept: "Washington said" is about the US capital for a location facet.
    for text in ("Washington said it would respond.", "Washington and Beijing agreed."):
        place = extract_places(text)[0]
        assert (place.name, place.kind, place.country_code) == ("Washington", "city", "US")
        assert place.geonameid == 4140963


def test_us_counties_are_places() -> None:
    (county,) = extract_places("Voters in Laurel County backed the levy.")
    assert (county.name, county.kind, county.country_code) == ("Laurel County", "admin", "US")
    assert county.geonameid is not None and county.latitude is not None


def test_county_of_the_named_state_lies_near_its_towns() -> None:
    places = by_label(extract_places("Deputies in Laurel County and London, Ky., searched."))
    county, town = places["Laurel County, United States"], places["London, United States"]
    assert haversine_km(county.latitude, county.longitude, town.latitude, town.longitude) < 50


def test_small_towns_need_their_state_in_the_text() -> None:
    assert labels("The parade in Chiefland drew a crowd.") == []
    places = labels("The parade in Chiefland drew a crowd from all over Florida.")
    assert places == ["Chiefland, United States", "Florida, United States"]


def test_local_us_news_prefers_us_towns() -> None:
    (paris, texas) = extract_places("Paris police said the Texas highway reopened.")
    assert (paris.country_code, texas.kind) == ("US", "admin")
    (paris,) = extract_places("Tourists crowded Paris on Sunday.")
    assert paris.country_code == "FR"


def test_state_named_as_a_qualifier_resolves_to_the_state() -> None:
    places = by_label(extract_places("She grew up in Albany, New York."))
    assert places["New York, United States"].kind == "admin"
    assert places["Albany, United States"].latitude is not None


def test_state_of_the_documents_towns_beats_the_country() -> None:
    places = by_label(extract_places("Traffic in Atlanta slowed as Georgia voters went out."))
    assert places["Georgia, United States"].kind == "admin"


def test_small_foreign_town_in_local_us_news_is_a_name() -> None:
    text = "Martin told the Ohio council that the levy failed."
    assert labels(text) == ["Ohio, United States"]


def test_continents_and_regions_are_not_countries() -> None:
    places = extract_places("He flew over North America and South America to Europe.")
    assert [(p.label, p.kind, p.country_code) for p in places] == [
        ("North America", "continent", ""), ("South America", "continent", ""),
        ("Europe", "continent", "")]
    assert all(p.geonameid and p.latitude is not None for p in places)


def test_regions_outside_the_us() -> None:
    text = "Floods hit Queensland, Guangxi, Aceh, Alberta, B.C. and Sichuan; flights at Heathrow."
    assert labels(text) == [
        "Queensland, Australia", "Guangxi, China", "Aceh, Indonesia", "Alberta, Canada",
        "British Columbia, Canada", "Sichuan, China", "Heathrow, United Kingdom"]


def test_namesakes_by_size_and_context() -> None:
    assert labels("Storms hit Cornwall and Surrey.") == [
        "Cornwall, United Kingdom", "Surrey, United Kingdom"]
    assert labels("Snow fell across Ontario.") == ["Ontario, Canada"]
    assert labels("He lives in London, Ontario.") == ["London, Canada", "Ontario, Canada"]
    assert labels("Police in London said the Ontario government would act.") == [
        "London, Canada", "Ontario, Canada"]
    assert labels("Police in London said the Canadian government would act.") == [
        "London, United Kingdom"]
    assert labels("Fighting in the Democratic Republic of Congo spread.") == [
        "Democratic Republic of the Congo"]
    local = labels("Sanctions on Russia were debated in Columbus, Ohio, and Sidney, Ohio.")
    assert local[0] == "Russia"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(get_gazetteer().countries.values(), key=lambda c: c.name)))
def test_no_label_repeats_its_country(country: Candidate) -> None:
    # The page once showed "Singapore, Singapore Singapore": a label names its country once.
    place = Place(name=country.name, country=country.name, country_code=country.country_code,
                  kind="city")
    assert place.label == country.name
    assert Place(name="X", country=country.name, country_code="", kind="city").label == \
        f"X, {country.name}"


def test_small_town_of_an_unnamed_state_is_placed_by_its_neighbours() -> None:
    # A local paper never names its state: the small town beside the city it names.
    places = by_label(extract_places(
        "The fire started in a barn in Grovetown on Monday. Crews from Augusta helped."))
    town, city = places["Grovetown, United States"], places["Augusta, United States"]
    assert haversine_km(town.latitude, town.longitude, city.latitude, city.longitude) < 50
    # Written only where a person's name could stand, it stays out.
    assert labels("Coach Tanner Reed said Augusta played well. Tanner scored twice.") == [
        "Augusta, United States"]
    # With no neighbour, a small town alone is not placed, unless its name is built like
    # a town's (newsfacet.indexer.places.town_shapes).
    assert labels("The fire started in a barn in Hephzibah on Monday.") == []


@settings(max_examples=20, deadline=None)
@given(names=st.permutations(["Becker", "Clay", "Otter Tail", "Wilkin"]),
       joiner=st.sampled_from([" and ", ", and ", " or "]))
def test_every_name_in_a_list_before_counties_is_a_county(names: list[str],
                                                           joiner: str) -> None:
    text = (f"Roads are flooded in {', '.join(names[:-1])}{joiner}{names[-1]} counties, "
            "Moorhead officials reported.")
    places = {p.name: p for p in extract_places(text)}
    assert {f"{n} County" for n in names} <= set(places)
    for n in names:
        county = places[f"{n} County"]
        assert (county.kind, county.country_code) == ("admin", "US")
        assert [text[m.start : m.end] for m in county.mentions] == [n]


def test_small_foreign_towns_need_their_country_and_a_place_context() -> None:
    # Below the main gazetteer's 15,000: found when the text names the country (or the
    # province after a comma) and writes the town where only a place stands.
    assert labels("Gardaí in Nenagh said the road was closed. Ireland had rain.") == [
        "Nenagh, Ireland", "Ireland"]
    assert labels("The crash happened near Valemount, B.C., on Sunday.") == [
        "Valemount, Canada", "British Columbia, Canada"]
    # No country named, or local US news, or a person's name: no town.
    assert labels("Gardaí in Nenagh said the road was closed.") == []
    assert labels("The Ohio council met in Nenagh. Ireland was mentioned.") == [
        "Ohio, United States", "Ireland"]
    assert labels("Rod Stewart sang in Romania. Rod waved to the crowd.") == ["Romania"]


def test_a_county_of_one_state_names_that_state() -> None:
    # "Avoyelles Parish" lies in Louisiana only: its small towns count as of a named state.
    assert labels("Officials in Cottonport said the parish would help.") == []
    places = by_label(extract_places("Officials in Cottonport said Avoyelles Parish would help."))
    town = places["Cottonport, United States"]
    parish = places["Avoyelles Parish, United States"]
    assert haversine_km(town.latitude, town.longitude, parish.latitude, parish.longitude) < 50


def test_a_small_town_beside_a_named_place_beats_a_distant_namesake() -> None:
    # "Rogersville" alone is an old name of Chicago's Rogers Park; beside Kingsport it is
    # the Tennessee town of 4,000, though the text never names Tennessee.
    alone = by_label(extract_places("The fire in Rogersville was out."))
    assert "Rogersville, United States" not in alone
    places = by_label(extract_places("Crews from Kingsport helped after the fire in Rogersville."))
    town, city = places["Rogersville, United States"], places["Kingsport, United States"]
    assert haversine_km(town.latitude, town.longitude, city.latitude, city.longitude) < 50


def _us_namesakes() -> list[tuple[str, str, int]]:
    """(town name, a state that has a town of that name other than the likeliest, the
    geonameid of that town): "Springfield" and Ohio, whose Springfield is not the first."""
    gaz = get_gazetteer()
    out = []
    for name in ["Springfield", "Columbus", "Portland", "Dublin", "Paris", "Athens",
                 "Lebanon", "Belgrade", "Richmond", "Hanover", "Salem", "Franklin"]:
        towns = [e.candidate for e in gaz.entries(name.lower())
                 if e.main and e.candidate.kind == "city" and e.candidate.country_code == "US"]
        seen = {towns[0].admin1} if towns else set()
        for town in towns[1:]:
            if town.admin1 not in seen and sum(t.admin1 == town.admin1 for t in towns) == 1:
                out.append((name, gaz.states[town.admin1].name, town.geonameid))
            seen.add(town.admin1)
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_us_namesakes()), st.booleans())
def test_a_town_qualified_once_is_that_town_throughout(case: tuple[str, str, int],
                                                       qualified_first: bool) -> None:
    """"Springfield, Ohio" once: every other "Springfield" in the text is that one, not
    the biggest Springfield, before or after the qualified mention."""
    name, state, geonameid = case
    qualified = f"The board of {name}, {state}, voted on Monday."
    plain = f"Parents told {name} officials the plan was late. Schools in {name} reopened."
    text = " ".join([qualified, plain] if qualified_first else [plain, qualified])
    towns = [p for p in extract_places(text) if p.kind == "city"]
    assert [p.geonameid for p in towns] == [geonameid]
    assert len(towns[0].mentions) == 3


US_LOCAL_CUES = st.one_of(
    st.builds(lambda h, m, half: f" at {h}{m} {half}.", st.integers(1, 12),
              st.sampled_from(["", ":15", ":30"]), st.sampled_from(["a.m", "p.m"])),
    # toll-free: a geographic area code names its state, which the tests below leave out
    # (test_a_phone_numbers_area_code_names_its_state covers those)
    st.builds(lambda a, b, c: f". Call {a}-{b}-{c} with tips.",
              st.sampled_from([800, 833, 844, 855, 866, 877, 888]),
              st.integers(200, 999), st.integers(1000, 9999)),
    st.builds(lambda n, street, kind: f" to {n} {street} {kind}.", st.integers(10, 99999),
              st.sampled_from(["Lafayette", "Memphis", "Augusta", "Locust"]),
              st.sampled_from(["St.", "Ave.", "Blvd.", "Rd."])),
)


@settings(max_examples=60, deadline=None)
@given(US_LOCAL_CUES)
def test_a_us_local_paper_that_never_names_its_state(cue: str) -> None:
    """A time written "7 p.m.", a phone number "903-675-8477" or an address "1301
    Lafayette Ave." beside US places mark a North American local paper: its "Athens"
    next to Henderson County is the Texas town, not Greece's capital. Without such a
    sign, or without a US place, the capital stays."""
    text = "The Athens Police Department is asking for help. Deputies from Henderson County came"
    athens = by_label(extract_places(text + cue))["Athens, United States"]
    assert haversine_km(athens.latitude, athens.longitude, 32.2, -95.85) < 20
    assert "Athens, Greece" in labels(text + " at night.")
    assert labels(f"Athens police said the fire started{cue}") == ["Athens, Greece"]


def _countries_named_like_towns() -> list[str]:
    """Country names that are also towns' ("Lebanon", Indiana; "Palestine", Texas), and
    that mean the country when nothing says otherwise (not the city-states)."""
    gaz = get_gazetteer()
    names = sorted({k.title() for k in gaz.name_keys()
                    if (entries := gaz.entries(k)) and entries[0].candidate.kind == "country"
                    and any(e.candidate.kind == "city" for e in entries)})
    return [n for n in names
            if [p.kind for p in extract_places(f"Talks were held in {n} last year.")]
            == ["country"]]


TOWN_USES = ["{} police said the road was closed.", "She is a {} woman, friends said.",
             "The City of {} will vote.", "He lived at 400 S. Locust St., {}, for years.",
             "{} Mayor Randy Daniel said caution is advised.",
             "Students at {} High School walked out."]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_countries_named_like_towns()), st.sampled_from(TOWN_USES))
def test_a_country_name_used_as_a_towns_is_the_town(name: str, use: str) -> None:
    """A country has no mayor, police department or high school, and its people are
    "Lebanese", not "a Lebanon woman": written so, the name is a town of that name."""
    text = "Residents met on Monday. " + use.format(name)
    start = text.index(name)
    places = [p for p in extract_places(text)
              if any(m.start == start for m in p.mentions)]
    assert all(p.kind != "country" for p in places)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(set(get_gazetteer().states) - {"DC"})), st.booleans())
def test_a_state_before_counties_is_the_state(code: str, lead: bool) -> None:
    """"Indiana counties" are the counties of Indiana: the state (or whatever else the
    name means there), not Indiana County, Pennsylvania; a list of names before
    "counties" stays a list of counties."""
    state = get_gazetteer().states[code].name
    text = (f"Its jobless rate was in the middle of {state} counties."
            if lead else f"Unemployment rose in most {state} counties in February.")
    found = [p for p in extract_places(text) if p.mentions
             and text[p.mentions[0].start:p.mentions[0].end] == state]
    assert found and not any(p.name.endswith(" County") for p in found)
    listed = labels("Becker, Clay and Otter Tail counties closed roads.")
    assert listed[:3] == ["Becker County, United States", "Clay County, United States",
                          "Otter Tail County, United States"]


def _unique_counties() -> dict[str, str]:
    """State code -> the name of a county that no other state has ("Rapides Parish")."""
    gaz = get_gazetteer()
    out: dict[str, str] = {}
    for key in sorted(gaz.name_keys()):
        if not key.endswith(" county"):
            continue
        entries = [e.candidate for e in gaz.entries(key)]
        if (len(entries) == 1 and entries[0].kind == "admin"
                and entries[0].country_code == "US" and entries[0].admin1 not in out):
            out[entries[0].admin1] = entries[0].name
    return out


def _home_cases() -> list[tuple[str, int, str, str, str]]:
    """(town name, geonameid of its namesake in state S, S's name, a county only S has,
    the name of the state of the likeliest US namesake), for namesakes whose prior is
    within :data:`HOME_BONUS` of the likeliest's."""
    gaz, counties = get_gazetteer(), _unique_counties()
    out = []
    for name in ["Springfield", "Columbus", "Portland", "Richmond", "Hanover", "Salem",
                 "Franklin", "Manchester", "Madison", "Greenville", "Clinton", "Marion",
                 "Jackson", "Auburn", "Rochester", "Albany", "Lexington", "Kingston"]:
        entries = [e for e in gaz.entries(name.lower()) if e.main
                   and e.candidate.kind == "city" and e.candidate.country_code == "US"]
        if not entries:
            continue
        first = entries[0]
        for e in entries[1:]:
            town = e.candidate
            if (first.prior - e.prior < HOME_BONUS and town.admin1 != first.candidate.admin1
                    and town.admin1 in counties
                    and sum(x.candidate.admin1 == town.admin1 for x in entries) == 1):
                out.append((name, town.geonameid, gaz.states[town.admin1].name,
                            counties[town.admin1], gaz.states[first.candidate.admin1].name))
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_home_cases()))
def test_a_town_goes_to_the_state_the_other_names_agree_on(
        case: tuple[str, int, str, str, str]) -> None:
    """A local paper names its own towns bare: "Richmond" beside "Madison County" and
    "Kentucky" is the Kentucky town, even when the text also names the state of a bigger
    Richmond. Every name votes for the states that hold a place of that name."""
    name, geonameid, state, county, rival = case
    text = (f"Police in {name} said the road reopened on Monday. Crews from {county} and "
            f"officials in {state} and {rival} helped.")
    towns = [p for p in extract_places(text) if p.kind == "city"
             and any(text[m.start:m.end] == name for m in p.mentions)]
    assert [p.geonameid for p in towns] == [geonameid]


_BIG_NAMES = ["Springfield", "Columbus", "Richmond", "Salem", "Franklin", "Madison",
              "Greenville", "Clinton", "Marion", "Jackson", "Auburn", "Lexington",
              "Lebanon", "Georgetown", "Milford", "Fairfield", "Dover", "Oxford"]


def _small_home_cases() -> list[tuple[str, int, str, str]]:
    """(small town T, its geonameid, two bigger names A and B that T's state also
    holds a town of): T alone in that state among the small towns, absent from the main
    gazetteer, and found when its state is written after it."""
    gaz = get_gazetteer()
    towns_of: dict[str, list[str]] = {}
    for name in _BIG_NAMES:
        for e in gaz.entries(name.lower()):
            c = e.candidate
            if c.country_code == "US" and c.kind == "city" and name not in towns_of.get(
                    c.admin1, []):
                towns_of.setdefault(c.admin1, []).append(name)
    out = []
    for key in sorted(gaz.small_us)[::7]:
        entries = gaz.small_us_entries(key)
        code = entries[0].candidate.admin1
        if (len(entries) != 1 or " " not in key or gaz.entries(key)
                or len(towns_of.get(code, [])) < 2):
            continue
        town = entries[0].candidate.name
        if town not in labels_text(f"The fire in {town}, {gaz.states[code].name}, was out."):
            continue
        out.append((town, entries[0].candidate.geonameid, *towns_of[code][:2]))
        if len(out) >= 80:
            break
    return out


def labels_text(text: str) -> list[str]:
    """The names (as written) of the places found in ``text``."""
    return [text[m.start:m.end] for p in extract_places(text) for m in p.mentions]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_small_home_cases()))
def test_a_small_town_of_the_home_state_is_a_place(case: tuple[str, int, str, str]) -> None:
    """Small towns count only in a state the text names, or beside a named neighbour;
    also in the state the other names agree on, when written where only a place stands
    ("in Tega Cay"), though the text never names the state."""
    town, geonameid, a, b = case
    text = f"Crews from {a} and {b} helped. The fire in {town} was out by noon."
    found = [p.geonameid for p in extract_places(text)
             if any(text[m.start:m.end] == town for m in p.mentions)]
    assert found == [geonameid]


@settings(max_examples=60, deadline=None)
@given(US_LOCAL_CUES, st.sampled_from(["Florence", "Naples", "Manchester", "Cambridge",
                                       "Oxford"]))
def test_a_local_sign_beside_a_lone_town_name_is_local_us_news(cue: str, name: str) -> None:
    """A paper that names no state, no country and no other place, only its town, still
    prints "7 p.m.", phone numbers and street addresses ("2517 Memphis St."): beside such a
    sign a name with a US town among its senses is that town; without one, the bigger
    namesake abroad stays."""
    (local,) = extract_places(f"{name} police said the fire was put out{cue}")
    assert local.country_code == "US"
    (abroad,) = extract_places(f"{name} police said the fire was put out at night.")
    assert abroad.country_code != "US"


def _foreign_namesake_cases() -> list[tuple[str, int, str, str]]:
    """(name X, the geonameid of X's one small US town, two bigger names A and B that
    town's state holds): X is found as a place, its main senses are all towns abroad, and
    none outweighs the small town by more than the home and local-news bonuses
    ("Southport": England's, and a suburb of Indianapolis)."""
    gaz = get_gazetteer()
    towns_of: dict[str, list[str]] = {}
    for name in _BIG_NAMES:  # names whose likeliest sense is a US town
        entries = gaz.entries(name.lower())
        if entries[0].candidate.country_code != "US":
            continue
        for e in entries:
            c = e.candidate
            if c.country_code == "US" and c.kind == "city" and name not in towns_of.get(
                    c.admin1, []):
                towns_of.setdefault(c.admin1, []).append(name)
    out = []
    for key in sorted(gaz.small_us):
        small = gaz.small_us_entries(key)
        main = gaz.entries(key)
        if (len(small) != 1 or not main or " " in key
                or any(e.candidate.country_code == "US" for e in main)
                or any(e.candidate.kind != "city" for e in main)
                or max(e.prior for e in main) >= small[0].prior + HOME_BONUS + 2.5
                or len(towns_of.get(small[0].candidate.admin1, [])) < 2):
            continue
        a, b = towns_of[small[0].candidate.admin1][:2]
        if not extract_places(f"Crews from {small[0].candidate.name} helped."):
            continue  # read as a word or a person's name ("Luck", "Gill")
        out.append((small[0].candidate.name, small[0].candidate.geonameid, a, b))
    return out


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_foreign_namesake_cases()))
def test_a_small_town_of_the_home_state_beats_a_namesake_abroad(
        case: tuple[str, int, str, str]) -> None:
    """In local US news whose names agree on a state, a name that state holds a small
    town of is that town, not the bigger namesake abroad."""
    name, geonameid, a, b = case
    text = f"Police in {a} and {b} said the fire started at 7 p.m. Crews from {name} helped."
    found = [p.geonameid for p in extract_places(text)
             if any(text[m.start:m.end] == name for m in p.mentions)]
    assert found == [geonameid]


def _extended_town_names() -> list[tuple[str, str, str, int]]:
    """(town name, "City" or "Town", a state holding a town of that name, that town's
    geonameid) where "<name> City" is in GeoNames only as another place's alternate name
    ("Springfield City": Springfield, Massachusetts) and the state's town is not that one."""
    gaz = get_gazetteer()
    out = []
    for key in sorted(gaz.name_keys()):
        base, _, last = key.rpartition(" ")
        entries = gaz.entries_for_key(key)
        if last not in ("city", "town") or not entries or any(e.main for e in entries):
            continue
        aliased = {e.candidate.geonameid for e in entries}
        towns = [e.candidate for e in (*gaz.entries_for_key(base), *gaz.small_us_entries(base))
                 if e.main and e.candidate.kind == "city" and e.candidate.country_code == "US"
                 and e.candidate.geonameid not in aliased]
        for town in towns:
            if sum(t.admin1 == town.admin1 for t in towns) == 1 and " " not in town.name:
                out.append((town.name, last.title(), gaz.states[town.admin1].name,
                            town.geonameid))
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_extended_town_names()))
def test_a_town_name_with_city_after_it_is_the_town_the_text_chose(
        case: tuple[str, str, str, int]) -> None:
    """After "Springfield, Ohio", the "Springfield City Council" is Ohio's Springfield,
    not the Massachusetts city GeoNames lists "Springfield City" for."""
    name, word, state, geonameid = case
    text = (f"The board of {name}, {state}, voted on Monday. Riders of the {name} {word} "
            f"Area Transit buses cheered.")
    places = extract_places(text)

    def owners(start: int) -> list[int | None]:
        return [p.geonameid for p in places if any(m.start <= start < m.end for m in p.mentions)]

    qualified = owners(text.index(name))
    assume(qualified == [geonameid])  # the board's town found as that state's
    assert owners(text.index(f"{name} {word}")) in ([], qualified)


def _small_dateline_cases() -> list[tuple[str, int, str, str]]:
    """(small town T, its geonameid, its state's name, a county only that state has):
    T is the state's one small town of that name, and T's name has bigger namesakes
    elsewhere ("Hanover", Ohio, beside Hanover in Germany, Maryland and Massachusetts)."""
    gaz, counties = get_gazetteer(), _unique_counties()
    out = []
    for key in sorted(gaz.small_us)[::5]:
        entries = gaz.small_us_entries(key)
        main = gaz.entries(key)
        if not main or " " in key or any(e.candidate.kind != "city" for e in main):
            continue
        for e in entries:
            town = e.candidate
            if (town.admin1 in counties and all(m.candidate.admin1 != town.admin1 for m in main)
                    and sum(x.candidate.admin1 == town.admin1 for x in entries) == 1):
                out.append((town.name, town.geonameid, gaz.states[town.admin1].name,
                            counties[town.admin1]))
        if len(out) >= 120:
            break
    return out


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_small_dateline_cases()))
def test_a_small_towns_dateline_is_the_town_of_the_state_the_text_names(
        case: tuple[str, int, str, str]) -> None:
    """A local paper's dateline names its own small town ("HANOVER -- ... Licking County
    ... Ohio"): it is that state's town, as the same name in the body would be, not the
    bigger namesake elsewhere."""
    town, geonameid, state, county = case
    dateline = town.upper()
    text = f"{dateline} -- Crews from {county} helped put out the fire. Officials in {state} said."
    found = [p for p in extract_places(text, dateline=dateline) if p.dateline]
    assert [p.geonameid for p in found] == [geonameid]


def _area_code_cases() -> list[tuple[str, str, str]]:
    """(town name, a state holding a town of that name other than the likeliest, an area
    code of that state): "Athens", Texas and 903. Not Georgia, whose name is first a
    country's."""
    from newsfacet.indexer.places.area_code_table import AREA_CODES
    codes: dict[str, str] = {}
    for code, (country, region) in sorted(AREA_CODES.items()):
        if country == "US":
            codes.setdefault(region, code)
    gaz = get_gazetteer()
    return [(name, state_name, codes[state]) for name, state_name, _ in _us_namesakes()
            for state, s in gaz.states.items() if s.name == state_name and state in codes
            and gaz.entries(state_name.lower())[0].candidate.kind == "admin"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_area_code_cases()),
       st.sampled_from(["{a}-555-0100", "({a}) 555-0100", "{a}.555.0100"]))
def test_a_phone_numbers_area_code_names_its_state(case: tuple[str, str, str],
                                                   phone: str) -> None:
    """A local paper that names no state prints phone numbers: "Athens" beside a 903
    number is the town "Athens" beside "Texas" is."""
    name, state, code = case

    def town(text: str) -> list[int | None]:
        return [p.geonameid for p in extract_places(text)
                if any(text[m.start:m.end] == name for m in p.mentions)]

    called = town(f"Police in {name} said the road reopened. Call {phone.format(a=code)}.")
    named = town(f"Police in {name} said the road reopened. Drivers in {state} were glad.")
    assert called == named


@settings(max_examples=40, deadline=None)
@given(towns=st.sampled_from([("Leeds", "Wakefield"), ("Dewsbury", "Bradford"),
                              ("Huddersfield", "Barnsley")]),
       small=st.sampled_from(["Middlestown", "Thornhill", "Horbury"]),
       prep=st.sampled_from(["in", "to", "near", "from"]))
def test_two_towns_of_a_country_let_its_small_towns_in(towns: tuple[str, str], small: str,
                                                       prep: str) -> None:
    """A local paper names its towns, not its country: two towns of England let a small
    English town written where only a place stands count, as naming England would; one
    town is not enough ("Thornhill" is a surname too)."""
    first, second = towns
    both = f"They lived in {first} and worked in {second}. Later they moved {prep} {small}."
    assert any(p.name == small and p.country_code == "GB" for p in extract_places(both))
    one = f"They lived in {first} for years. Later they moved {prep} {small}."
    assert not any(p.name == small for p in extract_places(one))


def _abbreviated_namesakes() -> list[tuple[str, str, str]]:
    """Towns GeoNames names "Saint X" or "Mount X" whose "St. X" / "Mt. X" is also a main
    US town's name: (written form, the town's country, that country's name)."""
    gaz = get_gazetteer()
    out = set()
    for key in gaz.name_keys():
        if not key.startswith(("st ", "mt ", "ft ")):
            continue
        for e in gaz.entries_for_key(key):
            c = e.candidate
            if (not e.main and c.kind == "city" and c.country_code not in ("US", "")
                    and c.name.startswith(("Saint ", "Mount ", "Fort "))
                    and c.population >= 100_000 and c.country
                    and any(o.main and o.candidate.country_code == "US"
                            for o in gaz.entries_for_key(key))):
                short = {"Saint": "St.", "Mount": "Mt.", "Fort": "Ft."}[c.name.split()[0]]
                out.add((f"{short} {c.name.split(' ', 1)[1]}", c.country_code, c.country))
    return sorted(out)


_ABBREVIATED = _abbreviated_namesakes()


@settings(max_examples=30, deadline=None)
@given(case=st.sampled_from(_ABBREVIATED or [("St. Petersburg", "RU", "Russia")]),
       country_first=st.booleans(), us=st.sampled_from(["the US", "the United States",
                                                        "Washington"]))
def test_an_abbreviated_saint_is_the_towns_own_name(case: tuple[str, str, str],
                                                    country_first: bool, us: str) -> None:
    """"St. Petersburg" beside "Russia" and "the US" is Russia's city: the abbreviation is
    the city's own name, not an old alternate that a US town's main name outranks."""
    written, code, country = case
    talks, said = f"Talks in {written} went on.", f"{country} and {us} said no more."
    text = f"{said} {talks}" if country_first else f"{talks} {said}"
    place = next(p for p in extract_places(text)
                 if any(text[s.start : s.end] == written for s in p.mentions))
    assert place.country_code == code
