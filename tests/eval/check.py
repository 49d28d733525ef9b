#!/usr/bin/env python3
"""Validate the labelled evaluation set and print its counts.

Usage: python3 tests/eval/check.py [--markdown] [FILE ...]
(default files: dev.jsonl, dev2.jsonl, dev3.jsonl, dev4f.jsonl, dev4v.jsonl, dev5.jsonl, dev6.jsonl,
dev7.jsonl, dev8.jsonl, dev9.jsonl, dev10.jsonl, dev11.jsonl, dev12.jsonl, dev13.jsonl,
dev14.jsonl, dev15.jsonl, dev16.jsonl and test.jsonl next to this script, those that exist).

Checks, failing with exit 1 and one line per problem:
- every line is a JSON object with exactly `id`, `lang`, `text`, `labels`;
- `id` is unique and starts with the file's half (`dev-` / `dev2-` / `dev3-` / `dev4f-` /
  `dev4v-` / `dev5-` / `dev6-` / `dev7-` / `dev8-` / `dev9-` / `dev10-` / `dev11-` / `dev12-` / `dev13-` / `dev14-` / `dev15-` / `dev16-` / `test-`) followed by four digits, and the file is one of the known halves;
- `lang` is `nb` or `nn`; `text` is a non-empty string;
- `labels` is a list of distinct guideline ids from docs/CONTRACTS.md §1;
- a valid fødselsnummer / D-nummer in the text is labelled `confidentiality`;
- no text occurs twice, and no text in one half is a near-duplicate of one in the other.

Standard library only, so it runs anywhere python3 does.
"""

import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

GUIDELINE_IDS = [
    "negative-about-colleagues",
    "clients-and-users",
    "confidentiality",
    "mixing-roles",
    "photos",
    "loyalty",
    "logged-in-identity",
    "questions-to-official-channels",
    "facts-not-arguments",
    "copyright-and-consent",
    "admit-mistakes",
    "leaders-responsibility",
    "think-twice",
]
KEYS = {"id", "lang", "text", "labels"}
# The known files (halves), in table order: every id starts with its file's name.
HALVES = ["dev", "dev2", "dev3", "dev4f", "dev4v", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "test"]
NEAR_DUPLICATE_RATIO = 0.85

W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def _check_digit(weights, digits):
    """Mod-11 control digit, or None when the weights give the impossible 10."""
    k = 11 - sum(w * d for w, d in zip(weights, digits)) % 11
    k = 0 if k == 11 else k
    return None if k == 10 else k


def is_national_id(candidate):
    """True for an 11-digit fødselsnummer or D-nummer with valid control digits and date."""
    if len(candidate) != 11 or not candidate.isdigit():
        return False
    d = [int(c) for c in candidate]
    if _check_digit(W1, d[:9]) != d[9] or _check_digit(W2, d[:10]) != d[10]:
        return False
    day = d[0] * 10 + d[1]
    if day > 40:
        day -= 40  # D-nummer
    month = d[2] * 10 + d[3]
    return 1 <= day <= 31 and 1 <= month <= 12


def national_ids_in(text):
    """National IDs written as 11 digits, optionally split as 6+5 by a space."""
    found = []
    for m in re.finditer(r"(?<![\d.])(\d{6}) ?(\d{5})(?![\d.])", text):
        digits = m.group(1) + m.group(2)
        if is_national_id(digits):
            found.append(digits)
    return found


def load(path, problems):
    """Read one JSONL file, recording every problem found."""
    half = path.stem
    rows = []
    if half not in HALVES:
        problems.append(f"{path.name}: unknown file; the halves are {', '.join(HALVES)}")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: invalid JSON ({e.msg})")
            continue
        if not isinstance(obj, dict) or set(obj) != KEYS:
            problems.append(f"{where}: expected exactly the keys {sorted(KEYS)}")
            continue
        if not isinstance(obj["id"], str) or not re.fullmatch(re.escape(half) + r"-\d{4}", obj["id"]):
            problems.append(f"{where}: id {obj['id']!r} should be {half}-NNNN")
        if obj["lang"] not in ("nb", "nn"):
            problems.append(f"{where}: lang {obj['lang']!r} is not nb or nn")
        if not isinstance(obj["text"], str) or not obj["text"].strip():
            problems.append(f"{where}: text is empty")
            continue
        labels = obj["labels"]
        if not isinstance(labels, list) or len(set(labels)) != len(labels):
            problems.append(f"{where}: labels must be a list without repeats")
            continue
        for label in labels:
            if label not in GUIDELINE_IDS:
                problems.append(f"{where}: unknown guideline id {label!r}")
        if national_ids_in(obj["text"]) and "confidentiality" not in labels:
            problems.append(f"{where}: contains a national ID but lacks confidentiality")
        rows.append(obj)
    ids = Counter(r["id"] for r in rows)
    problems.extend(f"{path.name}: id {i} occurs {c} times" for i, c in ids.items() if c > 1)
    return rows


def normalise(text):
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


def cross_duplicates(halves, problems):
    """Flag identical texts anywhere and near-duplicates across halves."""
    seen = Counter(normalise(r["text"]) for rows in halves.values() for r in rows)
    problems.extend(f"duplicate text: {t!r}" for t, c in seen.items() if c > 1)
    names = list(halves)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            for ra in halves[a]:
                na = normalise(ra["text"])
                for rb in halves[b]:
                    nb = normalise(rb["text"])
                    m = difflib.SequenceMatcher(None, na, nb, autojunk=False)
                    if m.real_quick_ratio() < NEAR_DUPLICATE_RATIO:
                        continue
                    if m.quick_ratio() >= NEAR_DUPLICATE_RATIO and m.ratio() >= NEAR_DUPLICATE_RATIO:
                        problems.append(f"near-duplicate across halves: {ra['id']} ~ {rb['id']}")


def table(halves, markdown):
    """Counts per guideline per half, plus clean comments, nynorsk share and totals."""
    names = list(halves)
    lines = []
    header = ["guideline"] + names + ["total", "nynorsk positives"]
    rows = []
    for gid in GUIDELINE_IDS:
        per = [sum(gid in r["labels"] for r in halves[h]) for h in names]
        nn = sum(gid in r["labels"] and r["lang"] == "nn" for h in names for r in halves[h])
        rows.append([gid] + per + [sum(per), nn])
    clean = [sum(not r["labels"] for r in halves[h]) for h in names]
    rows.append(["clean (labels [])"] + clean + [sum(clean), sum(not r["labels"] and r["lang"] == "nn" for h in names for r in halves[h])])
    total = [len(halves[h]) for h in names]
    nn_total = sum(r["lang"] == "nn" for h in names for r in halves[h])
    rows.append(["comments"] + total + [sum(total), f"{nn_total} nn ({100 * nn_total / max(1, sum(total)):.0f} %)"])
    if markdown:
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
        lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
        for row in [header] + rows:
            lines.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def main(argv):
    markdown = "--markdown" in argv
    files = [Path(a) for a in argv if not a.startswith("--")]
    if not files:
        here = Path(__file__).resolve().parent
        files = [p for p in (here / f"{h}.jsonl" for h in HALVES) if p.exists()]
    problems = []
    halves = {p.stem: load(p, problems) for p in files}
    cross_duplicates(halves, problems)
    print(table(halves, markdown))
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
