import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeIdName, parseBoolean, parseNumber } from '../../../app/data/cells.js';
import { createRng } from '../../../app/util/random.js';

describe('parseNumber', () => {
  test('plain decimal numbers only', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['-0.2', -0.2],
      ['+3', 3],
      ['.5', 0.5],
      ['1.', 1],
      ['1e3', 1000],
      ['-2.5E-2', -0.025],
      ['123456789012345', 123456789012345],
    ];
    for (const [cell, value] of cases) assert.equal(parseNumber(cell, false), value, cell);
    for (const cell of [
      '',
      '.',
      '-',
      '1e',
      '1e+',
      '0x10',
      'Infinity',
      'NaN',
      '1 2',
      '1,5',
      '007',
      '0123',
      '-01',
      '00.5',
      '1234567890123456',
    ])
      assert.ok(Number.isNaN(parseNumber(cell, false)), cell);
  });

  test('decimal comma', () => {
    assert.equal(parseNumber('1,5', true), 1.5);
    assert.equal(parseNumber('-0,25', true), -0.25);
    assert.equal(parseNumber('1.5', true), 1.5);
    assert.ok(Number.isNaN(parseNumber('1.234,5', true)));
    assert.ok(Number.isNaN(parseNumber('1,2,3', true)));
  });

  test('the fast path returns exactly what Number() returns (within the double range)', () => {
    const rng = createRng(7);
    const digits = (k: number): string => Array.from({ length: k }, () => String(rng.int(10))).join('');
    for (let t = 0; t < 100_000; t++) {
      let cell = ['', '-', '+'][rng.int(3)] + (rng.int(5) > 0 ? String(1 + rng.int(9)) + digits(rng.int(8)) : '0');
      if (rng.int(2)) cell += '.' + digits(rng.int(10));
      if (rng.int(8) === 0) cell += 'e' + ['', '-', '+'][rng.int(3)] + digits(1 + rng.int(3));
      // Beyond a double's range (1e400) is not a number: NaN, where Number() says ±Infinity.
      const expected = Number.isFinite(Number(cell)) ? Number(cell) : Number.NaN;
      assert.ok(Object.is(parseNumber(cell, false), expected), cell);
      assert.ok(Object.is(parseNumber(cell.replace('.', ','), true), expected), cell);
    }
  });
});

test('parseBoolean', () => {
  assert.deepEqual(parseBoolean('TRUE'), { vocabulary: 'true/false', value: 1 });
  assert.deepEqual(parseBoolean('No'), { vocabulary: 'yes/no', value: 0 });
  assert.equal(parseBoolean('1'), undefined);
  assert.equal(parseBoolean('t'), undefined);
});

test('looksLikeIdName', () => {
  for (const name of ['id', 'ID', 'Id', 'user_id', 'index', 'row']) assert.ok(looksLikeIdName(name), name);
  for (const name of ['idea', 'width', 'rows', 'n']) assert.ok(!looksLikeIdName(name), name);
});
