import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { treeRulesText } from '../../../app/explain/rules.js';
import type { TreeNodeView } from '../../../app/ipc/contract.js';

describe('decision tree as rules', () => {
  test('one rule per leaf, conditions from the root down, missing values and categories spelled out', () => {
    const nodes: TreeNodeView[] = [
      {
        id: 0,
        feature: 'income',
        threshold: 50.25,
        comparison: '≤',
        missingGoesLeft: false,
        left: 1,
        right: 2,
        samples: 100,
      },
      {
        id: 1,
        feature: 'home',
        leftCategories: ['own', 'rent'],
        missingGoesLeft: true,
        left: 3,
        right: 4,
        samples: 60,
      },
      { id: 2, prediction: 'good', samples: 40, distribution: { bad: 0.1, good: 0.9 } },
      { id: 3, prediction: 'bad', samples: 35, distribution: { bad: 0.8, good: 0.2 } },
      { id: 4, prediction: 'good', samples: 25, distribution: { bad: 0.4, good: 0.6 } },
    ];
    const text = treeRulesText(nodes, 'status', 'Decision tree');
    assert.equal(
      text,
      `Decision tree: 3 rules predicting status (one per leaf; every row matches exactly one)

Rule 1 — 35 training rows
IF income ≤ 50.25
   AND home in {own, rent} or missing
   THEN status = bad (bad 80%, good 20%)

Rule 2 — 25 training rows
IF income ≤ 50.25
   AND home not in {own, rent}
   THEN status = good (bad 40%, good 60%)

Rule 3 — 40 training rows
IF income > 50.25 or missing
   THEN status = good (bad 10%, good 90%)
`,
    );
  });

  test('a tree that is a single leaf is one rule that always applies; ml-cart trees use < and ≥', () => {
    assert.match(
      treeRulesText([{ id: 0, prediction: '3.5', samples: 9 }], 'y', 'T'),
      /Rule 1 — 9 training rows\nALWAYS THEN y = 3\.5/,
    );
    const cart = treeRulesText(
      [
        { id: 0, feature: 'x', threshold: 2, comparison: '<', left: 1, right: 2, samples: 2 },
        { id: 1, prediction: '1', samples: 1 },
        { id: 2, prediction: '2', samples: 1 },
      ],
      'y',
      'T',
    );
    assert.match(cart, /IF x < 2\n {3}THEN y = 1/);
    assert.match(cart, /IF x ≥ 2\n {3}THEN y = 2/);
  });
});
