#!/usr/bin/python3
"""Carries the test vectors of Kolena's metrics unit tests over to JSON, data only.

Kolena (kolenaIO/kolena, Apache-2.0, Copyright 2021-2024 Kolena Inc.) tests its formulas and its geometry matching in
`tests/unit/metrics/test_formula.py` and `tests/unit/metrics/test_geometry.py`, as `pytest.mark.parametrize` tables.
This script reads those two files from a checkout, evaluates them with stand-ins for `pytest` and for Kolena's
annotation classes (which only record their arguments), and writes every parametrised case to
../fixtures/kolena-metrics/{formula,geometry}.json. No Kolena code runs or is copied: only the inputs and expected
outputs of its tests end up in the JSON, which the TypeScript tests replay.

How to run it:

    /usr/bin/python3 packages/metrics/scripts/port-kolena-test-vectors.py /path/to/kolena [commit]

(commit defaults to HEAD; the committed JSON came from 9f275f97.) NaN inputs are written as the string "NaN".
"""

import json
import math
import os
import subprocess
import sys
import types

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "kolena-metrics")

# Positional field order of each annotation class, as Kolena's dataclasses declare them.
FIELDS = {
    "BoundingBox": ["top_left", "bottom_right"],
    "LabeledBoundingBox": ["top_left", "bottom_right", "label"],
    "ScoredBoundingBox": ["top_left", "bottom_right", "score"],
    "ScoredLabeledBoundingBox": ["top_left", "bottom_right", "label", "score"],
    "Polygon": ["points"],
    "LabeledPolygon": ["points", "label"],
    "ScoredPolygon": ["points", "score"],
    "ScoredLabeledPolygon": ["points", "label", "score"],
}


def recorder(type_name):
    def make(*args, **kwargs):
        value = {"type": type_name}
        value.update(dict(zip(FIELDS[type_name], args)))
        value.update(kwargs)
        return value

    return make


class Mark:
    def __init__(self):
        self.tables = []

    def parametrize(self, names, rows):
        def decorate(fn):
            table = {"test": fn.__name__, "names": [n.strip() for n in names.split(",")], "rows": rows}
            self.tables.append(table)
            fn.pytestmark = [types.SimpleNamespace(args=(names, rows))]
            return fn

        return decorate


def load(source, mark):
    pytest = types.ModuleType("pytest")
    pytest.mark = mark
    pytest.raises = None
    pytest.approx = None
    modules = {"pytest": pytest}
    for name in ["kolena", "kolena.annotation", "kolena.errors", "kolena.metrics", "kolena.metrics._geometry"]:
        modules[name] = types.ModuleType(name)
    for type_name in FIELDS:
        setattr(modules["kolena.annotation"], type_name, recorder(type_name))
    modules["kolena.errors"].InputValidationError = Exception
    for name in ["iou", "match_inferences", "match_inferences_multiclass", "f1_score", "fpr", "precision"]:
        setattr(modules["kolena.metrics"], name, None)
    for name in ["recall", "specificity"]:
        setattr(modules["kolena.metrics"], name, None)
    for name in ["_inf_with_iou", "GT", "Inf"]:
        setattr(modules["kolena.metrics._geometry"], name, None)
    saved = {name: sys.modules.get(name) for name in modules}
    sys.modules.update(modules)
    try:
        exec(compile(source, "<kolena test>", "exec"), {"__name__": "ported"})
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def plain(value):
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def port(repo, commit, path, out_name):
    source = subprocess.run(
        ["git", "-C", repo, "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
    ).stdout
    mark = Mark()
    load(source, mark)
    tables = [
        {"test": t["test"], "names": t["names"], "rows": [plain(list(row)) for row in t["rows"]]}
        for t in mark.tables
    ]
    payload = {
        "source": f"kolenaIO/kolena@{commit[:8]} {path}",
        "licence": "Apache-2.0, Copyright 2021-2024 Kolena Inc.",
        "generator": "scripts/port-kolena-test-vectors.py",
        "tables": tables,
    }
    os.makedirs(OUT, exist_ok=True)
    target = os.path.join(OUT, out_name)
    with open(target, "w") as f:
        json.dump(payload, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"{target}: {sum(len(t['rows']) for t in tables)} cases in {len(tables)} tables")


def main():
    repo = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    commit = subprocess.run(
        ["git", "-C", repo, "rev-parse", commit], check=True, capture_output=True, text=True
    ).stdout.strip()
    port(repo, commit, "tests/unit/metrics/test_formula.py", "formula.json")
    port(repo, commit, "tests/unit/metrics/test_geometry.py", "geometry.json")


if __name__ == "__main__":
    main()
