"""Streets in the index: a mention of their town, never a location facet value."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacet.api import SearchService

_STREETS = st.builds("{} {}".format, st.from_regex(r"Xq[a-z]{3,8}", fullmatch=True),
                     st.sampled_from(["Street", "Avenue", "Road", "St.", "Drive"]))


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(street=_STREETS)
def test_a_street_is_stored_as_its_towns_mention_and_filters_by_the_town(
        tmp_path_factory: pytest.TempPathFactory, street: str) -> None:
    body = (f"Police in Omaha said the crash on {street} in Denver closed two lanes. "
            f"Crews reopened {street} by noon.")
    with SearchService(tmp_path_factory.mktemp("index")) as service:
        service.add([{"id": "d1", "title": "Crash", "body": body, "outlet": "Test"}])
        facet = service.search(facets=["location"]).facets["location"]
        assert {v.value for v in facet} == {"Omaha, United States", "Denver, United States",
                                            "United States"}
        assert service.search(location=["Denver, United States"]).total == 1
        doc = service.get("d1")
        spans = {p.label: [doc.body[m.start : m.end] for m in p.mentions]
                 for p in doc.locations}
        assert spans == {"Omaha, United States": ["Omaha"],
                         "Denver, United States": [street, "Denver", street]}
