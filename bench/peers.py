"""The peer engines of the benchmark: SQLite FTS5 and a naive Whoosh set-up.

Both index the same JSON Lines corpus as newsfacet and take their facet values
(outlet, publication date, speakers, locations) from newsfacet's own extraction, via
:func:`export_facets`, so every engine counts the same values.

- **SQLite FTS5** (stdlib ``sqlite3``): one ``fts5`` table, ``porter unicode61`` tokenizer
  (newsfacet stems too), facet columns ``UNINDEXED`` before title and body, bm25 with the
  title weighted double. Facets as Datasette does them: one ``GROUP BY`` statement per
  facet, each repeating the ``MATCH`` (``json_each`` for the multi-valued ones), the date
  histogram as ``substr(published, 1, 7)``; snippets with ``snippet()`` (one per hit).
- **Naive Whoosh**, as its documentation suggests: ``TEXT(stored=True)`` title and body
  (StandardAnalyzer), ``ID`` outlet, ``KEYWORD`` speaker and location (one token per value),
  ``DATETIME`` published; default writer, one commit. ``MultifieldParser`` (AND),
  ``groupedby`` with ``FieldFacet`` (``allow_overlap`` for the multi-valued facets) and a
  monthly ``DateRangeFacet``, ``hit.highlights("body", top=3)`` for the top 10.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

#: The facets every engine counts in mode (b), in this order.
FACET_NAMES = ("outlet", "speaker", "location", "date")
FACET_SIZE = 10
MODES = ("a", "b", "c")


class Answer(NamedTuple):
    """What a query returned: the whole result set's size (if computed) and the top ids."""

    total: int | None
    ids: list[str]
    facets: dict[str, list[tuple[str, int]]]
    snippets: int


# -- shared input --------------------------------------------------------------------------


def export_facets(index_dir: Path, out: Path) -> int:
    """Write each document's newsfacet facet values as JSON Lines; returns the count."""
    from newsfacet.indexer.store import IndexStore
    from newsfacet.schema.columns import read_column
    from newsfacet.schema.fields import FACETS, split_values

    ix = IndexStore(index_dir).open()
    count = 0
    tmp = out.with_suffix(".tmp")
    with ix.reader() as reader, tmp.open("w", encoding="utf-8") as handle:
        ids = read_column(reader, "id")
        outlets = read_column(reader, FACETS["outlet"].column)
        dates = read_column(reader, FACETS["date"].column, translate=False)
        speakers = read_column(reader, FACETS["speaker"].column)
        locations = read_column(reader, FACETS["location"].column)
        for docnum in reader.all_doc_ids():
            published = _day(dates[docnum])
            record = {
                "id": ids[docnum],
                "outlet": outlets[docnum] or None,
                "published": published.isoformat() if published else None,
                "speakers": split_values(speakers[docnum]),
                "locations": split_values(locations[docnum]),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(out)
    return count


def _day(raw: int | None) -> dt.date | None:
    """Whoosh stores datetimes as microseconds since ``datetime.min``; missing ones as junk."""
    if not raw or raw < 0:
        return None
    ordinal = raw // (86_400 * 10**6) + 1
    return dt.date.fromordinal(ordinal) if 1 < ordinal <= dt.date.max.toordinal() else None


def read_joined(corpus: Path, facets: Path) -> Iterator[dict[str, Any]]:
    """Corpus records with newsfacet's facet values; documents newsfacet skipped are skipped."""
    values: dict[str, dict[str, Any]] = {}
    with facets.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            values[record["id"]] = record
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            extra = values.get(doc["id"])
            if extra is not None:
                yield {"id": doc["id"], "title": doc["title"] or "", "body": doc["body"] or "",
                       **{k: extra[k] for k in ("outlet", "published", "speakers", "locations")}}


def _today() -> dt.date:
    return dt.date.today()


def _month_range(facets: Path) -> tuple[dt.date, dt.date] | None:
    """First and last month with a (plausible, not future) publication date."""
    low = high = None
    with facets.open(encoding="utf-8") as handle:
        for line in handle:
            published = json.loads(line)["published"]
            if not published:
                continue
            day = dt.date.fromisoformat(published)
            if day > _today():
                continue
            low = day if low is None or day < low else low
            high = day if high is None or day > high else high
    if low is None or high is None:
        return None
    return low.replace(day=1), high.replace(day=1)


def _top(counts: dict[str, int], size: int = FACET_SIZE) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:size]


