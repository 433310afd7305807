"""Strict JSON: what newsfacet reads is standard JSON, nested at most MAX_DEPTH deep, and
every record (parsed or built in Python) is checked by ``Article.from_record`` with
messages that name the field; what it writes never holds NaN or Infinity."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsfacet.schema import strict_json
from newsfacet.schema.document import Article
from newsfacet.schema.errors import InvalidDocument, InvalidJSON
from newsfacet.schema.strict_json import MAX_DEPTH

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("text", ['{"x": NaN}', '[Infinity]', '[-Infinity]', "[1e999]",
                                  "-1e400", "1" * 5000])
def test_non_standard_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidJSON, match="not standard JSON"):
        strict_json.loads(text)


@pytest.mark.parametrize("text", [DEEP, '{"a":' * 5000 + "1" + "}" * 5000,
                                  "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)])
def test_nesting_past_the_limit_is_refused_naming_it(text: str) -> None:
    with pytest.raises(InvalidJSON, match=f"more than {MAX_DEPTH} levels"):
        strict_json.loads(text)


def test_nesting_up_to_the_limit_is_read() -> None:
    assert strict_json.depth(strict_json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)) == MAX_DEPTH


def test_malformed_and_non_utf8_texts_are_invalid_json() -> None:
    with pytest.raises(InvalidJSON, match="malformed JSON"):
        strict_json.loads("{not json", what="the body")
    with pytest.raises(InvalidJSON, match="not valid UTF-8"):
        strict_json.loads(b'{"body": "caf\xe9"}')


def test_dumps_writes_standard_json_only() -> None:
    text = strict_json.dumps({"a": float("nan"), "b": [float("inf"), 1.5], "c": "x"})
    assert json.loads(text, parse_constant=lambda name: pytest.fail(name)) == {
        "a": None, "b": [None, 1.5], "c": "x"}


@pytest.mark.parametrize(("record", "field"), [
    ({"id": "x", "body": "\ud800"}, "'body'"),
    ({"id": "x", "body": "ok", "title": "a\udfffb"}, "'title'"),
    ({"id": "x", "body": "ok", "url": "\udc00"}, "'url'"),
    ({"id": "x", "body": "ok", "tags": ["fine", {"name": "\ud83d"}]}, "'tags[1].name'"),
    ({"id": "x", "body": "ok", "k\ud800": 1}, "'k\\ud800'"),
    ({"id": "\ud800", "body": "ok"}, "'id'"),
])
def test_a_lone_surrogate_is_refused_naming_the_field(record: dict[str, Any],
                                                      field: str) -> None:
    with pytest.raises(InvalidDocument, match="lone surrogate") as raised:
        Article.from_record(record)
    assert field in str(raised.value)


@pytest.mark.parametrize(("value", "words"), [
    (float("nan"), "'score' is nan"),
    ([1.0, float("-inf")], "'score[1]' is -inf"),
    (dt.date(2024, 5, 1), "'score' holds a date"),
    ({1: "a"}, "key 1"),
    (json.loads("[" * MAX_DEPTH + "]" * MAX_DEPTH), f"more than {MAX_DEPTH} levels"),
])
def test_metadata_must_be_standard_json(value: Any, words: str) -> None:
    with pytest.raises(InvalidDocument) as raised:
        Article.from_record({"id": "x", "body": "ok", "score": value})
    assert words in str(raised.value) and "document 'x'" in str(raised.value)


def test_a_record_nested_to_the_limit_is_accepted() -> None:
    inner = json.loads("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))  # record is level 1
    assert Article.from_record({"id": "x", "body": "ok", "deep": inner}).metadata["deep"]


def test_an_integral_number_is_an_id_and_one_past_64_bits_is_refused() -> None:
    assert Article.from_record({"id": 7.0, "body": "ok"}).id == "7"
    assert Article.from_record({"id": -(2**63), "body": "ok"}).id == str(-(2**63))
    for huge in (2**63, 10**600, 1e300):
        with pytest.raises(InvalidDocument, match="outside 64 bits"):
            Article.from_record({"id": huge, "body": "ok"})


def test_an_article_built_in_python_is_checked_too() -> None:
    Article(id="x", body="fine", metadata={"a": [1, "b"]}).check()
    for article in (Article(id="x", body="\ud800"),
                    Article(id="x", body="ok", metadata={"n": float("nan")}),
                    Article(id="", body="ok"), Article(id="x", body="ok", title=5)):  # type: ignore[arg-type]
        with pytest.raises(InvalidDocument):
            article.check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats()
    | st.text(st.characters(codec=None), max_size=8),  # surrogates included
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=st.dictionaries(st.sampled_from(["id", "body", "title", "url", "published",
                                               "meta", "tags"]), json_values, max_size=6)
       | json_values)
@example(record={"id": "x", "body": "b", "meta": float("nan")})
@example(record={"id": "x", "body": "\ud800"})
def test_any_value_is_an_article_or_an_invalid_document(record: Any) -> None:
    """Property: ``from_record`` never raises anything but InvalidDocument, and what it
    accepts can be hashed and written as standard UTF-8 JSON (what the writer does)."""
    try:
        article = Article.from_record(record)
    except InvalidDocument:
        return
    text = json.dumps({"body": article.body, "metadata": article.metadata,
                       "title": article.title}, allow_nan=False, ensure_ascii=False)
    text.encode("utf-8")
