"""schemathesis hooks of the contract test (tests/contract/run.sh sets SCHEMATHESIS_HOOKS).

Every request carries one of the seeded read-write tokens (CONTRACT_TOKENS, space-separated),
in turn: the API limits each token to a burst of requests (`API_PER_TOKEN`), and spreading the
run over several tokens keeps the generated requests reaching the handlers instead of the
rate limiter, while a 429 stays possible and is still checked against the document.
"""

import itertools
import os

import schemathesis

_TOKENS = itertools.cycle(os.environ["CONTRACT_TOKENS"].split())


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Sends the next token (replacing any generated `Authorization`)."""
    headers = dict(case.headers or {})
    for name in [h for h in headers if h.lower() == "authorization"]:
        del headers[name]
    headers["Authorization"] = f"Bearer {next(_TOKENS)}"
    case.headers = headers
