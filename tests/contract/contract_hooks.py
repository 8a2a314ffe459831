"""schemathesis hooks of the contract test (tests/contract/run.sh sets SCHEMATHESIS_HOOKS).

Every request carries one of the seeded read-write tokens (CONTRACT_TOKENS, space-separated),
in turn: the API limits each token to a burst of requests (`API_PER_TOKEN`), and spreading the
run over several tokens keeps the generated requests reaching the handlers instead of the
rate limiter, while a 429 stays possible and is still checked against the document.

With CONTRACT_BODIES set (the stateful run: a JSON file tests/contract/fixtures.py wrote, a
body by operation), the create operations that start chains of links send that body three
times in four instead of the generated one: random titles, dates and member ids are nearly
always refused, and a refused create starts no chain. (The other phases fuzz these bodies.)

With CONTRACT_TALLY set (the stateful run), it prints at exit how many answers of each status
every operation gave: which chains of links the run got through (a 201, then 2xx further on).
"""

import atexit
import collections
import itertools
import os
import sys

import json

import schemathesis
from hypothesis import strategies as st

_TOKENS = itertools.cycle(os.environ["CONTRACT_TOKENS"].split())
_BODIES = {}
if os.environ.get("CONTRACT_BODIES"):
    with open(os.environ["CONTRACT_BODIES"], encoding="utf-8") as f:
        _BODIES = json.load(f)


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Sends the next token (replacing any generated `Authorization`)."""
    headers = dict(case.headers or {})
    for name in [h for h in headers if h.lower() == "authorization"]:
        del headers[name]
    headers["Authorization"] = f"Bearer {next(_TOKENS)}"
    case.headers = headers


@schemathesis.hook
def flatmap_body(context, body):
    """A body that works, three times in four, for the operations CONTRACT_BODIES names."""
    works = _BODIES.get(context.operation.label) if context.operation is not None else None
    if works is None:
        return st.just(body)

    def choose(draw):
        kind, number = draw
        if kind == 3:
            return body
        return {k: v.replace("{n}", str(number)) if isinstance(v, str) else v
                for k, v in works.items()}

    return st.tuples(st.integers(0, 3), st.integers(10_000_000, 99_999_999)).map(choose)


_TALLY = collections.Counter()


@schemathesis.hook
def after_call(context, case, response):
    """Counts the answers by operation and status."""
    _TALLY[(case.operation.label, response.status_code)] += 1


def _print_tally():
    print("Answers by operation and status:", file=sys.stderr)
    for (label, status), count in sorted(_TALLY.items()):
        print(f"  {label}: {status} x{count}", file=sys.stderr)


if os.environ.get("CONTRACT_TALLY"):
    atexit.register(_print_tally)
