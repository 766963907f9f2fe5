#!/usr/bin/python3
"""Reference values from scikit-learn for @assay/metrics' fixture tests.

What it does: loads the real datasets scikit-learn ships (iris, wine, breast_cancer, digits, diabetes), fits
simple deterministic models (fixed random_state, fixed splits), and writes their inputs (y_true, y_pred, scores)
together with scikit-learn's / scipy's / numpy's metric values to small JSON files in ../fixtures/sklearn/. The
TypeScript tests (src/**/*.sklearn.test.ts) recompute every value from the same inputs and must agree to 1e-9.
CI never runs this script: the JSON files are committed.

How to run it (Debian 12; the versions matter, they are recorded in every file):

    apt-get install -y python3-sklearn          # scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2
    /usr/bin/python3 packages/metrics/scripts/generate-sklearn-fixtures.py

Floats are written with Python's repr, which round-trips exactly through JavaScript's JSON.parse.
"""

import json
import math
import os

import numpy as np
import scipy
import scipy.stats as st
import sklearn
from sklearn import datasets, metrics
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "sklearn")
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def floats(values):
    return [float(v) for v in np.asarray(values).ravel()]


def ints(values):
    return [int(v) for v in np.asarray(values).ravel()]


def write(name, payload):
    payload = {"generator": "scripts/generate-sklearn-fixtures.py", "versions": VERSIONS, **payload}
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def prf(y_true, y_pred, labels):
    """Per-class and averaged precision / recall / F1 with zero_division=0 (Kolena's rule)."""
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    out = {"labels": list(labels), "per_class": {"precision": floats(p), "recall": floats(r), "f1": floats(f)}}
    out["per_class"]["support"] = ints(s)
    for average in ("macro", "micro", "weighted"):
        p, r, f, _ = metrics.precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=0
        )
        out[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    return out


def binary_curves(y_true, y_score):
    fpr, tpr, thr = metrics.roc_curve(y_true, y_score)
    fpr_all, tpr_all, thr_all = metrics.roc_curve(y_true, y_score, drop_intermediate=False)
    precision, recall, pr_thr = metrics.precision_recall_curve(y_true, y_score)
    return {
        "roc_curve": {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr)},
        "roc_curve_all": {"fpr": floats(fpr_all), "tpr": floats(tpr_all), "thresholds": floats(thr_all)},
        "roc_auc": float(metrics.roc_auc_score(y_true, y_score)),
        "pr_curve": {"precision": floats(precision), "recall": floats(recall), "thresholds": floats(pr_thr)},
        "average_precision": float(metrics.average_precision_score(y_true, y_score)),
    }


def binary_case(name, data, positive, rounding):
    x, y = data.data, data.target
    names = [str(n) for n in data.target_names]
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=200, random_state=0, stratify=y)
    model = make_pipeline(StandardScaler(), LogisticRegression(random_state=0, max_iter=1000, C=0.05))
    model.fit(x_train, y_train)
    # Rounding makes ties, which the curve code must group exactly as scikit-learn does.
    score = np.round(model.predict_proba(x_test)[:, positive], rounding)
    y_true = (y_test == positive).astype(int)
    y_pred = (score >= 0.5).astype(int)
    sweep = []
    for t in [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]:
        pred = (score >= t).astype(int)
        tn, fp, fn, tp = metrics.confusion_matrix(y_true, pred, labels=[0, 1]).ravel()
        sweep.append(
            {
                "threshold": t,
                "tp": int(tp),
                "fp": int(fp),
                "fn": int(fn),
                "tn": int(tn),
                "precision": float(metrics.precision_score(y_true, pred, zero_division=0)),
                "recall": float(metrics.recall_score(y_true, pred, zero_division=0)),
                "f1": float(metrics.f1_score(y_true, pred, zero_division=0)),
                "accuracy": float(metrics.accuracy_score(y_true, pred)),
            }
        )
    tn, fp, fn, tp = metrics.confusion_matrix(y_true, y_pred).ravel()
    write(
        name,
        {
            "dataset": data_name(data),
            "model": "StandardScaler + LogisticRegression(C=0.05), 200 held-out samples, "
            f"scores rounded to {rounding} decimals",
            "positive_label": names[positive],
            "negative_label": names[1 - positive],
            "y_true": ints(y_true),
            "y_score": floats(score),
            "y_pred": ints(y_pred),
            "expected": {
                "confusion_matrix": {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)},
                "accuracy": float(metrics.accuracy_score(y_true, y_pred)),
                "precision": float(metrics.precision_score(y_true, y_pred, zero_division=0)),
                "recall": float(metrics.recall_score(y_true, y_pred, zero_division=0)),
                "f1": float(metrics.f1_score(y_true, y_pred, zero_division=0)),
                "threshold_sweep": sweep,
                **binary_curves(y_true, score),
            },
        },
    )


def data_name(data):
    return data.DESCR.splitlines()[0].strip(". _")


