"""What the OpenAPI description states in words because JSON Schema cannot: loaded by the
schemathesis runs (``SCHEMATHESIS_HOOKS=schemathesis_hooks``, and imported by the fuzz
test in the normal suite).

Every parameter's syntax is in the description (``api/param_syntax.py``), so schemathesis
expects every value it draws to be accepted. Two refusals depend on more than one value's
syntax and stay 400s, as in Elasticsearch:

- ``q`` that does not parse as a query (an unbalanced quote or parenthesis): the query
  language is not a regular language;
- ``cursor`` that is not a ``next_cursor`` of the same search (an opaque token, tied to
  the ordering, and not combined with ``page``, ``collapse`` or ``boost``).

Only those answers, recognised by their problem title and the parameter their detail
names, are dropped from "schema-valid request rejected"; the requests are still sent and
every other check (no 5xx, documented status, content type, schema) still applies.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.openapi.checks import RejectedPositiveData


def documented_refusal(failure: Any, response: Any) -> bool:
    """Whether ``failure`` is a rejected positive case answered with one of the two."""
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 400:
        return False
    try:
        problem = response.json()
    except ValueError:
        return False
    title, detail = problem.get("title"), str(problem.get("detail", ""))
    return title == "Invalid query" or (title == "Invalid parameter"
                                        and detail.startswith("cursor:"))


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    return not documented_refusal(failure, response)
