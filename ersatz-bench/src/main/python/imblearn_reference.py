#!/usr/bin/python3
"""imbalanced-learn's SMOTE (and SMOTEN) rows for BalanceBenchmark's splits, so both are scored by the same classifier.

    /usr/bin/python3 ersatz-bench/src/main/python/imblearn_reference.py OUT SEEDS

OUT is the directory `BalanceBenchmark prepare` wrote. For every dataset split and seed r = 1..SEEDS it
writes OUT/<dataset>_s<k>_imblearn-smote_r<r>.csv: only the new rows (imbalanced-learn appends them
after the real ones), in the input's columns. Numbers are SMOTE's raw interpolations; categorical
columns (per OUT/<dataset>.meta.json, Ersatz's detection) are one-hot encoded before SMOTE and decoded
by argmax afterwards, which is what an imbalanced-learn user does with a OneHotEncoder and what Ersatz's
`smote` does with categories. imblearn-smote-rounded holds the same rows with each number rounded to its
column's precision in the training data (what Ersatz writes: integers stay integers), to tell the
algorithm apart from the output format. When every feature is categorical, imblearn-smoten rows are
written too.

Run with Debian's python3-imblearn 0.10.0 (python3-sklearn 1.2.1): its SMOTE and SMOTEN follow the same
definitions as the current release (later releases changed SMOTE-NC and Borderline-SMOTE 2, not these).
"""
import csv
import json
import sys

import numpy as np
from imblearn.over_sampling import SMOTE, SMOTEN


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def number(s):
    return float(s) if s != "" else np.nan


def decimals(s):
    """Digits after the decimal point, as Ersatz's codec counts them (capped at 12)."""
    return min(12, len(s.split(".", 1)[1])) if "." in s else 0


def rounded(x, d):
    """x at d decimals, written as the data writes it (no exponent, no trailing '.0' for integers)."""
    return f"{round(x, d):.{d}f}"


def main(out, seeds):
    for name in ("oil_spill", "coil2000", "ecoli", "adult"):
        info = json.load(open(f"{out}/{name}.json"))
        meta = json.load(open(f"{out}/{name}.meta.json"))
        kinds = {c["name"]: c["kind"] for c in meta["columns"]}
        target, positive = info["target"], info["positive"]
        for k in range(1, info["splits"] + 1):
            header, rows = read(f"{out}/{name}_s{k}_train.csv")
            t = header.index(target)
            features = [j for j in range(len(header)) if j != t]
            cats = [j for j in features if kinds[header[j]] in ("categorical", "boolean")]
            nums = [j for j in features if j not in cats]
            y = np.array([1 if r[t] == positive else 0 for r in rows])
            levels = {j: sorted(set(r[j] for r in rows)) for j in cats}
            X = np.hstack([np.array([[number(r[j]) for j in nums] for r in rows]).reshape(len(rows), len(nums))] +
                          [np.array([[1.0 if r[j] == lv else 0.0 for lv in levels[j]] for r in rows]) for j in cats])
            places = {j: max(decimals(r[j]) for r in rows if r[j] != "") for j in nums}
            for seed in range(1, seeds + 1):
                X_res, y_res = SMOTE(random_state=seed, k_neighbors=5).fit_resample(X, y)
                new = X_res[len(rows):]
                out_rows, out_rounded = [], []
                for x in new:
                    row = [""] * len(header)
                    row[t] = positive
                    at = len(nums)
                    for j in cats:
                        block = x[at:at + len(levels[j])]
                        row[j] = levels[j][int(np.argmax(block))]
                        at += len(levels[j])
                    raw, rnd = list(row), list(row)
                    for i, j in enumerate(nums):
                        raw[j] = repr(float(x[i]))
                        rnd[j] = rounded(float(x[i]), places[j])
                    out_rows.append(raw)
                    out_rounded.append(rnd)
                write(f"{out}/{name}_s{k}_imblearn-smote_r{seed}.csv", header, out_rows)
                # The same rows at each column's precision (what Ersatz writes): separates the algorithm from the output format.
                write(f"{out}/{name}_s{k}_imblearn-smote-rounded_r{seed}.csv", header, out_rounded)
                if not nums:
                    Xc = np.array([[r[j] for j in cats] for r in rows], dtype=object)
                    Xn, yn = SMOTEN(random_state=seed, k_neighbors=5).fit_resample(Xc, y)
                    out_rows = []
                    for x in Xn[len(rows):]:
                        row = [""] * len(header)
                        row[t] = positive
                        for i, j in enumerate(cats):
                            row[j] = x[i]
                        out_rows.append(row)
                    write(f"{out}/{name}_s{k}_imblearn-smoten_r{seed}.csv", header, out_rows)
            print(name, "split", k, "done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
