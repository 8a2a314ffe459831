#!/usr/bin/env python3
"""Time pabutools 1.2.3 on a .pb file for the budget rules and print one JSON line per rule
(selected ids in funding order, seconds), to compare with `cargo bench --bench budget`.

    pip install pabutools==1.2.3
    cargo bench --bench budget -- --only generated --write-generated /tmp/generated_100k_150.pb
    python3 benches/pabutools_compare.py /tmp/generated_100k_150.pb greedy_cost mes_cost phragmen

Rules: greedy_cost greedy_cardinality mes_cost mes_cardinality phragmen mes_cost_add1
mes_cardinality_add1 (exact gmpy2 rationals, lexicographic tie-breaking, as in
tests/conformance/pabulib/README.md). Phragmén's selection is printed sorted by id,
as pabutools returns it.
"""
import json
import sys
import time

from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares, sequential_phragmen
from pabutools.tiebreaking import lexico_tie_breaking

CALLS = {
    "greedy_cost": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking),
    "greedy_cardinality": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cardinality_Sat, tie_breaking=lexico_tie_breaking),
    "mes_cost": lambda i, p: method_of_equal_shares(i, p, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking),
    "mes_cardinality": lambda i, p: method_of_equal_shares(i, p, sat_class=Cardinality_Sat, tie_breaking=lexico_tie_breaking),
    "phragmen": lambda i, p: sequential_phragmen(i, p, tie_breaking=lexico_tie_breaking),
    "mes_cost_add1": lambda i, p: method_of_equal_shares(i, p, sat_class=Cost_Sat, tie_breaking=lexico_tie_breaking, voter_budget_increment=1),
    "mes_cardinality_add1": lambda i, p: method_of_equal_shares(i, p, sat_class=Cardinality_Sat, tie_breaking=lexico_tie_breaking, voter_budget_increment=1),
}


def main():
    path, rules = sys.argv[1], sys.argv[2:] or ["greedy_cost", "mes_cost", "phragmen"]
    start = time.perf_counter()
    instance, profile = parse_pabulib(path)
    print(json.dumps({"parse_seconds": round(time.perf_counter() - start, 3)}), flush=True)
    for rule in rules:
        start = time.perf_counter()
        outcome = CALLS[rule](instance, profile)
        seconds = time.perf_counter() - start
        print(json.dumps({"rule": rule, "seconds": round(seconds, 3), "selected": [p.name for p in outcome]}), flush=True)


if __name__ == "__main__":
    main()
