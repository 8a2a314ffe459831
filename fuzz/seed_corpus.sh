#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the repository's own files, so the repository commits
# only the small hand-written seeds (fuzz/seeds/) and not megabytes of corpus:
#   ballots_csv   tests/conformance/rctab/*/ballots.csv (first 16 KiB, cut at a line end)
#   ballots_json  the same ballots (first 40 lines) written as JSON ballots
#   pabulib       tests/conformance/pabulib/*.pb (first 32 KiB, cut at a line end)
#   rules_json    tests/conformance/rctab/*/rules.json
#   every target  fuzz/seeds/<target>/*
# Inputs libFuzzer found earlier stay in the corpus (it only adds). Needs python3.
set -euo pipefail
cd "$(dirname "$0")"
conf=../tests/conformance

python3 - "$conf" <<'EOF'
import csv, io, json, os, pathlib, shutil, sys

conf = pathlib.Path(sys.argv[1])
corpus = pathlib.Path("corpus")
targets = ["ballots_csv", "ballots_json", "pabulib", "rules_json", "ballot_form", "meeting_form"]
for t in targets:
    (corpus / t).mkdir(parents=True, exist_ok=True)
    for seed in sorted(pathlib.Path("seeds", t).glob("*")):
        shutil.copyfile(seed, corpus / t / ("seed-" + seed.name))

def head(data: bytes, limit: int) -> bytes:
    """The first `limit` bytes, cut after the last line end (whole file when it fits)."""
    if len(data) <= limit:
        return data
    cut = data[:limit]
    end = cut.rfind(b"\n")
    return cut[: end + 1] if end > 0 else cut

for case in sorted(p for p in (conf / "rctab").iterdir() if p.is_dir()):
    rules = case / "rules.json"
    if rules.exists():
        shutil.copyfile(rules, corpus / "rules_json" / f"conf-{case.name}.json")
    ballots = case / "ballots.csv"
    if not ballots.exists():
        continue
    data = ballots.read_bytes()
    (corpus / "ballots_csv" / f"conf-{case.name}.csv").write_bytes(head(data, 16384))
    weighted = False
    if rules.exists():
        weighted = bool(json.loads(rules.read_text(encoding="utf-8")).get("ballots", {}).get("weighted"))
    text = head(data, 16384).decode("utf-8", errors="replace").lstrip("\ufeff")
    items = []
    for row in list(csv.reader(io.StringIO(text)))[:40]:
        if weighted and row:
            items.append({"weight": int(row[0]) if row[0].strip().isdigit() else 1, "ranks": row[1:]})
        else:
            items.append(row)
    (corpus / "ballots_json" / f"conf-{case.name}.json").write_text(json.dumps(items), encoding="utf-8")

for pb in sorted((conf / "pabulib").glob("*.pb")):
    (corpus / "pabulib" / f"conf-{pb.name}").write_bytes(head(pb.read_bytes(), 32768))

for t in targets:
    files = list((corpus / t).iterdir())
    print(f"corpus/{t}: {len(files)} files, {sum(f.stat().st_size for f in files) // 1024} KiB")
EOF
