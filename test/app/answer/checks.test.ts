import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectProtected, nameWords } from '../../../app/data/protected.js';
import { checkTargetBalance, proposeTarget } from '../../../app/data/target-check.js';
import type { ColumnProfile } from '../../../app/data/profile.js';

function cat(name: string, counts: Record<string, number>): ColumnProfile {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return {
    name,
    type: entries.length === 2 ? 'boolean' : 'categorical',
    missing: 0,
    missingFraction: 0,
    distinct: entries.length,
    topCategories: entries.slice(0, 5).map(([value, count]) => ({ value, count })),
  };
}
const num = (name: string, distinct = 500): ColumnProfile => ({
  name,
  type: 'numeric',
  missing: 0,
  missingFraction: 0,
  distinct,
});

describe('target checks', () => {
  test('the lending file: deny (12% yes) is proposed, hschool (98.4% yes) is refused as near-constant', () => {
    const columns = [
      num('dir'),
      cat('hschool', { yes: 2342, no: 38 }),
      cat('afam', { no: 2041, yes: 339 }),
      cat('deny', { no: 2095, yes: 285 }),
      num('income'),
    ];
    const p = proposeTarget(columns, 2380);
    assert.equal(p.column, 'deny');
    assert.match(p.reason, /named like an outcome \('deny'\)/);
    assert.equal(p.refused[0].column, 'hschool');
    assert.match(p.refused[0].reason, /nearly constant: 98\.4% of rows are 'yes'/);
  });
  test('without an outcome-like name the last column is proposed, and says so', () => {
    const p = proposeTarget([num('a'), num('b'), num('carb', 6)], 32);
    assert.equal(p.column, 'carb');
    assert.match(p.reason, /last column/);
  });
  test('ames: Sale_Price (a named outcome) wins over MS_SubClass and the *_Type columns (generic words inside a longer name)', () => {
    const columns = [
      cat('MS_SubClass', { One_Story: 1079, Two_Story: 575, One_and_Half: 287, Split: 118, Duplex: 109 }),
      cat('Bldg_Type', { OneFam: 2425, TwnhsE: 233, Duplex: 109, Twnhs: 101, TwoFmCon: 62 }),
      num('Gr_Liv_Area'),
      cat('Sale_Type', { WD: 2536, New: 239, COD: 87, ConLD: 26, CWD: 12 }),
      num('Sale_Price', 1032),
      num('Longitude'),
      num('Latitude'),
    ];
    const p = proposeTarget(columns, 2930);
    assert.equal(p.column, 'Sale_Price');
    assert.match(p.reason, /named like an outcome \('price'\)/);
    // Without the price column the generic words are only hints: the last column wins over 'MS_SubClass'.
    const q = proposeTarget(
      columns.filter((c) => c.name !== 'Sale_Price'),
      2930,
    );
    assert.equal(q.column, 'Latitude');
  });
  test('a generic word as the whole name or the first word still counts fully', () => {
    assert.equal(proposeTarget([cat('Class', { a: 50, b: 50 }), num('x')], 100).column, 'Class');
    assert.equal(proposeTarget([num('target_income'), num('x'), num('z')], 100).column, 'target_income');
    assert.equal(proposeTarget([cat('sub_class', { a: 50, b: 30, c: 20 }), num('x'), num('z')], 100).column, 'z');
  });
  test('single class blocks, ≥ 95% asks for confirmation, 94% is fine', () => {
    assert.equal(checkTargetBalance('y', [{ label: 'a', count: 10 }]).kind, 'single-class');
    assert.equal(
      checkTargetBalance('y', [
        { label: 'a', count: 95 },
        { label: 'b', count: 5 },
      ]).kind,
      'near-constant',
    );
    assert.equal(
      checkTargetBalance('y', [
        { label: 'a', count: 94 },
        { label: 'b', count: 6 },
      ]).kind,
      'ok',
    );
  });
});

describe('protected attributes', () => {
  test('by name words (race, afam, sex, Age, Marital) but not mileage or percentage', () => {
    const found = detectProtected(
      ['race', 'afam', 'personal_status_sex', 'Age', 'Marital', 'mileage', 'percentage', 'Income'].map((name) => ({
        name,
      })),
    );
    assert.deepEqual(
      found.map((p) => [p.column, p.category]),
      [
        ['race', 'race or ethnicity'],
        ['afam', 'race or ethnicity'],
        ['personal_status_sex', 'sex or gender'],
        ['Age', 'age'],
        ['Marital', 'marital status'],
      ],
    );
  });
  test('by values: a column holding male and female', () => {
    const [p] = detectProtected([{ name: 'who', values: ['Female', 'Male'] }]);
    assert.equal(p.category, 'sex or gender');
    assert.match(p.evidence, /'male', 'female'|'female', 'male'/);
  });
  test('name words split camelCase and separators', () => {
    assert.deepEqual(nameWords('maritalStatus_2'), ['marital', 'status']);
  });
});
