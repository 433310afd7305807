"""What the segment-writer equivalence tests compare: an index folder's segment files."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path


def segment_files(folder: Path) -> Counter[tuple[str, bytes]]:
    """Every segment file as (extension, content): segment names are random."""
    files: Counter[tuple[str, bytes]] = Counter()
    for name in os.listdir(folder):
        if name.startswith("MAIN_") and "LOCK" not in name:
            files[(name.split(".", 1)[1], (folder / name).read_bytes())] += 1
    return files
