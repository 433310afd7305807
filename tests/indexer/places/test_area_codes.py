"""Phone numbers' area codes -> states and provinces (newsfacet.indexer.places.area_codes)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacet.indexer.places.area_code_table import AREA_CODES
from newsfacet.indexer.places.area_codes import phone_regions

WORDS = st.text(alphabet="abc XYZ,;:()\n", max_size=12)
FORMATS = ["{a}-{x}-{n}", "({a}) {x}-{n}", "({a}){x}-{n}", "{a}.{x}.{n}"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(AREA_CODES)), st.sampled_from(FORMATS),
       st.integers(200, 999), st.integers(0, 9999), WORDS, WORDS)
def test_a_number_names_the_region_of_its_area_code(code: str, form: str, exchange: int,
                                                      line: int, before: str,
                                                      after: str) -> None:
    """However the number is written and whatever words stand around it, its area
    code's state or province is found, and nothing else."""
    number = form.format(a=code, x=exchange, n=f"{line:04d}")
    assert phone_regions(f"{before} {number} {after}") == {AREA_CODES[code]}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(AREA_CODES)), st.integers(200, 999), st.integers(0, 9999),
       st.sampled_from(["1{n}", "{n}1", "12-{n}", "{n}-5", "{a}-{x}.{l}", "{a}.{x}-{l}"]))
def test_digits_that_run_on_are_no_phone_number(code: str, exchange: int, line: int,
                                                shape: str) -> None:
    """A number glued to more digits ("1903-675-8477", an ISBN's run) or with mixed
    separators is not read as a phone number."""
    number = f"{code}-{exchange}-{line:04d}"
    text = shape.format(n=number, a=code, x=exchange, l=f"{line:04d}")
    assert phone_regions(f"Item {text} sold.") == set()
