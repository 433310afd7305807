"""The evaluation harness's scoring rules on small inline examples (no ../shared needed)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))

import metrics
import report
import score_quotes


def test_overlap_counts_shared_characters_over_fragments() -> None:
    assert metrics.overlap([(0, 10)], [(5, 20)]) == 5
    assert metrics.overlap([(0, 10)], [(2, 4), (8, 12)]) == 4
    assert metrics.overlap([(0, 5)], [(5, 9)]) == 0


def test_half_of_the_shorter_span_must_overlap() -> None:
    assert metrics.overlaps_half([(0, 10)], [(5, 100)])  # 5 of the shorter 10
    assert not metrics.overlaps_half([(0, 10)], [(6, 100)])  # 4 of 10
    assert metrics.overlaps_half([(40, 50)], [(0, 100)])  # a fragment inside a long quote
    assert not metrics.overlaps_half([(0, 0)], [(0, 10)])  # nothing shared


def test_any_overlap_for_place_mentions() -> None:
    assert metrics.overlaps_any((0, 5), (4, 9))
    assert not metrics.overlaps_any((0, 5), (5, 9))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("John W. Brennan Jr.", "Maj Gen John W. Brennan, Jr.", True),
        ("John W. Brennan Jr.", "Brennan", True),
        ("Hillary Clinton", "Mrs. Clinton's", True),
        ("Donald Trump", "Clinton", False),
        ("Obama", "Obama and Clinton", True),
        ("Jane Doe", "", False),
    ],
)
def test_names_match_on_surname(predicted: str, gold: str, expected: bool) -> None:
    assert metrics.names_match(predicted, gold) is expected


def test_prf_and_f1() -> None:
    counts = metrics.PRF(tp_pred=8, n_pred=10, tp_gold=6, n_gold=12)
    assert counts.precision == pytest.approx(0.8)
    assert counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert metrics.PRF().f1 == 0.0


def test_set_f1_matches_people_one_to_one() -> None:
    f1, matched, wrong = metrics.set_f1(["Hillary Clinton", "Tim Kaine"], ["Clinton"])
    assert (matched, wrong) == (1, 1)
    assert f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)
    assert metrics.set_f1([], [])[0] == 1.0
    assert metrics.set_f1(["Trump"], [])[0] == 0.0


def test_mention_prf_ignores_out_of_scope_annotations() -> None:
    predicted = [(0, 5), (10, 15), (20, 25), (40, 45)]
    gold = [(0, 6), (30, 35)]
    ignore = [(9, 16)]
    counts, found, wrong = metrics.mention_prf(predicted, gold, ignore)
    assert (counts.tp_pred, counts.n_pred) == (1, 3)  # (10, 15) is not scored
    assert (counts.tp_gold, counts.n_gold) == (1, 2)
    assert found == [0, -1]
    assert wrong == [2, 3]


def test_haversine_within_161_km() -> None:
    assert metrics.haversine_km(51.92, 4.48, 52.08, 4.30) < 30  # Rotterdam to The Hague
    assert metrics.haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


@pytest.mark.parametrize(
    ("source", "cls"),
    [("Mr. Obama", "person"), ("he", "pronoun"), ("The New York Times", "other"),
     ("the president", "description"), ("sources", "description"), ("Russia", "other"),
     ("Brian Fallon, the campaign's press secretary,", "person"), ("", "none"),
     ("The Trump campaign", "other"), ("I", "first")],
)
def test_gold_sources_are_classified(source: str, cls: str) -> None:
    assert score_quotes.classify_source(source) == cls


def test_direct_speech_is_mostly_inside_quotation_marks() -> None:
    text = 'He said "we will win" and called it “a big, big problem in this country.”'
    assert score_quotes.quoted_fraction(text, [(8, 21)]) == 1.0
    assert score_quotes.quoted_fraction(text, [(9, 20)]) == 1.0  # marks just outside
    mixed = text.index("called")
    assert 0 < score_quotes.quoted_fraction(text, [(mixed, len(text))]) < 1


def test_score_document_counts_right_and_wrong_speakers() -> None:
    text = '"We will win," said Ann Lee. "No," said Bob Roe. "Maybe."'
    gold = [score_quotes.GoldAttribution([(0, 14)], "person", "Ann Lee", True),
            score_quotes.GoldAttribution([(29, 34)], "person", "Bob Roe", True)]
    predicted = [score_quotes.PredictedQuote((1, 12), "Ann Lee", True),
                 score_quotes.PredictedQuote((30, 32), "Ann Lee", True),
                 score_quotes.PredictedQuote((50, 56), "Ann Lee", True)]
    score = score_quotes.QuoteScore()
    score_quotes.score_document(text, gold, predicted, "direct", score)
    assert (score.quotes.tp_pred, score.quotes.n_pred) == (1, 3)
    assert (score.quotes.tp_gold, score.quotes.n_gold) == (1, 2)
    assert score.errors["wrong speaker"] == 1
    assert score.errors["quote not an attribution in gold"] == 1
    assert score.speaker_f1 == pytest.approx(2 / 3)


def test_write_figures_replaces_only_the_marked_block(tmp_path: Path) -> None:
    doc = tmp_path / "quality.md"
    doc.write_text(f"intro\n{report.START}\nold\n{report.END}\nlimits\n", encoding="utf-8")
    report.write_figures(doc, "| new |", "stamp")
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "| new |" in text and "stamp" in text
    assert text.startswith("intro\n") and text.endswith("limits\n")


def test_goals_compare_in_the_right_direction() -> None:
    assert report.QUOTE_F1.met(0.86) and not report.QUOTE_F1.met(0.84)
    assert report.NO_INVENTED.met(0.0) and not report.NO_INVENTED.met(0.02)
    assert not report.DATE_ACC.met(None)


def test_name_head_drops_the_appositive() -> None:
    assert metrics.name_head("David Axelrod, a former Obama adviser") == "David Axelrod"
    assert metrics.surname(metrics.name_head("Secretary of State John Kerry")) == "kerry"
    assert metrics.name_head("Maj. Gen. John W. Brennan, Jr.") == "Maj. Gen. John W. Brennan"


def test_ndcg_at_10_with_graded_gains() -> None:
    gains = {"a": 3.0, "b": 1.0}
    assert metrics.ndcg_at(["a", "b", "x"], gains, 10) == pytest.approx(1.0)
    swapped = (1.0 + 3.0 / math.log2(3)) / (3.0 + 1.0 / math.log2(3))
    assert metrics.ndcg_at(["b", "a"], gains, 10) == pytest.approx(swapped)
    assert metrics.ndcg_at(["x"] * 10 + ["a"], gains, 10) == 0.0  # past the cut-off
    assert metrics.ndcg_at(["a"], {}, 10) == 0.0


def test_average_precision_counts_unretrieved_relevant_as_zero() -> None:
    assert metrics.average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)
    assert metrics.average_precision(["a"], {"a", "b"}) == pytest.approx(0.5)
    assert metrics.average_precision(["x"], set()) == 0.0
