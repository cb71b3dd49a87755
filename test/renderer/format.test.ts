import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fmt,
  fmtBytes,
  fmtCount,
  fmtDuration,
  fmtMeanCi,
  fmtMs,
  fmtPercent,
  fmtSeconds,
  fmtShort,
  halfInterval,
  shownValue,
  metricDigits,
} from '../../renderer/src/lib/format.js';

test('metrics print as the CLI prints them: mean ± half the 95% interval', () => {
  const s = { mean: 0.9600000000000002, ci95: [0.9060356071763767, 1.0139643928236237] as const };
  assert.equal(fmtMeanCi(s, 'accuracy'), '0.960 ± 0.054');
  assert.equal(fmtMeanCi({ mean: 12.3456, ci95: [11, 13.5] }, 'rmse'), '12.35 ± 1.25');
  assert.equal(fmtMeanCi({ mean: NaN, ci95: [NaN, NaN] }, 'rocAuc'), '—');
  assert.equal(fmtMeanCi(undefined, 'accuracy'), '—');
  assert.equal(fmtMeanCi({ mean: 0.5, ci95: [NaN, NaN] }, 'accuracy'), '0.500');
  assert.equal(halfInterval({ mean: 0, ci95: [1, 3] }), 1);
  assert.equal(metricDigits('mae'), 2);
  assert.equal(metricDigits('r2'), 3);
  assert.equal(fmt(undefined), '—');
  assert.equal(fmt(Infinity), '—');
});

test('costs print in readable units, as the CLI', () => {
  assert.equal(fmtSeconds(0.0067), '6.70 ms');
  assert.equal(fmtSeconds(0.25), '250 ms');
  assert.equal(fmtSeconds(3.14159), '3.14 s');
  // One latency unit everywhere (ms), ~4 significant digits.
  assert.equal(fmtMs(0.0012), '0.0012 ms');
  assert.equal(fmtMs(2.5), '2.5 ms');
  assert.equal(fmtMs(0.000423456), '0.0004235 ms');
  assert.equal(fmtMs(1234.56), '1,235 ms');
  assert.equal(fmtBytes(512), '512 B');
  assert.equal(fmtBytes(1434), '1.4 KB');
  assert.equal(fmtBytes(3 * 1024 * 1024), '3.0 MB');
  assert.equal(fmtCount(6595384.4), '6,595,384');
  assert.equal(fmtSeconds(NaN), '—');
});

test('percentages, durations and short numbers', () => {
  assert.equal(fmtPercent(0.1234), '12.3%');
  assert.equal(fmtPercent(0), '0.0%');
  assert.equal(fmtPercent(0.0001), '<0.1%');
  assert.equal(fmtDuration(4.4), '4 s');
  assert.equal(fmtDuration(65), '1 min 05 s');
  assert.equal(fmtDuration(7380), '2 h 03 min');
  assert.equal(fmtDuration(-1), '—');
  assert.equal(fmtShort(2.45), '2.45');
  assert.equal(fmtShort(0.123456), '0.123');
  assert.equal(fmtShort(123456), '123,456');
  assert.equal(fmtShort(0.00001234), '1.23e-5');
  assert.equal(fmtShort(0), '0');
});

test('latency axis ticks stay in milliseconds', async () => {
  const { fmtLatencyTick } = await import('../../renderer/src/lib/format.js');
  assert.equal(fmtLatencyTick(1e-4), '0.0001 ms');
  assert.equal(fmtLatencyTick(0.001), '0.001 ms');
  assert.equal(fmtLatencyTick(10), '10 ms');
  assert.equal(fmtLatencyTick(2500), '2,500 ms');
  assert.equal(fmtLatencyTick(0), '');
});

test('what-if inputs show long decimals rounded to 4 significant digits, in a form the input parses back', () => {
  assert.equal(shownValue('0.038075906433423026'), '0.03808'); // diabetes, as the file writes it
  assert.equal(shownValue('-0.044641636506989144'), '-0.04464');
  assert.equal(shownValue('0.221000003814697'), '0.221');
  assert.equal(shownValue('123456.789'), '123457'); // more whole digits than 4: a whole number, not 123,500
  for (const unchanged of ['20', '4600', '1.5', '0.5342', 'freelance', '', '1e-7', '0'])
    assert.equal(shownValue(unchanged), unchanged);
  for (const long of ['0.038075906433423026', '123456.789', '3.14159265'])
    assert.ok(Math.abs(Number(shownValue(long)) / Number(long) - 1) < 1e-3, long);
});
