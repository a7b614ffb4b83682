#!/usr/bin/python3
"""Reference fixtures for the SMOTE family tests (OversamplerFixtureTest).

Run with Debian's python3-imblearn 0.10.0 / python3-sklearn 1.2.1 (apt-get install python3-imblearn):

    /usr/bin/python3 ersatz-synth/src/test/python/make_balance_fixtures.py \
        ../shared/datasets ersatz-synth/src/test/resources/balance

It writes the deterministic parts of each method, computed by scikit-learn and imbalanced-learn
themselves (or, where imbalanced-learn 0.10 differs from the current definition, by the current
definition written out with numpy and scikit-learn's NearestNeighbors):

  ecoli.json    ecoli, imU (35 rows) against the rest (301): SMOTE's 5 neighbours of every imU row,
                Borderline-SMOTE's danger set (m = 10), ADASYN's rows per imU row for 266 new rows.
  penguins.json penguins without missing values, species as target: SMOTE-NC's median standard
                deviation per class and each class row's 5 neighbours (current definition: one-hot
                entries m/sqrt(2), m per class over-sampled; imbalanced-learn >= 0.12).
  vdm.json      ten categorical columns of CoIL 2000 (first 3,000 rows), CARAVAN as target: SMOTE-N's
                value difference metric (imbalanced-learn's ValueDifferenceMetric) and the sorted
                distances to each insurance row's 5 nearest insurance rows.

Indices are data rows counted from 0 in the file's order.
"""
import csv
import json
import math
import sys

import numpy as np
from sklearn.neighbors import NearestNeighbors
from imblearn.over_sampling import ADASYN, BorderlineSMOTE
from imblearn.metrics.pairwise import ValueDifferenceMetric


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def neighbours(X, k):
    """k nearest neighbours of each row of X among X, itself excluded (as imbalanced-learn's [:, 1:])."""
    nn = NearestNeighbors(n_neighbors=k + 1).fit(X)
    dist, idx = nn.kneighbors(X)
    return dist[:, 1:], idx[:, 1:]


def ecoli(datasets, out):
    header, rows = read(f"{datasets}/ecoli_imbalanced/ecoli_clean.csv")
    X = np.array([[float(v) for v in r[:7]] for r in rows])
    y = np.array([1 if r[7] == "imU" else 0 for r in rows])
    minority = np.flatnonzero(y == 1)
    dist, idx = neighbours(X[minority], 5)
    smote = {"rows": minority.tolist(), "neighbours": minority[idx].tolist(), "distances": dist.tolist()}

    b = BorderlineSMOTE(random_state=0, k_neighbors=5, m_neighbors=10)
    b.sampling_strategy_ = {1: int((y == 0).sum() - (y == 1).sum())}
    b._validate_estimator()
    b.nn_m_.fit(X)
    danger = b._in_danger_noise(b.nn_m_, X[minority], 1, y, kind="danger")

    # ADASYN's per-row counts, exactly as imbalanced-learn computes them (no randomness involved).
    n_new = int((y == 0).sum() - (y == 1).sum())
    nn = NearestNeighbors(n_neighbors=6).fit(X)
    nns = nn.kneighbors(X[minority], return_distance=False)[:, 1:]
    ratio = np.sum(y[nns] != 1, axis=1) / 5
    ratio /= ratio.sum()
    per_row = np.rint(ratio * n_new).astype(int)
    # Check against imbalanced-learn itself: the total it makes is the sum of these counts.
    _, y_res = ADASYN(random_state=0).fit_resample(X, y)
    assert int((y_res == 1).sum() - (y == 1).sum()) == int(per_row.sum())

    json.dump({"smote": smote, "danger": minority[danger].tolist(),
               "adasyn": {"asked": n_new, "perRow": per_row.tolist(), "total": int(per_row.sum())}},
              open(f"{out}/ecoli.json", "w"), indent=1)


def penguins(examples, out):
    header, rows = read(f"{examples}/penguins.csv")
    rows = [r for r in rows if all(v not in ("", "NA") for v in r)]
    num = np.array([[float(r[i]) for i in (2, 3, 4, 5)] for r in rows])
    cats = [[r[i] for i in (1, 6, 7)] for r in rows]
    species = np.array([r[0] for r in rows])
    result = {"rows": len(rows), "classes": {}}
    levels = [sorted(set(c[j] for c in cats)) for j in range(3)]
    onehot = np.array([[1.0 if c[j] == lv else 0.0 for j in range(3) for lv in levels[j]] for c in cats])
    for cls in ("Chinstrap", "Gentoo"):
        members = np.flatnonzero(species == cls)
        med = float(np.median(np.sqrt(num[members].var(axis=0))))
        X = np.hstack([num[members], onehot[members] * med / math.sqrt(2)])
        dist, idx = neighbours(X, 5)
        result["classes"][cls] = {"medianStd": med, "rows": members.tolist(), "neighbours": members[idx].tolist(),
                                  "distances": dist.tolist()}
    json.dump(result, open(f"{out}/penguins.json", "w"), indent=1)


def vdm(datasets, out):
    header, rows = read(f"{datasets}/coil2000_ticdata_imbalanced/ticdata.csv")
    rows = rows[:3000]
    cols = [0, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    target = header.index("CARAVAN")
    levels = [sorted(set(r[c] for r in rows)) for c in cols]
    X = np.array([[levels[j].index(r[c]) for j, c in enumerate(cols)] for r in rows], dtype=np.int32)
    y = np.array([r[target] for r in rows])
    metric = ValueDifferenceMetric(n_categories=[len(lv) for lv in levels]).fit(X, y)
    minority = np.flatnonzero(y == "insurance")
    D = metric.pairwise(X[minority])
    np.fill_diagonal(D, np.inf)
    sorted_d = np.sort(D, axis=1)[:, :5]
    json.dump({"columns": [header[c] for c in cols], "rows": minority.tolist(),
               "squaredDistances": sorted_d.tolist(),
               "pairs": [[int(minority[0]), int(minority[j]), float(D[0, j])] for j in range(1, 8)]},
              open(f"{out}/vdm.json", "w"), indent=1)


if __name__ == "__main__":
    datasets, out = sys.argv[1], sys.argv[2]
    ecoli(datasets, out)
    penguins(sys.argv[3] if len(sys.argv) > 3 else "examples", out)
    vdm(datasets, out)
