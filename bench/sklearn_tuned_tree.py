"""scikit-learn's *tuned* decision tree on the shared datasets, the yardstick for Sapling's default `tree`.

Same protocol as reference_sklearn.json (5-fold CV, stratified for classification, shuffle, random_state 0;
median / most-frequent imputation, one-hot for text), with the tree's max_leaf_nodes chosen by an inner
3-fold GridSearchCV over 2, 4, 8 … 64 and None (unlimited), accuracy / R² as the inner score.
Usage: /usr/bin/python3 bench/sklearn_tuned_tree.py DIR_WITH_CSVS > bench/reference_tuned_tree.json
"""
import csv, json, sys
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

SETS = {"iris": ("target", "c"), "breast_cancer": ("target", "c"), "wine": ("target", "c"), "diabetes": ("target", "r"),
        "penguins": ("species", "c"), "credit_data": ("Status", "c"), "ames": ("Sale_Price", "r"),
        "airquality": ("Ozone", "r"), "mtcars": ("mpg", "r"), "glass": ("Type", "c"), "sonar": ("Class", "c")}
out = {}
for name, (target, kind) in SETS.items():
    with open(f"{sys.argv[1]}/{name}.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], [r for r in rows[1:] if r[rows[0].index(target)] not in ("", "NA")]
    def is_num(j):
        try:
            [float(r[j]) for r in rows if r[j] not in ("", "NA")]
            return True
        except ValueError:
            return False
    t = header.index(target)
    cols = [j for j in range(len(header)) if j != t]
    nums = [k for k, j in enumerate(cols) if is_num(j)]
    text = [k for k, j in enumerate(cols) if not is_num(j)]
    X = np.empty((len(rows), len(cols)), dtype=object)
    for i, r in enumerate(rows):
        for k, j in enumerate(cols):
            v = r[j]
            X[i, k] = (np.nan if v in ("", "NA") else float(v)) if k in nums else (np.nan if v in ("", "NA") else v)
    y = np.array([r[t] for r in rows]) if kind == "c" else np.array([float(r[t]) for r in rows])
    prep = ColumnTransformer([("n", SimpleImputer(strategy="median"), nums),
                              ("t", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), text)])
    tree = DecisionTreeClassifier(random_state=0) if kind == "c" else DecisionTreeRegressor(random_state=0)
    grid = {"decisiontreeclassifier__max_leaf_nodes" if kind == "c" else "decisiontreeregressor__max_leaf_nodes": [2, 4, 8, 16, 32, 64, None]}
    inner = StratifiedKFold(3, shuffle=True, random_state=0) if kind == "c" else KFold(3, shuffle=True, random_state=0)
    model = GridSearchCV(make_pipeline(prep, tree), grid, cv=inner, scoring="accuracy" if kind == "c" else "r2")
    outer = StratifiedKFold(5, shuffle=True, random_state=0) if kind == "c" else KFold(5, shuffle=True, random_state=0)
    scoring = ["accuracy", "balanced_accuracy"] if kind == "c" else ["r2"]
    cv = cross_validate(model, X, y, cv=outer, scoring=scoring, return_estimator=True)
    leaves = [e.best_estimator_[-1].get_n_leaves() for e in cv["estimator"]]
    out[name] = {"kind": kind, **{s: round(float(np.mean(cv[f"test_{s}"])), 4) for s in scoring}, "leaves": float(np.mean(leaves))}
    print(name, out[name], file=sys.stderr)
print(json.dumps(out, indent=1))
