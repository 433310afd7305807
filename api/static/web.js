// newsfacet web pages: what needs script. Everything works without it (links and forms);
// script adds: submitting on a sort change, filtering facet values (and asking
// /facets/<name>?prefix= for values beyond this result set), dragging a date range on the
// histogram, and stepping through results with the keyboard. No inline script or style:
// the pages' Content-Security-Policy refuses both (api/headers.py).
"use strict";

// -- sort and "one result per story" submit their form --------------------------------
document.addEventListener("change", (event) => {
  const target = event.target;
  const control = target instanceof HTMLSelectElement || target instanceof HTMLInputElement;
  if (control && target.hasAttribute("data-autosubmit") && target.form) {
    if (target.form.requestSubmit) target.form.requestSubmit();
    else target.form.submit();
  }
});

// -- links that change the current search ---------------------------------------------
function searchWith(change) {
  const url = new URL(window.location.href);
  url.searchParams.delete("page");
  url.searchParams.delete("cursor");
  change(url.searchParams);
  return url.pathname + "?" + url.searchParams.toString();
}

// -- facet filter boxes ---------------------------------------------------------------
function fold(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function matches(value, typed) {
  // as /facets/<name>?prefix= does: the value or one of its words starts with it
  const folded = fold(value);
  return folded.startsWith(typed) || folded.split(/[\s,.'’()-]+/).some((w) => w.startsWith(typed));
}

function suggestionItem(facet, value, count) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.className = "facet-value suggestion";
  link.dataset.facet = facet;
  link.dataset.value = value;
  link.href = searchWith((params) => params.append(facet, value));
  link.title = value + ": " + count + " in the whole index";
  const label = document.createElement("span");
  label.className = "value";
  label.textContent = value;
  const number = document.createElement("span");
  number.className = "count";
  number.textContent = count.toLocaleString("en");
  link.append(label, number);
  item.append(link);
  return item;
}

let pending = null;
function filterFacet(box) {
  const card = box.closest(".facet");
  const typed = fold(box.value.trim());
  const rows = card.querySelectorAll("ul.values > li");
  let shown = 0;
  const present = new Set();
  rows.forEach((row) => {
    const link = row.querySelector("a.facet-value");
    present.add(link.dataset.value);
    const hit = !typed || matches(link.dataset.value, typed);
    row.hidden = !hit;
    if (hit) shown += 1;
  });
  const more = card.querySelector("details.more");
  if (more) {
    if (typed && !more.dataset.wasOpen) more.dataset.wasOpen = more.open ? "1" : "0";
    if (typed) more.open = true;
    else if (more.dataset.wasOpen) { more.open = more.dataset.wasOpen === "1"; delete more.dataset.wasOpen; }
    more.querySelector("summary").hidden = Boolean(typed);
  }
  const list = card.querySelector("ul.suggestions");
  const none = card.querySelector(".no-match");
  list.replaceChildren();
  list.hidden = true;
  none.hidden = !typed || shown > 0;
  const endpoint = box.dataset.suggest;
  if (!typed || !endpoint) return;
  clearTimeout(pending);
  pending = setTimeout(() => {
    const url = endpoint + "?size=10&prefix=" + encodeURIComponent(box.value.trim());
    fetch(url, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { values: [] }))
      .then((body) => {
        if (fold(box.value.trim()) !== typed) return;  // typed on meanwhile
        const extra = body.values.filter((v) => !present.has(v.value));
        list.replaceChildren(...extra.map((v) => suggestionItem(box.dataset.facet, v.value, v.count)));
        list.hidden = extra.length === 0;
        if (extra.length) {
          const note = document.createElement("li");
          note.className = "suggestions-note";
          note.textContent = "In the whole index:";
          list.prepend(note);
        }
        none.hidden = shown > 0 || extra.length > 0;
      })
      .catch(() => {});
  }, 150);
}

document.addEventListener("input", (event) => {
  if (event.target instanceof HTMLInputElement && event.target.classList.contains("facet-filter")) {
    filterFacet(event.target);
  }
});

// -- dragging a date range across the histogram ---------------------------------------
const histogram = document.getElementById("histogram");
if (histogram) {
  const bars = Array.from(histogram.querySelectorAll(".bar"));
  let start = -1;
  let end = -1;
  let dragged = false;
  const mark = () => {
    const [low, high] = start <= end ? [start, end] : [end, start];
    bars.forEach((bar, i) => bar.classList.toggle("in-range", start >= 0 && i >= low && i <= high));
  };
  const barAt = (event) => {
    const element = document.elementFromPoint(event.clientX, event.clientY);
    const bar = element && element.closest(".bar");
    return bar ? bars.indexOf(bar) : -1;
  };
  histogram.addEventListener("pointerdown", (event) => {
    const i = barAt(event);
    if (i < 0 || event.button !== 0) return;
    start = end = i;
    dragged = false;
    histogram.classList.add("selecting");
    mark();
    event.preventDefault();  // no link drag, no text selection
  });
  document.addEventListener("pointermove", (event) => {
    if (start < 0) return;
    const i = barAt(event);
    if (i >= 0 && i !== end) {
      end = i;
      dragged = dragged || end !== start;
      mark();
    }
  });
  document.addEventListener("pointerup", () => {
    if (start < 0) return;
    const [low, high] = start <= end ? [start, end] : [end, start];
    histogram.classList.remove("selecting");
    start = -1;
    if (!dragged) { mark(); return; }  // a click: the bar's own link narrows to it
    const from = bars[low].dataset.from;
    const to = bars[high].dataset.to;
    window.location.assign(searchWith((params) => {
      params.set("date_from", from);
      params.set("date_to", to);
    }));
  });
  histogram.addEventListener("click", (event) => {
    if (dragged) { event.preventDefault(); dragged = false; }
  });
}

// -- keyboard: j/k or arrows move through results, Enter opens, / searches ------------
const hits = Array.from(document.querySelectorAll("li.hit"));
let current = -1;
function select(i) {
  if (!hits.length) return;
  current = Math.max(0, Math.min(hits.length - 1, i));
  hits.forEach((hit, n) => hit.classList.toggle("current", n === current));
  hits[current].focus({ preventScroll: true });
  hits[current].scrollIntoView({ block: "nearest" });
}
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement;
  if (typing) {
    if (event.key === "Escape") target.blur();
    return;
  }
  if (event.key === "/") {
    const box = document.getElementById("q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
    return;
  }
  if (!hits.length) return;
  if (event.key === "j" || event.key === "ArrowDown") {
    event.preventDefault();
    select(current + 1);
  } else if (event.key === "k" || event.key === "ArrowUp") {
    event.preventDefault();
    select(current < 0 ? 0 : current - 1);
  } else if (event.key === "Enter" && current >= 0) {
    const link = hits[current].querySelector("a.hit-title");
    if (link) { event.preventDefault(); link.click(); }
  }
});
