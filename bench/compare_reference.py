"""The scikit-learn reference for `npm run bench:compare` (bench/compare.ts): the table an analyst would make
in one script, on the same CSV and the same folds as Sapling's default `compare`.

Usage: /usr/bin/python3 bench/compare_reference.py --file f.csv --target y --folds folds.txt [--jobs N]

- Four models, scikit-learn defaults matching Sapling's: DecisionTree, RandomForest(100 trees, n_jobs),
  HistGradientBoosting(max_iter=100, early stopping 'auto' as Sapling's booster), LogisticRegression on
  standardized inputs. Preprocessing inside each training fold: numeric median imputation, categorical
  most-frequent imputation + one-hot.
- Cross-validated on the folds Sapling drew (folds.txt: the test fold of each row with a target).
- Permutation importance (sklearn.inspection, 5 repeats, accuracy) on every held-out fold of every model.
- 200 single-row predict calls per model on the first fold's pipeline (after 20 warm-up calls).
- No SHAP, calibration or verdicts: Sapling does more.
Prints one JSON line: seconds per stage (wall and process CPU), total, peak RSS.
"""
import argparse
import csv
import json
import resource
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--folds", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    started, cpu_started = time.perf_counter(), time.process_time()
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.inspection import permutation_importance
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    wall = {s: 0.0 for s in ["parse", "fit", "score", "latency", "permutation"]}
    cpu = dict(wall)

    def stage(name, t0, c0):
        wall[name] += time.perf_counter() - t0
        cpu[name] += time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    with open(args.file, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [r for r in reader]
    ti = header.index(args.target)
    missing = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"}
    rows = [r for r in rows if r[ti] not in missing]
    y_text = np.array([r[ti] for r in rows])
    feature_idx = [j for j in range(len(header)) if j != ti]

    def numeric(j):
        for r in rows:
            v = r[j]
            if v in missing:
                continue
            try:
                float(v)
            except ValueError:
                return False
        return True

    num_cols = [k for k, j in enumerate(feature_idx) if numeric(j)]
    cat_cols = [k for k, j in enumerate(feature_idx) if k not in set(num_cols)]
    X = np.empty((len(rows), len(feature_idx)), dtype=object)
    for k, j in enumerate(feature_idx):
        if k in set(num_cols):
            X[:, k] = [float(r[j]) if r[j] not in missing else np.nan for r in rows]
        else:
            X[:, k] = [r[j] if r[j] not in missing else np.nan for r in rows]
    _, y = np.unique(y_text, return_inverse=True)
    fold = np.loadtxt(args.folds, dtype=int)
    if len(fold) != len(rows):
        raise SystemExit(f"folds file has {len(fold)} rows, data {len(rows)}")
    stage("parse", t0, c0)

    def preprocess(scale):
        to_float = FunctionTransformer(lambda a: np.asarray(a, dtype=float))
        numeric_steps = [to_float, SimpleImputer(strategy="median")] + ([StandardScaler()] if scale else [])
        parts = [("num", make_pipeline(*numeric_steps), num_cols)]
        if cat_cols:
            cat = make_pipeline(
                SimpleImputer(strategy="most_frequent"),
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
            )
            parts.append(("cat", cat, cat_cols))
        return ColumnTransformer(parts)

    models = {
        "tree": lambda: make_pipeline(preprocess(False), DecisionTreeClassifier(random_state=42)),
        "forest": lambda: make_pipeline(
            preprocess(False), RandomForestClassifier(n_estimators=100, n_jobs=args.jobs, random_state=42)
        ),
        "boost": lambda: make_pipeline(
            preprocess(False), HistGradientBoostingClassifier(max_iter=100, random_state=42)
        ),
        "linear": lambda: make_pipeline(preprocess(True), LogisticRegression(max_iter=1000)),
    }
    accuracy = {}
    for name, make in models.items():
        scores = []
        for k in range(fold.max() + 1):
            train, test = fold != k, fold == k
            t0, c0 = time.perf_counter(), time.process_time()
            model = make().fit(X[train], y[train])
            stage("fit", t0, c0)
            t0, c0 = time.perf_counter(), time.process_time()
            scores.append(float((model.predict(X[test]) == y[test]).mean()))
            model.predict_proba(X[test])
            model.predict(X[train])
            stage("score", t0, c0)
            t0, c0 = time.perf_counter(), time.process_time()
            permutation_importance(model, X[test], y[test], n_repeats=5, random_state=42, scoring="accuracy")
            stage("permutation", t0, c0)
            if k == 0:
                t0, c0 = time.perf_counter(), time.process_time()
                Xt = X[test]
                for i in range(220):
                    model.predict(Xt[i % len(Xt) : i % len(Xt) + 1])
                stage("latency", t0, c0)
        accuracy[name] = sum(scores) / len(scores)
    print(
        json.dumps(
            {
                "stages": wall,
                "cpuStages": cpu,
                "totalSeconds": time.perf_counter() - started,
                "totalCpuSeconds": time.process_time() - cpu_started,
                "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "accuracy": accuracy,
            }
        )
    )


if __name__ == "__main__":
    main()
