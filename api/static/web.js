// newsfacet web page: the one behaviour that needs script. Changing the sort order or
// the "one result per story" box submits the search form; without script, the Search
// button does the same.
document.addEventListener("change", (event) => {
  const target = event.target;
  const control = target instanceof HTMLSelectElement || target instanceof HTMLInputElement;
  if (control && target.hasAttribute("data-autosubmit") && target.form) {
    if (target.form.requestSubmit) target.form.requestSubmit();
    else target.form.submit();
  }
});
