"""Canonical person names (newsfacet.indexer.speakers.names)."""

from __future__ import annotations

import pytest

from newsfacet.indexer.speakers import canonical_name


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
