"""A model-based test of the index: what users do, checked against a plain-Python model.

Rules are what users do: write text, HTML and JSON Lines files (dated, undated and
partly dated; with and without speakers, places and quotes), run ``newsfacet index``
(with and without ``--sync``) and ``newsfacet reindex``, POST and DELETE batches over
HTTP, close and reopen the server, and have a writer die between its commits. After
every step the index must agree with the model on totals, hit ids and order, the counts
of all five facets, quotes, stories, ``/health``, ``/stats`` and the CLI's stats.

Per-document facet values come from :func:`~newsfacet.indexer.extract.extract` (the
model's oracle: extraction is tested elsewhere); what is checked here is that no
sequence of writes loses, duplicates, misplaces or mis-counts anything. This is the
test that would have caught an undated file followed by a dated one breaking every
read (issue 14).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from conftest import LiveServer, serve
from newsfacet.api.cli import main
from newsfacet.indexer import pipeline
from newsfacet.indexer.extract import extract
from newsfacet.indexer.pipeline import content_hash
from newsfacet.indexer.speakers import merge_names
from newsfacet.indexer.store import GenerationWriter, IndexStore
from newsfacet.schema.document import Article, Extraction
from newsfacet.schema.fields import location_values

API_KEY = "model-key"
#: Article bodies: each has one word no other has, so a search for it finds exactly the
#: documents written from it. Three quote a person and name places; one has neither.
TEMPLATES = {
    "dockers": ('ROTTERDAM (Harbor Wire) – Dock workers stayed out on Monday as talks '
                'stalled over pay and shift rules at the container terminals.\n\n"We will '
                'not go back until the talks resume," said Ana Lindqvist, who chairs the '
                'dockers union.\n\nThe port authority said ships were waiting offshore.'),
    "quays": ('Heavy rain fell in Lyon, France on Tuesday and the river rose above the '
              'quays near the old town.\n\n"The water came faster than anyone expected," '
              'said Mayor Joris Vermeulen.\n\nShops along the embankment closed early.'),
    "fisheries": ('Ministers from Norway and Kenya met in Bergen to sign a fisheries '
                  'agreement covering quotas for the next decade.\n\n"This is a fair deal '
                  'for both coasts," Ingrid Solberg told reporters after the signing.'),
    "roadworks": "Roadworks close the ring road tonight; drivers should allow extra time.",
}
OUTLETS = ("Harbor Wire", "Valley Post", "Coast Daily")
DAYS = st.one_of(st.none(), st.dates(dt.date(2021, 1, 1), dt.date(2023, 12, 31)))
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec.")


@dataclass
class Expected:
    """One document as the model expects the index to hold it."""

    article: Article
    extraction: Extraction
    digest: str
    template: str
    #: Name of the source file it was last written from; None if it came over HTTP.
    source: str | None


@dataclass(frozen=True)
class Spec:
    """What a user writes for one article (a file, or a record of a file or a batch)."""

    template: str
    outlet: str | None
    day: dt.date | None


SPECS = st.builds(Spec, st.sampled_from(sorted(TEMPLATES)),
                  st.one_of(st.none(), st.sampled_from(OUTLETS)), DAYS)


def _title(doc_id: str) -> str:
    """A title with a word only this document has ("j3-0" → "mkj3z0x")."""
    return f"Report mk{doc_id.replace('-', 'z')}x"


def _record(doc_id: str, spec: Spec) -> dict[str, Any]:
    record: dict[str, Any] = {"id": doc_id, "title": _title(doc_id),
                              "body": TEMPLATES[spec.template]}
    if spec.outlet:
        record["outlet"] = spec.outlet
    if spec.day:
        record["published"] = spec.day.isoformat()
    return record


def _text_page(doc_id: str, spec: Spec) -> str:
    header = (f"NEWS | {MONTHS[spec.day.month - 1]} {spec.day.day}, {spec.day.year}\n"
              if spec.day else "")
    return f"{_title(doc_id)}\n{header}\n{TEMPLATES[spec.template]}\n"


def _html_page(doc_id: str, spec: Spec) -> str:
    time = f'<time datetime="{spec.day.isoformat()}">{spec.day}</time>' if spec.day else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in TEMPLATES[spec.template].split("\n\n"))
    return (f"<html><head><title>{_title(doc_id)}</title></head><body>"
            f"<article><h1>{_title(doc_id)}</h1>{time}{paragraphs}</article></body></html>")


class IndexModel(RuleBasedStateMachine):
    """The index under writes, against a dict of what it should hold."""

    files = Bundle("files")
    #: Whether rebuilds may take the bulk path (a process pool and one Whoosh segment per
    #: core, as large rebuilds do): seconds each, so the soak turns it on.
    bulk_rebuilds = False

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="newsfacet-model-"))
        self.sources = self.root / "sources"
        self.sources.mkdir()
        self.index = self.root / "index"
        #: File name → the articles it holds now (what the next run would read).
        self.on_disk: dict[str, list[tuple[str, Spec]]] = {}
        self.docs: dict[str, Expected] = {}
        #: Committed documents whose quotes a writer that died took with it: they are
        #: hidden (never a wrong version's) until the next commit repairs them.
        self.unrepaired: set[str] = set()
        self.ever_written = False
        self._server: LiveServer | None = None
        self._serving: Any = None
        self._next = 0
        self.steps = 0

    # -- plumbing ----------------------------------------------------------------------

    def _new_name(self, prefix: str) -> str:
        self._next += 1
        return f"{prefix}{self._next}"

    @property
    def server(self) -> LiveServer:
        if self._server is None:
            # no time budget: Hypothesis traces every line while it shrinks a failure,
            # and a search refused as too slow would make the failure vary
            self._serving = serve(self.index, API_KEY=API_KEY, QUERY_TIMEOUT=None)
            self._server = next(self._serving)
        return self._server

    def _stop(self) -> None:
        if self._serving is not None:
            self._serving.close()
        self._server = self._serving = None

    def teardown(self) -> None:
        self._stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(
            self.server.url + path, data=data, method=method,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.load(error)

    def _get(self, path: str, **params: Any) -> Any:
        query = urllib.parse.urlencode(params, doseq=True)
        status, body = self._call("GET", f"{path}?{query}" if query else path)
        assert status == 200, (path, params, status, body)
        return body

    def _cli(self, *args: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*args, "--index", str(self.index)])
        assert "Traceback" not in err.getvalue()
        return status, out.getvalue()

    def _article(self, name: str, doc_id: str, spec: Spec) -> Article:
        path = str((self.sources / name).resolve())
        if name.endswith(".jsonl"):
            return Article.from_record(_record(doc_id, spec), source=path)
        text = (self.sources / name).read_text(encoding="utf-8")
        return Article(id=doc_id, body=text, source=path,
                       format="html" if name.endswith(".html") else "text")

    def _upsert(self, article: Article, template: str, source: str | None,
                rewrite: bool = False) -> str:
        """Add or replace a document as the indexer would; what it reported."""
        digest = content_hash(article)
        known = self.docs.get(article.id)
        if known is not None and known.digest == digest and not rewrite:
            return "unchanged"
        self.docs[article.id] = Expected(article, extract(article), digest, template, source)
        return "updated" if known is not None else "added"

    # -- what users do -----------------------------------------------------------------

    @rule(target=files, spec=SPECS, kind=st.sampled_from(["txt", "html"]))
    def write_page(self, spec: Spec, kind: str) -> str:
        doc_id = self._new_name("p")
        name = f"{doc_id}.{kind}"
        page = _text_page(doc_id, spec) if kind == "txt" else _html_page(doc_id, spec)
        (self.sources / name).write_text(page, encoding="utf-8")
        self.on_disk[name] = [(doc_id, spec)]
        return name

    @rule(target=files, specs=st.lists(SPECS, min_size=1, max_size=4),
          broken=st.booleans())
    def write_jsonl(self, specs: list[Spec], broken: bool) -> str:
        name = f"{self._new_name('j')}.jsonl"
        records = [(f"{name[:-6]}-{n}", spec) for n, spec in enumerate(specs)]
        lines = [json.dumps(_record(doc_id, spec)) for doc_id, spec in records]
        if broken:  # a line that is not JSON: reported, the rest indexed
            lines.insert(len(lines) // 2, "{broken")
        (self.sources / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.on_disk[name] = records
        return name

    @rule(name=files, specs=st.lists(SPECS, min_size=1, max_size=3))
    def rewrite_jsonl(self, name: str, specs: list[Spec]) -> None:
        """Edit a JSON Lines file: some records change, some go, some are new."""
        if not name.endswith(".jsonl") or name not in self.on_disk:
            return
        kept = self.on_disk[name][1:]
        records = [(doc_id, specs[0]) for doc_id, _ in kept[:1]] + kept[1:]
        records += [(f"{name[:-6]}-n{self._new_name('')}", spec) for spec in specs[1:]]
        (self.sources / name).write_text(
            "\n".join(json.dumps(_record(doc_id, spec)) for doc_id, spec in records) + "\n",
            encoding="utf-8")
        self.on_disk[name] = records

    @rule(name=consumes(files))
    def remove_file(self, name: str) -> None:
        (self.sources / name).unlink(missing_ok=True)
        self.on_disk.pop(name, None)

    @rule(sync=st.booleans())
    def index_sources(self, sync: bool) -> None:
        """``newsfacet index SOURCES [--sync]``."""
        status, _ = self._cli("index", "--quiet", str(self.sources), *(["--sync"] * sync))
        seen: set[str] = set()
        broken = False
        for name in sorted(self.on_disk):
            if name.endswith(".jsonl"):
                broken |= "{broken" in (self.sources / name).read_text(encoding="utf-8")
            for doc_id, spec in self.on_disk[name]:
                self._upsert(self._article(name, doc_id, spec), spec.template, name)
                seen.add(doc_id)
        if sync:
            for doc_id, doc in list(self.docs.items()):
                if doc.source is not None and doc_id not in seen:
                    del self.docs[doc_id]
        self.ever_written = True
        self.unrepaired.clear()
        assert status == (1 if broken else 0)

    @rule(batch=st.lists(st.tuples(st.integers(0, 6), SPECS, st.booleans()), min_size=1,
                         max_size=4))
    def post_batch(self, batch: list[tuple[int, Spec, bool]]) -> None:
        """POST /documents with an array; invalid records are listed, the rest indexed.

        Ids are drawn from the posted ones and from files, so a POST may replace a
        document that came from a file (as a user correcting one would).
        """
        file_ids = sorted(d for d, doc in self.docs.items() if doc.source is not None)
        records: list[dict[str, Any]] = []
        expected = Counter[str]()
        bad: list[int] = []
        seen: set[str] = set()
        for position, (n, spec, valid) in enumerate(batch, start=1):
            doc_id = file_ids[n % len(file_ids)] if n >= 5 and file_ids else f"a{n}"
            record = _record(doc_id, spec)
            if not valid:
                record["published"] = "2021-13-45"
            if doc_id in seen:  # a second record of one id in a batch is reported
                bad.append(position)
                records.append(record)
                continue
            records.append(record)
            if not valid:
                bad.append(position)
                continue
            seen.add(doc_id)
            expected[self._upsert(Article.from_record(record), spec.template, None)] += 1
        status, report = self._call("POST", "/documents", records)
        self.ever_written = True
        self.unrepaired.clear()
        assert status == 200, report
        assert [p["item"] for p in report["problems"]] == bad, report
        assert (report["added"], report["updated"], report["unchanged"]) == (
            expected["added"], expected["updated"], expected["unchanged"]), report
        assert report["documents"] == len(self.docs)

    @precondition(lambda self: self.ever_written)
    @rule(pick=st.integers(0, 10**6), missing=st.booleans())
    def delete_one(self, pick: int, missing: bool) -> None:
        ids = sorted(self.docs)
        doc_id = f"absent-{pick}" if missing or not ids else ids[pick % len(ids)]
        status, body = self._call("DELETE", f"/documents/{urllib.parse.quote(doc_id)}")
        self.unrepaired.clear()  # a delete commits, found or not
        if doc_id in self.docs:
            assert status == 200, body
            del self.docs[doc_id]
            assert body["documents"] == len(self.docs)
        else:
            assert status == 404, body

    @precondition(lambda self: self.ever_written)
    @rule(bulk=st.booleans())
    def rebuild(self, bulk: bool) -> None:
        """``newsfacet reindex``: recorded sources are read again as they are now;
        documents whose file is gone, or that came over HTTP, are carried over."""
        recorded = {doc.source for doc in self.docs.values() if doc.source is not None}
        threshold = pipeline.PARALLEL_DOCUMENTS
        pipeline.PARALLEL_DOCUMENTS = -1 if bulk and self.bulk_rebuilds else threshold
        try:
            status, _ = self._cli("reindex", "--quiet")
        finally:
            pipeline.PARALLEL_DOCUMENTS = threshold
        self.unrepaired.clear()
        broken = False
        for name in sorted(recorded):
            if name not in self.on_disk:
                continue
            if name.endswith(".jsonl"):
                broken |= "{broken" in (self.sources / name).read_text(encoding="utf-8")
            for doc_id, spec in self.on_disk[name]:
                self._upsert(self._article(name, doc_id, spec), spec.template, name,
                             rewrite=True)
        assert status == (1 if broken else 0)

    @precondition(lambda self: self.ever_written)
    @rule()
    def reopen(self) -> None:
        """Close the server (and its service) and start another over the same index."""
        self._stop()

    @precondition(lambda self: self.ever_written)
    @rule(specs=st.lists(SPECS, min_size=1, max_size=2),
          numbers=st.lists(st.integers(0, 6), min_size=2, max_size=2),
          point=st.sampled_from(["quotes", "documents", "after-documents"]))
    def die_mid_commit(self, specs: list[Spec], numbers: list[int], point: str) -> None:
        """A writer dies between its commits (as a SIGKILL would leave it: the lock
        goes with the process). Only a documents commit that landed changes anything."""
        self._stop()  # the server's searchers must not hold the lock we are about to take
        store = IndexStore(self.index)
        writer = GenerationWriter(store)
        written = {f"c{n}": (Article.from_record(_record(f"c{n}", spec)), spec)
                   for n, spec in zip(numbers, specs, strict=False)}
        for article, _ in written.values():
            writer.add(extract(article), content_hash(article),
                       replace=article.id in self.docs)

        def die() -> None:
            raise KeyboardInterrupt("killed between the commits")

        if point == "quotes":  # the quote index is as it was
            writer.quotes.commit = die
        elif point == "documents":
            # the quote commit repaired what an earlier death left, and took the quotes
            # of the committed versions of what it rewrote: a document rewritten with
            # its committed content keeps its quotes (same version), any other loses
            # them until the next commit repairs it
            writer.docs.commit = die
            self.unrepaired = {doc_id for doc_id, (article, _) in written.items()
                               if doc_id in self.docs
                               and self.docs[doc_id].digest != content_hash(article)}
        else:
            self.unrepaired.clear()
            commit = writer.docs.commit

            def commit_then_die() -> None:
                commit()
                die()

            writer.docs.commit = commit_then_die
            for article, spec in written.values():
                self._upsert(article, spec.template, None, rewrite=True)
        with contextlib.suppress(KeyboardInterrupt):
            writer.commit()
        for part in (writer.quotes, writer.docs):  # what the process's death releases
            with contextlib.suppress(Exception):
                part.cancel()

    # -- what must hold after every step -------------------------------------------------

    @invariant()
    def agrees_with_the_model(self) -> None:
        self.steps += 1
        if not self.ever_written:
            status, body = self._call("GET", "/health")
            assert status == 503 and body["title"] == "Index not available"
            return
        docs = self.docs
        health = self._get("/health")
        assert health["status"] == "ok" and health["documents"] == len(docs)
        everything = self._get("/search", facets="outlet,speaker,location,date,story",
                               facet_size=1000, per_page=100, sort="date:asc")
        assert everything["total"] == len(docs)
        assert [h["id"] for h in everything["hits"]] == self._date_order()
        facets = everything["facets"]
        expected = self._facets()
        for name in ("outlet", "speaker", "location", "date"):
            got = {v["value"]: v["count"] for v in facets[name]}
            assert got == expected[name], (name, got, expected[name])
        self._check_stories(everything["hits"], facets["story"])
        stats = self._get("/stats")
        assert stats["documents"] == len(docs)
        assert stats["facets"] == {name: len(expected[name]) for name in
                                   ("outlet", "speaker", "location", "date")} | {
            "story": len(facets["story"])}
        for word in TEMPLATES:
            found = self._get("/search", q=word, per_page=100, highlight="false")
            wanted = sorted(d for d, doc in docs.items() if doc.template == word)
            assert sorted(h["id"] for h in found["hits"]) == wanted, word
        for doc_id in sorted(docs)[:3]:
            self._check_document(doc_id)
        self._check_quotes()
        self._check_event_dates()
        status, out = self._cli("stats", "--json")
        assert status == 0 and json.loads(out)["documents"] == len(docs)

    def _date_order(self) -> list[str]:
        """``sort=date:asc``: dated documents by day then id, undated ones last by id."""
        dated = sorted((doc.extraction.published, doc_id) for doc_id, doc in self.docs.items()
                       if doc.extraction.published)
        undated = sorted(d for d, doc in self.docs.items() if not doc.extraction.published)
        return [doc_id for _, doc_id in dated] + undated

    def _facets(self) -> dict[str, dict[str, int]]:
        extractions = [doc.extraction for doc in self.docs.values()]
        people = [list(dict.fromkeys(s.name for s in e.speakers if s.kind == "person"))
                  for e in extractions]
        merged = merge_names(Counter(name for names in people for name in names))
        return {
            "outlet": dict(Counter(e.outlet for e in extractions if e.outlet)),
            "speaker": dict(Counter(v for names in people
                                    for v in dict.fromkeys(merged[n] for n in names))),
            "location": dict(Counter(v for e in extractions for v in location_values(e))),
            "date": dict(Counter(e.published.strftime("%Y-%m") for e in extractions
                                 if e.published)),
        }

    def _check_stories(self, hits: list[dict[str, Any]], facet: list[dict[str, Any]]) -> None:
        story_of = {h["id"]: h["story"] for h in hits}
        members = Counter(story_of.values())
        assert {v["value"]: v["count"] for v in facet} == dict(members)
        for hit in hits:
            assert hit["story_size"] == members[hit["story"]]
        templates: dict[str, set[str]] = {}
        for doc_id, story in story_of.items():
            templates.setdefault(story, set()).add(self.docs[doc_id].template)
        # documents written from different texts never share a story
        assert all(len(t) == 1 for t in templates.values()), templates
        for story in sorted(members)[:2]:
            listed = self._get(f"/stories/{urllib.parse.quote(story)}")
            assert sorted(m["id"] for m in listed["members"]) == sorted(
                d for d, s in story_of.items() if s == story)

    def _check_document(self, doc_id: str) -> None:
        doc = self.docs[doc_id]
        extraction = doc.extraction
        found = self._get("/search", q=extraction.title.split()[-1], per_page=10)
        assert [h["id"] for h in found["hits"]] == [doc_id], (doc_id, found["hits"])
        stored = self._get(f"/documents/{urllib.parse.quote(doc_id)}")
        assert stored["title"] == extraction.title and stored["outlet"] == extraction.outlet
        published = extraction.published.isoformat() if extraction.published else None
        assert stored["published"] == published
        assert [s["name"] for s in stored["speakers"]] == [s.name for s in extraction.speakers]

    def _check_quotes(self) -> None:
        quotes = self._get("/quotes", facets="speaker", facet_size=1000, per_page=100)
        people = Counter(s.name for doc_id, doc in self.docs.items()
                         if doc_id not in self.unrepaired for s in doc.extraction.speakers
                         if s.kind == "person" for _ in s.quotes)
        assert quotes["total"] == sum(people.values())
        assert {v["value"]: v["count"] for v in quotes["facets"]["speaker"]} == dict(people)
        assert {q["document"]["id"] for q in quotes["hits"]} <= set(self.docs)

    def _check_event_dates(self) -> None:
        start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
        found = self._get("/search", date_field="event", date_from="2022", date_to="2022",
                          per_page=100)
        wanted = sorted(d for d, doc in self.docs.items()
                        if any(start <= e.date <= end for e in doc.extraction.event_dates))
        assert sorted(h["id"] for h in found["hits"]) == wanted
