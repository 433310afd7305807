"""Word lists matched ignoring case are written as tries, and the end-anchored subject
trail is asked only when the last word can end it: the same answers as the flat
alternations they replace, kept here as the oracles."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfacet.indexer.speakers import mentions, quotes, sources

OLD_PERSON_NOUNS = re.compile(
    r"\b(?:official|officials|spokes(?:man|woman|person|people)|source|sources|aide|aides"
    r"|person|people|man|woman|men|women|resident|residents|witness|witnesses|lawyer"
    r"|attorney|adviser|advisor|analyst|analysts|expert|experts|officer|officers|member"
    r"|members|diplomat|diplomats|lawmaker|lawmakers|senator|legislator|friend|colleague"
    r"|father|mother|son|daughter|wife|husband|brother|sister|doctor|leader|leaders"
    r"|commander|soldier|soldiers|activist|activists|student|students|voter|voters"
    r"|supporter|supporters|critic|critics|economist|economists|director|executive"
    r"|president|minister|secretary|chairman|chairwoman|candidate|nominee|judge|worker"
    r"|workers|owner|manager|employee|employees|teacher|victim|survivor|neighbor|neighbour"
    r"|fighter|fighters|detainee|prisoner|farmer|parent|parents|researcher|researchers"
    r"|professor|scientist|scientists|historian|strategist|strategists|consultant|pollster"
    r"|reporter|reporters|journalist|host|organizer|organiser|protester|protesters"
    r"|someone|anyone|everyone|nobody|he|she|who)\b",
    re.IGNORECASE,
)
OLD_SUBJ_TRAIL = re.compile(
    r"(?:[ \t\u00a0]+(?:will|would|has|had|have|also|later|then|once|previously|again|recently"
    r"|repeatedly|often|himself|herself|themselves|itself|first|last|simply|just|even"
    r"|further|frequently|publicly|privately|reportedly|quickly|bluntly|flatly|only"
    r"|never|ever|did|does|not|always|still|now|told|to|can|could|may|might|went on"
    # the time between a subject and its verb ("Priebus later Thursday told"), added since
    r"|on|late|early|earlier|today|yesterday|tonight|this|week|night|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday"
    # an adverb is lower case: "Jolly", "Kelly" and "Connolly" are surnames (changed since)
    r"|(?-i:[a-z]{3,}ly)))+$",
    re.IGNORECASE,
)
OLD_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:with|to|about|against|for|from|of|on|at|by|than|like|and|or|between|toward"
    r"|towards|versus|vs\.|called|named|nominated|attacked|criticized|praised|defeated|beat"
    r"|backed|endorsed|supported|questioned|asked|told)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
OLD_WORK_BEFORE = re.compile(
    r"\b(?:show|shows|book|books|film|films|movie|movies|program|programme|series|song"
    r"|songs|titled|entitled|album|column|article|op-ed|headline|memoir|novel|documentary"
    r"|play|musical|episode|sketch|segment|podcast|magazine|newspaper|newsletter|hashtag"
    r"|slogan|website|blog|sitcom|on|in|to|with|of)[ ,]*$",
    re.IGNORECASE,
)
PAIRS = [(OLD_PERSON_NOUNS, sources._PERSON_NOUNS),
         (OLD_PREPOSITION_BEFORE, mentions._PREPOSITION_BEFORE),
         (OLD_WORK_BEFORE, quotes._WORK_BEFORE)]


def _words(pattern: re.Pattern[str]) -> list[str]:
    """The listed words of an old flat alternation (with "spokes(?:...)" spelled out)."""
    body = re.search(r"\(\?:(.*)\)", pattern.pattern.split(r"\b", 2)[1] + ")").group(1)
    body = body.replace("spokes(?:man|woman|person|people)",
                        "spokesman|spokeswoman|spokesperson|spokespeople")
    return [w.replace("\\", "") for w in body.split("|")]


WORDS = sorted({w for old, _ in PAIRS for w in _words(old)} | {
    "went on", "went", "will", "has", "also", "reportedly", "quickly", "only", "told"})
PIECES = [" ", "  ", "\t", "\u00a0", "\n", ",", ", ", ".", "-", "the ", "The ", "ly", "s",
          "x", "Ana Ruiz", "ſ", "K", "İ", "ı", "é", "9", "_", "'"]


def _cased(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from([word, word.upper(), word.title(), word.swapcase()])


texts = st.lists(
    st.sampled_from(WORDS).flatmap(_cased) | st.sampled_from(PIECES) | st.text(max_size=2),
    max_size=16,
).map("".join)


def test_every_listed_word_is_found_in_any_case() -> None:
    for old, new in PAIRS:
        for word in _words(old):
            for form in (word, word.upper(), word.title()):
                text = f"x {form} "
                assert (old.search(text) is None) == (new.search(text) is None), form


@settings(max_examples=1500, deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 60))
@example(" the spokeswoman", 0, 60)
@example("after the ", 0, 60)
@example("the show ,", 0, 60)
def test_the_word_lists_find_what_they_found(text: str, lo: int, hi: int) -> None:
    for old, new in PAIRS:
        assert (old.search(text, lo, hi) is None) == (new.search(text, lo, hi) is None)


@settings(max_examples=1500, deadline=None)
@given(texts)
@example("Cruz himself")
@example("he went on")
@example("she will also\n")
@example("he\u00a0quickly")
@example("It reportedly ")
@example("ſimply")
@example("he ſimply")
def test_the_subject_trail_is_cut_as_before(phrase: str) -> None:
    assert sources._strip_trail(phrase) == OLD_SUBJ_TRAIL.sub("", phrase)
