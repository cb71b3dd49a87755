#!/usr/bin/python3
"""Makes the XGBoost fixtures that test `sapling import` (test/fixtures/xgboost/).

Run: /usr/bin/python3 scripts/xgboost-fixtures.py   (Debian python3-xgboost 1.7.4 + numpy; no pandas)

For each case it trains an XGBoost model on a sample CSV, saves it with XGBoost's own JSON writer
(<case>.model.json), and records what XGBoost itself predicts — probabilities or values for every row, and
pred_contribs (SHAP values; last column = bias) for the first SHAP_ROWS rows — in <case>.expected.json.

The features are read as Sapling reads them, so the imported model sees the same numbers:
- empty cells are missing (NaN);
- yes/no (true/false) columns are 0/1;
- text columns are categorical (XGBoost's native categorical splits, enable_categorical), coded as the
  position in the sorted distinct values — Sapling's level order;
- classes are numbered in Sapling's order: sorted labels (numerically when all are numbers).
"""
import csv
import json
import math
import os
import sys

import numpy as np
import xgboost as xgb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'xgboost')
SHAP_ROWS = 200

CASES = [
    # name, csv, target, objective, extra params
    ('credit-binary', 'credit_data.csv', 'Status', 'binary:logistic', {}),
    ('penguins-multiclass', 'penguins.csv', 'species', 'multi:softprob', {}),
    ('airquality-regression', 'airquality.csv', 'Ozone', 'reg:squarederror', {}),
    ('breast-cancer-binary', 'breast_cancer.csv', 'target', 'binary:logistic', {'max_depth': 3}),
]

BOOLEAN = {'yes': 1.0, 'no': 0.0, 'true': 1.0, 'false': 0.0}


def is_number(s):
    try:
        return math.isfinite(float(s))
    except ValueError:
        return False


def read(path, target):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    t = header.index(target)
    body = [r for r in body if r[t] != '']  # Sapling drops rows with a missing target
    names, types, columns = [], [], []
    for j, name in enumerate(header):
        if j == t:
            continue
        cells = [r[j] for r in body]
        present = [c for c in cells if c != '']
        if all(is_number(c) for c in present):
            values = [float(c) if c != '' else math.nan for c in cells]
            types.append('q')
        elif all(c.lower() in BOOLEAN for c in present):
            values = [BOOLEAN[c.lower()] if c != '' else math.nan for c in cells]
            types.append('q')
        else:
            levels = sorted(set(present))
            code = {v: float(i) for i, v in enumerate(levels)}
            values = [code[c] if c != '' else math.nan for c in cells]
            types.append('c')
        names.append(name)
        columns.append(values)
    labels = [r[t] for r in body]
    return names, types, np.array(columns, dtype=np.float64).T, labels


def class_codes(labels):
    distinct = set(labels)
    if all(is_number(v) for v in distinct):
        order = sorted(distinct, key=float)
    else:
        order = sorted(distinct)
    index = {v: i for i, v in enumerate(order)}
    return order, np.array([index[v] for v in labels], dtype=np.float64)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, csv_name, target, objective, extra in CASES:
        names, types, X, labels = read(os.path.join(ROOT, 'examples', csv_name), target)
        params = {
            'objective': objective,
            'tree_method': 'hist',
            'max_depth': 4,
            'eta': 0.3,
            'max_cat_to_onehot': 1,  # category-subset (partition) splits, not one-hot
            'seed': 0,
            'nthread': 1,
        }
        params.update(extra)
        if objective == 'reg:squarederror':
            classes = None
            y = np.array([float(v) for v in labels])
        else:
            classes, y = class_codes(labels)
            if objective == 'multi:softprob':
                params['num_class'] = len(classes)
        dm = xgb.DMatrix(X, label=y, feature_names=names, feature_types=types, enable_categorical=True, missing=np.nan)
        booster = xgb.train(params, dm, num_boost_round=30)
        booster.save_model(os.path.join(OUT, f'{name}.model.json'))
        predictions = booster.predict(dm)
        contribs = booster.predict(dm, pred_contribs=True)[:SHAP_ROWS]
        expected = {
            'csv': f'examples/{csv_name}',
            'target': target,
            'objective': objective,
            'xgboost': xgb.__version__,
            'classes': classes,
            'features': names,
            'predictions': [float(v) for v in np.ravel(predictions)],
            'predictionWidth': 1 if predictions.ndim == 1 else int(predictions.shape[1]),
            'contribs': [[float(v) for v in np.ravel(row)] for row in contribs],
        }
        with open(os.path.join(OUT, f'{name}.expected.json'), 'w', encoding='utf-8') as f:
            json.dump(expected, f, separators=(',', ':'))
            f.write('\n')
        print(f'{name}: {X.shape[0]} rows x {X.shape[1]} features, {len(booster.get_dump())} trees', file=sys.stderr)


if __name__ == '__main__':
    main()
