"""Canonical person names in a document, and merged across documents (speakers.names)."""

from __future__ import annotations

from collections import Counter

import pytest

from newsfacet.indexer.speakers import canonical_name, merge_names


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Maj. Gen. John W. Brennan, Jr.", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Maj Gen John W. Brennan, Jr.", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Maj.  Gen.\u00a0John W Brennan Jr", ("John W. Brennan Jr.", "Maj. Gen.")),
        ("Sen. Elizabeth Warren", ("Elizabeth Warren", "Sen.")),
        ("Brennan", ("Brennan", None)),
        ("U.S. Army Maj. Gen. John Brennan", ("John Brennan", "Maj. Gen.")),
        ("Secretary of State Mike Pompeo", ("Mike Pompeo", "Secretary of State")),
        ("Vice President Mike Pence", ("Mike Pence", "Vice President")),
        ("Rep. Steve King", ("Steve King", "Rep.")),
        ("John Major", ("John Major", None)),
        ("Martin Luther King, Jr.", ("Martin Luther King Jr.", None)),
        ("Mr. Trump", ("Trump", "Mr.")),
        ("Rep. Adam Schiff (D-Calif.)", ("Adam Schiff", "Rep.")),
        ("Wisconsin Democrat Tom Barrett", ("Tom Barrett", None)),
        ("President-elect Donald Trump", ("Donald Trump", "President-elect")),
        (
            "Secretary of the Treasury Steven Mnuchin",
            ("Steven Mnuchin", "Secretary of the Treasury"),
        ),
    ],
)
def test_canonical_name(surface: str, expected: tuple[str, str | None]) -> None:
    assert canonical_name(surface) == expected


def test_canonical_name_is_document_independent() -> None:
    a = canonical_name("Maj. Gen. John W. Brennan, Jr.")
    b = canonical_name("Maj Gen John W. Brennan, Jr.")
    assert a == b == ("John W. Brennan Jr.", "Maj. Gen.")


# --------------------------------------------------------------------------- merge_names


def test_middle_initials_and_bare_surnames_merge_into_the_commonest_form() -> None:
    shown = merge_names(Counter({"Donald Trump": 33, "Donald J. Trump": 7, "Trump": 9}))
    assert shown == {"Donald Trump": "Donald Trump", "Donald J. Trump": "Donald Trump",
                     "Trump": "Donald Trump"}


def test_suffixes_keep_father_and_son_apart() -> None:
    shown = merge_names(Counter({"Donald Trump": 5, "Donald Trump Jr.": 2}))
    assert shown["Donald Trump Jr."] == "Donald Trump Jr."
    assert shown["Donald Trump"] == "Donald Trump"


def test_a_bare_surname_shared_by_several_people_stays_as_it_is() -> None:
    shown = merge_names(Counter({"Hillary Clinton": 5, "Bill Clinton": 4, "Clinton": 6}))
    assert shown["Clinton"] == "Clinton"
    assert shown["Bill Clinton"] == "Bill Clinton"


def test_different_first_names_are_different_people() -> None:
    shown = merge_names(Counter({"John W. Brennan Jr.": 2, "John Brennan": 1,
                                 "Mary Brennan": 1}))
    assert shown["John W. Brennan Jr."] == "John W. Brennan Jr."
    assert shown["Mary Brennan"] == "Mary Brennan"
