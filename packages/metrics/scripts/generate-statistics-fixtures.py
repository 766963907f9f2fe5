#!/usr/bin/python3
"""Reference values for @assay/metrics' paired tests, from scipy, statsmodels and scikit-learn.

What it does: fits simple deterministic models on real datasets scikit-learn ships, with out-of-fold predictions
(5-fold, no shuffling), and writes the per-sample values two models are compared on, together with:
- scipy's `ttest_rel` and `wilcoxon` (its defaults: zero_method="wilcox", no continuity correction, method="auto")
  on the absolute residuals of two regressors on the diabetes data: all 442 samples (normal approximation), small
  prefixes (exact), and residuals rounded to whole units (ties and zero differences: normal approximation with the
  tie correction);
- statsmodels' `mcnemar` (exact, and chi-square with continuity correction) on the per-sample correctness of two
  classifiers on the breast cancer data, whole and in small slices;
- scikit-learn's `top_k_accuracy_score` on the wine data with probabilities rounded to one decimal (many ties).
The TypeScript tests (src/compare/paired-tests.test.ts, src/classification/top-k.test.ts) recompute every value
from the same inputs and must agree to 1e-9. CI never runs this script: the JSON file is committed.

How to run it (Debian 12; the versions matter, they are recorded in the file):

    apt-get install -y python3-sklearn python3-scipy python3-statsmodels
    /usr/bin/python3 packages/metrics/scripts/generate-statistics-fixtures.py

Floats are written with Python's repr, which round-trips exactly through JavaScript's JSON.parse.
"""

import json
import os
import warnings

import numpy as np
import scipy
import scipy.stats as st
import sklearn
import statsmodels
from sklearn import datasets, metrics
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor
from statsmodels.stats.contingency_tables import mcnemar

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "statistics")
VERSIONS = {
    "sklearn": sklearn.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
}
FOLDS = KFold(n_splits=5, shuffle=False)


def floats(values):
    return [float(v) for v in np.asarray(values).ravel()]


def paired_case(name, a, b):
    """scipy's paired tests of b against a (differences b - a), as the TypeScript functions take them."""
    with warnings.catch_warnings():
        # scipy warns when it switches from the exact distribution to the normal approximation (ties, zeros).
        warnings.simplefilter("ignore")
        t = st.ttest_rel(b, a)
        w = st.wilcoxon(b, a)
    d = np.asarray(b) - np.asarray(a)
    nonzero = d[d != 0]
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    return {
        "name": name,
        "a": floats(a),
        "b": floats(b),
        "ttest_rel": {"statistic": float(t.statistic), "p_value": float(t.pvalue), "df": len(d) - 1},
        "wilcoxon": {
            "statistic": float(w.statistic),
            "p_value": float(w.pvalue),
            "zeros": int(np.sum(d == 0)),
            "ties": bool(ties),
        },
    }


def regression_cases():
    data = datasets.load_diabetes()
    linear = cross_val_predict(LinearRegression(), data.data, data.target, cv=FOLDS)
    tree = cross_val_predict(DecisionTreeRegressor(max_depth=3, random_state=0), data.data, data.target, cv=FOLDS)
    a = np.abs(data.target - linear)
    b = np.abs(data.target - tree)
    cases = [paired_case("diabetes: |residual|, linear vs tree, all 442", a, b)]
    for n in (12, 20, 45):
        cases.append(paired_case(f"diabetes: |residual|, first {n}", a[:n], b[:n]))
    ra, rb = np.round(a), np.round(b)
    cases.append(paired_case("diabetes: |residual| rounded, all 442 (ties, zeros)", ra, rb))
    cases.append(paired_case("diabetes: |residual| rounded, first 30 (ties, zeros)", ra[:30], rb[:30]))
    return cases


def mcnemar_cases():
    data = datasets.load_breast_cancer()
    logistic = make_pipeline(StandardScaler(), LogisticRegression(random_state=0, max_iter=2000))
    first = cross_val_predict(logistic, data.data, data.target, cv=FOLDS)
    second = cross_val_predict(GaussianNB(), data.data, data.target, cv=FOLDS)
    correct_a = first == data.target
    correct_b = second == data.target
    cases = []
    for name, rows in [
        ("breast cancer: logistic vs naive Bayes, all 569", slice(None)),
        ("breast cancer: first 100", slice(0, 100)),
        ("breast cancer: samples 200-260", slice(200, 260)),
    ]:
        ca, cb = correct_a[rows], correct_b[rows]
        table = [
            [int(np.sum(ca & cb)), int(np.sum(ca & ~cb))],
            [int(np.sum(~ca & cb)), int(np.sum(~ca & ~cb))],
        ]
        exact = mcnemar(table, exact=True)
        chi_square = mcnemar(table, exact=False, correction=True)
        cases.append(
            {
                "name": name,
                "correct_a": [bool(v) for v in ca],
                "correct_b": [bool(v) for v in cb],
                "table": table,
                "exact": {"statistic": float(exact.statistic), "p_value": float(exact.pvalue)},
                "chi_square": {"statistic": float(chi_square.statistic), "p_value": float(chi_square.pvalue)},
            }
        )
    return cases


def top_k_cases():
    data = datasets.load_wine()
    model = make_pipeline(StandardScaler(), LogisticRegression(random_state=0, max_iter=2000, C=0.05))
    scores = np.round(cross_val_predict(model, data.data, data.target, cv=FOLDS, method="predict_proba"), 1)
    names = np.array(["barolo", "grignolino", "barbera"])
    y_true = names[data.target]
    # scikit-learn takes the score columns in the sorted order of the labels.
    labels = sorted(names)
    columns = [list(names).index(label) for label in labels]
    y_score = scores[:, columns]
    tied = int(sum(len(set(row)) < len(row) for row in y_score))
    return [
        {
            "name": f"wine: logistic probabilities rounded to 0.1, k={k}",
            "labels": labels,
            "y_true": [str(v) for v in y_true],
            "y_score": [floats(row) for row in y_score],
            "k": k,
            "rows_with_ties": tied,
            "top_k_accuracy": float(metrics.top_k_accuracy_score(y_true, y_score, k=k, labels=labels)),
        }
        for k in (1, 2)
    ]


def main():
    os.makedirs(OUT, exist_ok=True)
    payload = {
        "generator": "scripts/generate-statistics-fixtures.py",
        "versions": VERSIONS,
        "paired": regression_cases(),
        "mcnemar": mcnemar_cases(),
        "top_k": top_k_cases(),
    }
    path = os.path.join(OUT, "paired-tests.json")
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