def multiclass_case(name, data, model, n_test, ks, rounding=None, label_subset=None):
    x, y = data.data, data.target
    names = np.array([str(n) for n in data.target_names])
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=n_test, random_state=0, stratify=y)
    model.fit(x_train, y_train)
    proba = model.predict_proba(x_test)
    if rounding is not None:
        proba = np.round(proba, rounding)
    y_pred = model.classes_[np.argmax(proba, axis=1)]
    if label_subset is not None:
        # Keep only samples of some true classes: the other labels then appear only among predictions.
        keep = np.isin(y_test, label_subset)
        y_test, y_pred, proba = y_test[keep], y_pred[keep], proba[keep]
    labels = list(names)
    t, p = names[y_test], names[y_pred]
    cm = metrics.confusion_matrix(t, p, labels=labels)
    expected = {
        "confusion_matrix": [ints(row) for row in cm],
        "accuracy": float(metrics.accuracy_score(t, p)),
        "data_labels": sorted(set(t) | set(p)),
        "prf": prf(t, p, labels),
        "prf_data_labels": prf(t, p, sorted(set(t) | set(p))),
    }
    if label_subset is None:
        for k in ks:
            # Ties inside a row would make scikit-learn's (unstable) argsort decide; refuse them.
            top = np.sort(proba, axis=1)[:, ::-1]
            assert not np.any(top[:, k - 1] == top[:, k]) if k < proba.shape[1] else True
        expected["top_k_accuracy"] = {
            str(k): float(metrics.top_k_accuracy_score(y_test, proba, k=k, labels=model.classes_)) for k in ks
        }
        expected["roc_auc_ovr_macro"] = float(metrics.roc_auc_score(y_test, proba, multi_class="ovr"))
        expected["roc_auc_ovr_weighted"] = float(
            metrics.roc_auc_score(y_test, proba, multi_class="ovr", average="weighted")
        )
        expected["one_vs_rest"] = {}
        for i, label in enumerate(labels):
            expected["one_vs_rest"][label] = binary_curves((y_test == i).astype(int), proba[:, i])
    write(
        name,
        {
            "dataset": data_name(data),
            "model": f"{model}, {n_test} held-out samples"
            + (f", probabilities rounded to {rounding} decimals" if rounding is not None else "")
            + (f", true classes {list(names[label_subset])} only" if label_subset is not None else ""),
            "labels": labels,
            "y_true": [str(v) for v in t],
            "y_pred": [str(v) for v in p],
            "y_score": [floats(row) for row in proba],
            "expected": expected,
        },
    )


def regression_case(name, rounding):
    data = datasets.load_diabetes()
    x_train, x_test, y_train, y_test = train_test_split(data.data, data.target, test_size=150, random_state=0)
    model = LinearRegression().fit(x_train, y_train)
    y_pred = model.predict(x_test)
    if rounding is not None:
        y_pred = np.round(y_pred, rounding)  # integer predictions: ties for Spearman's ranks
    residuals = y_pred - y_test
    frequency, buckets = np.histogram(residuals, bins=10)
    write(
        name,
        {
            "dataset": "diabetes",
            "model": "LinearRegression, 150 held-out samples"
            + (f", predictions rounded to {rounding} decimals" if rounding is not None else ""),
            "y_true": floats(y_test),
            "y_pred": floats(y_pred),
            "expected": {
                "mae": float(metrics.mean_absolute_error(y_test, y_pred)),
                "mse": float(metrics.mean_squared_error(y_test, y_pred)),
                "rmse": float(math.sqrt(metrics.mean_squared_error(y_test, y_pred))),
                "r2": float(metrics.r2_score(y_test, y_pred)),
                "mape": float(metrics.mean_absolute_percentage_error(y_test, y_pred)),
                "pearson": float(st.pearsonr(y_test, y_pred)[0]),
                "spearman": float(st.spearmanr(y_test, y_pred)[0]),
                "residual_histogram": {"buckets": floats(buckets), "frequency": ints(frequency)},
            },
        },
    )


def significance_case():
    """Exact binomial and chi-square tail probabilities that McNemar's test uses."""
    binomial = []
    for b, c in [(0, 0), (0, 1), (1, 4), (3, 3), (2, 9), (5, 19), (12, 12), (0, 24)]:
        n = b + c
        p = 1.0 if n == 0 else float(st.binomtest(min(b, c), n, 0.5).pvalue)
        binomial.append({"b": b, "c": c, "p_value": p})
    chi_square = []
    for b, c in [(10, 25), (30, 12), (100, 130), (40, 41), (7, 60), (500, 580)]:
        statistic = (abs(b - c) - 1) ** 2 / (b + c)
        chi_square.append({"b": b, "c": c, "statistic": statistic, "p_value": float(st.chi2.sf(statistic, 1))})
    write(
        "significance.json",
        {"mcnemar_exact": binomial, "mcnemar_chi_square": chi_square},
    )


def main():
    os.makedirs(OUT, exist_ok=True)
    binary_case("binary-breast-cancer.json", datasets.load_breast_cancer(), positive=1, rounding=2)
    multiclass_case("multiclass-iris.json", datasets.load_iris(), GaussianNB(), n_test=60, ks=[1, 2])
    multiclass_case(
        "multiclass-wine-tree.json",
        datasets.load_wine(),
        DecisionTreeClassifier(max_depth=2, random_state=0),
        n_test=60,
        ks=[1],
        rounding=6,
    )
    digits_model = make_pipeline(StandardScaler(), LogisticRegression(random_state=0, max_iter=2000, C=0.01))
    multiclass_case("multiclass-digits.json", datasets.load_digits(), digits_model, n_test=200, ks=[1, 3, 5])
    multiclass_case(
        "multiclass-digits-subset.json",
        datasets.load_digits(),
        make_pipeline(StandardScaler(), LogisticRegression(random_state=0, max_iter=2000, C=0.01)),
        n_test=200,
        ks=[],
        label_subset=[3, 5, 8, 9],
    )
    regression_case("regression-diabetes.json", rounding=None)
    regression_case("regression-diabetes-rounded.json", rounding=0)
    significance_case()


if __name__ == "__main__":
    main()
