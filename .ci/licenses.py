#!/usr/bin/env python3
"""Fails when any dependency's licence is outside the allow list.

Roundtable is MIT OR Apache-2.0, so every crate we link must be usable under a permissive
licence. Reads `cargo metadata` (normal, build and dev dependencies of the whole workspace)
and evaluates each SPDX expression: an OR needs one allowed branch, an AND needs all.
"""
import json
import re
import subprocess
import sys

ALLOWED = {
    "MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause", "BSD-3-Clause",
    "ISC", "Zlib", "Unicode-3.0", "Unicode-DFS-2016", "CC0-1.0", "0BSD", "BSL-1.0",
    "Unlicense", "CDLA-Permissive-2.0", "MIT-0",
}


def tokens(expr):
    expr = expr.replace("/", " OR ")
    return re.findall(r"\(|\)|[A-Za-z0-9.+-]+", expr)


def parse(toks, i=0):
    """Returns (allowed?, next index) for an OR-of-ANDs expression."""
    result, i = parse_and(toks, i)
    while i < len(toks) and toks[i] == "OR":
        rhs, i = parse_and(toks, i + 1)
        result = result or rhs
    return result, i


def parse_and(toks, i):
    result, i = parse_atom(toks, i)
    while i < len(toks) and toks[i] == "AND":
        rhs, i = parse_atom(toks, i + 1)
        result = result and rhs
    return result, i


def parse_atom(toks, i):
    if toks[i] == "(":
        result, i = parse(toks, i + 1)
        return result, i + 1  # skip ")"
    name = toks[i]
    i += 1
    if i < len(toks) and toks[i] == "WITH":
        name = f"{name} WITH {toks[i + 1]}"
        i += 2
    return name in ALLOWED, i


def main():
    out = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        check=True, capture_output=True, text=True,
    ).stdout
    meta = json.loads(out)
    bad = []
    for pkg in meta["packages"]:
        lic = pkg.get("license")
        if not lic:
            bad.append(f"{pkg['name']} {pkg['version']}: no licence field")
            continue
        ok, _ = parse(tokens(lic))
        if not ok:
            bad.append(f"{pkg['name']} {pkg['version']}: {lic}")
    if bad:
        print("Dependencies with licences outside the allow list:", file=sys.stderr)
        for line in bad:
            print("  " + line, file=sys.stderr)
        sys.exit(1)
    print(f"licences ok ({len(meta['packages'])} packages)")


if __name__ == "__main__":
    main()
