"""Reference timings for `npm run bench` (bench/engine.ts): one model, one thread count, one process.
Also the same-folds accuracy reference of `npm run bench:accuracy -- --extra-trees` (see cross_validate).

Usage: /usr/bin/python3 bench/reference.py --train train.csv --test test.csv --model dt|rf|hgb|xgb
           --threads N --repeats K
       /usr/bin/python3 bench/reference.py --cv folds.json --seeds 5
Prints one JSON object: fit seconds per repeat, test accuracy, single-row predict latency (p50/p95 over
200 calls of model.predict on one row, as an application would call it), batch rows/s on the test set,
and the process's peak RSS (data included). Reads the CSV with pandas; the last column `y` is the label.

Settings mirror the engine benchmark: DecisionTree(max_depth=10); RandomForest(100 trees,
max_features='sqrt', max_depth=10); HistGradientBoosting(100 iterations, max_depth=6, no leaf limit,
no early stopping); XGBoost hist (100 rounds, max_depth=6, learning_rate=0.1, lambda=1,
min_child_weight=1). Thread counts: n_jobs for the forest, nthread for XGBoost, OMP_NUM_THREADS
(set by the caller before this process starts) for HistGradientBoosting.
"""
import argparse
import json
import resource
import statistics
import sys
import time


def cross_validate(path: str, seeds: int) -> None:
    """Accuracy of ExtraTreesClassifier and RandomForestClassifier (100 trees, defaults) on the folds Sapling
    used. `path` is a JSON file written by bench/same-folds.ts: {"numeric": {name: [number|null]},
    "categorical": {name: [string|null]}, "labels": [string], "tests": [[row, ...] per fold]}. Inputs are
    prepared inside each fold as scikit-learn users do: median imputation for numbers, most-frequent imputation
    and one-hot encoding for categories. Prints {"et": [mean accuracy over the folds, per seed], "rf": [...]}.
    """
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    with open(path, encoding="utf8") as f:
        spec = json.load(f)
    numeric = [np.array([np.nan if v is None else v for v in col], dtype=float) for col in spec["numeric"].values()]
    categorical = [np.array(col, dtype=object) for col in spec["categorical"].values()]
    n = len(spec["labels"])
    X = np.empty((n, len(numeric) + len(categorical)), dtype=object)
    for j, col in enumerate(numeric + categorical):
        X[:, j] = col
    y = np.array(spec["labels"], dtype=object)
    num_idx = list(range(len(numeric)))
    cat_idx = list(range(len(numeric), len(numeric) + len(categorical)))

    def prepare():
        parts = []
        if num_idx:
            parts.append(("num", SimpleImputer(strategy="median"), num_idx))
        if cat_idx:
            parts.append(("cat", make_pipeline(SimpleImputer(strategy="most_frequent", missing_values=None),
                                               OneHotEncoder(handle_unknown="ignore")), cat_idx))
        return ColumnTransformer(parts)

    out = {"et": [], "rf": [], "versions": {"sklearn": __import__("sklearn").__version__}}
    for seed in range(seeds):
        for key, make in (("et", ExtraTreesClassifier), ("rf", RandomForestClassifier)):
            scores = []
            for test in spec["tests"]:
                mask = np.zeros(n, dtype=bool)
                mask[test] = True
                model = make_pipeline(prepare(), make(n_estimators=100, random_state=seed))
                model.fit(X[~mask], y[~mask])
                scores.append(float((model.predict(X[mask]) == y[mask]).mean()))
            out[key].append(sum(scores) / len(scores))
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train")
    parser.add_argument("--test")
    parser.add_argument("--model", choices=["dt", "rf", "hgb", "xgb"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cv", help="same-folds accuracy mode: the folds JSON written by bench/same-folds.ts")
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    if args.cv:
        cross_validate(args.cv, args.seeds)
        return
    if not (args.train and args.test and args.model):
        parser.error("--train, --test and --model are required (or --cv)")

    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:  # pragma: no cover
        print(json.dumps({"error": f"missing Python package: {e.name}"}))
        sys.exit(2)

    train = pd.read_csv(args.train)
    test = pd.read_csv(args.test)
    X, y = train.drop(columns="y").to_numpy(), train["y"].to_numpy()
    Xt, yt = test.drop(columns="y").to_numpy(), test["y"].to_numpy()
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def make():
        if args.model == "dt":
            from sklearn.tree import DecisionTreeClassifier
            return DecisionTreeClassifier(max_depth=10, random_state=args.seed)
        if args.model == "rf":
            from sklearn.ensemble import RandomForestClassifier
            return RandomForestClassifier(n_estimators=100, max_features="sqrt", max_depth=10, n_jobs=args.threads, random_state=args.seed)
        if args.model == "hgb":
            from sklearn.ensemble import HistGradientBoostingClassifier
            return HistGradientBoostingClassifier(max_iter=100, max_depth=6, max_leaf_nodes=None, learning_rate=0.1, early_stopping=False, random_state=args.seed)
        import xgboost as xgb
        return xgb.XGBClassifier(n_estimators=100, max_depth=6, learning_rate=0.1, reg_lambda=1.0, min_child_weight=1.0, tree_method="hist", nthread=args.threads, random_state=args.seed)

    try:
        make()
    except ImportError as e:
        print(json.dumps({"error": f"missing Python package: {e.name}"}))
        sys.exit(2)

    fits = []
    model = None
    for _ in range(args.repeats):
        model = make()
        started = time.perf_counter()
        model.fit(X, y)
        fits.append(time.perf_counter() - started)
    accuracy = float((model.predict(Xt) == yt).mean())

    # Single-row latency: predict(one row), as a service answering one request would call it.
    for i in range(20):
        model.predict(Xt[i : i + 1])
    times = []
    for i in range(200):
        row = Xt[i % len(Xt) : i % len(Xt) + 1]
        started = time.perf_counter()
        model.predict(row)
        times.append(time.perf_counter() - started)
    times.sort()
    batch = []
    for _ in range(3):
        started = time.perf_counter()
        model.predict(Xt)
        batch.append(len(Xt) / (time.perf_counter() - started))

    import sklearn
    versions = {"sklearn": sklearn.__version__, "numpy": np.__version__}
    if args.model == "xgb":
        import xgboost
        versions["xgboost"] = xgboost.__version__
    print(json.dumps({
        "fitSeconds": fits,
        "accuracy": accuracy,
        "rowP50Ms": times[len(times) // 2] * 1000,
        "rowP95Ms": times[int(len(times) * 0.95)] * 1000,
        "rowsPerSecond": statistics.median(batch),
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rssAfterLoadMb": rss_after_load,
        "versions": versions,
    }))


if __name__ == "__main__":
    main()