# -- SQLite FTS5 -----------------------------------------------------------------------------

FTS5_SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(docid UNINDEXED, outlet UNINDEXED, "
    "published UNINDEXED, speakers UNINDEXED, locations UNINDEXED, title, body, "
    "tokenize = 'porter unicode61')"
)


def build_fts5(corpus: Path, facets: Path, out_dir: Path) -> dict[str, Any]:
    """Create ``out_dir/fts5.db`` in one transaction; returns the document count."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "fts5.db"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(FTS5_SCHEMA)
    db.execute("INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(0, 0, 0, 0, 0, 2.0, 1.0)')")
    rows = (
        (d["id"], d["outlet"], d["published"], json.dumps(d["speakers"], ensure_ascii=False),
         json.dumps(d["locations"], ensure_ascii=False), d["title"], d["body"])
        for d in read_joined(corpus, facets)
    )
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    count = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    db.close()
    return {"documents": count, "version": f"sqlite {sqlite3.sqlite_version} (FTS5)"}


def fts5_match(query: dict[str, Any]) -> str:
    """FTS5 MATCH syntax: each word quoted (implicit AND), or one quoted phrase."""
    if query["phrase"]:
        return '"' + " ".join(query["terms"]) + '"'
    return " ".join(f'"{t}"' for t in query["terms"])


class FTS5Engine:
    """Queries over ``fts5.db``, one connection kept open."""

    name = "fts5"

    def __init__(self, index_dir: Path) -> None:
        self.db = sqlite3.connect(index_dir / "fts5.db")

    def version(self) -> str:
        return f"sqlite {sqlite3.sqlite_version} (FTS5)"

    def close(self) -> None:
        self.db.close()

    def search(self, query: dict[str, Any], mode: str) -> Answer:
        where = "docs MATCH ?"
        args: list[Any] = [fts5_match(query)]
        if query["outlet"]:
            where += " AND outlet = ?"
            args.append(query["outlet"])
        snippet = ", snippet(docs, 6, '<mark>', '</mark>', '…', 20)" if mode == "c" else ""
        top = self.db.execute(
            f"SELECT docid{snippet} FROM docs WHERE {where} ORDER BY rank LIMIT 10", args
        ).fetchall()
        if mode == "a":
            return Answer(None, [r[0] for r in top], {}, 0)
        total = self.db.execute(f"SELECT count(*) FROM docs WHERE {where}", args).fetchone()[0]
        facets = {
            "outlet": self.db.execute(
                f"SELECT outlet, count(*) FROM docs WHERE {where} AND outlet IS NOT NULL "
                "GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT 10", args).fetchall(),
            "speaker": self.db.execute(
                f"SELECT j.value, count(*) FROM docs, json_each(docs.speakers) AS j "
                f"WHERE {where} GROUP BY j.value ORDER BY 2 DESC, 1 LIMIT 10", args).fetchall(),
            "location": self.db.execute(
                f"SELECT j.value, count(*) FROM docs, json_each(docs.locations) AS j "
                f"WHERE {where} GROUP BY j.value ORDER BY 2 DESC, 1 LIMIT 10", args).fetchall(),
            "date": self.db.execute(
                f"SELECT substr(published, 1, 7) AS m, count(*) FROM docs WHERE {where} "
                "AND published IS NOT NULL GROUP BY m ORDER BY m", args).fetchall(),
        }
        return Answer(total, [r[0] for r in top], facets, len(top) if mode == "c" else 0)


# -- naive Whoosh ----------------------------------------------------------------------------


def _naive_schema() -> Any:
    from whoosh import fields
    from whoosh.analysis import RegexTokenizer

    one_per_line: Any = RegexTokenizer(r"[^\n]+")  # facet values contain commas ("Erbil, Iraq")
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True),
        body=fields.TEXT(stored=True),
        outlet=fields.ID(stored=True, sortable=True),
        speaker=fields.KEYWORD(stored=True, analyzer=one_per_line),
        location=fields.KEYWORD(stored=True, analyzer=one_per_line),
        published=fields.DATETIME(stored=True, sortable=True),
    )


def build_whoosh(corpus: Path, facets: Path, out_dir: Path) -> dict[str, Any]:
    """A Whoosh index with the default writer and one commit, plus the month range."""
    import whoosh
    from whoosh import index

    out_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(out_dir), _naive_schema())
    writer = ix.writer()
    count = 0
    for d in read_joined(corpus, facets):
        doc: dict[str, Any] = {"id": d["id"], "title": d["title"], "body": d["body"]}
        if d["outlet"]:
            doc["outlet"] = d["outlet"]
        if d["speakers"]:
            doc["speaker"] = "\n".join(d["speakers"])
        if d["locations"]:
            doc["location"] = "\n".join(d["locations"])
        if d["published"]:
            doc["published"] = dt.datetime.fromisoformat(d["published"])
        writer.add_document(**doc)
        count += 1
    writer.commit()
    months = _month_range(facets)
    (out_dir / "bench-months.json").write_text(
        json.dumps([m.isoformat() for m in months] if months else None), encoding="utf-8")
    return {"documents": count, "version": f"whoosh {whoosh.versionstring()}"}


class NaiveWhooshEngine:
    """Queries the way the Whoosh documentation shows them; one searcher kept open."""

    name = "whoosh"

    def __init__(self, index_dir: Path) -> None:
        from dateutil.relativedelta import relativedelta
        from whoosh import index, qparser, sorting

        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = qparser.MultifieldParser(["title", "body"], self.ix.schema)
        months = json.loads((index_dir / "bench-months.json").read_text(encoding="utf-8"))
        self.groups: dict[str, Any] = {
            "outlet": sorting.FieldFacet("outlet"),
            "speaker": sorting.FieldFacet("speaker", allow_overlap=True),
            "location": sorting.FieldFacet("location", allow_overlap=True),
        }
        if months:
            start = dt.datetime.fromisoformat(months[0])
            end = dt.datetime.fromisoformat(months[1]) + relativedelta(months=1)
            self.groups["date"] = sorting.DateRangeFacet("published", start, end,
                                                         gap=relativedelta(months=1))

    def version(self) -> str:
        import whoosh

        return f"whoosh {whoosh.versionstring()}"

    def close(self) -> None:
        self.searcher.close()

    def search(self, query: dict[str, Any], mode: str) -> Answer:
        from whoosh import query as wq
        from whoosh.sorting import Count

        text = ('"' + " ".join(query["terms"]) + '"') if query["phrase"] \
            else " ".join(query["terms"])
        q = self.parser.parse(text)
        filt = wq.Term("outlet", query["outlet"]) if query["outlet"] else None
        if mode == "a":
            results = self.searcher.search(q, limit=10, filter=filt)
            return Answer(None, [hit["id"] for hit in results], {}, 0)
        results = self.searcher.search(q, limit=10, filter=filt, groupedby=self.groups,
                                       maptype=Count)
        facets: dict[str, list[tuple[str, int]]] = {}
        for name in self.groups:
            counts = results.groups(name)
            if name == "date":
                facets[name] = sorted((key[0].strftime("%Y-%m"), n) for key, n in counts.items()
                                      if key and key[0] is not None and n)
            else:
                facets[name] = _top({str(k): n for k, n in counts.items() if k is not None})
        top = results[:10]  # groupedby ignores limit: never iterate the whole Results
        shown = 0
        if mode == "c":
            for hit in top:
                if hit.highlights("body", top=3):
                    shown += 1
        return Answer(len(results), [hit["id"] for hit in top], facets, shown)
