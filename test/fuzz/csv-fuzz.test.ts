/**
 * Issue 15, fuzzing in the suite: 2,400 seeded mutations of the sample CSVs (and of a Windows-1252 file) go through the real loader (readCsv, fed
 * in random chunk sizes as a file stream is) and the profile, with and without a target. Every input must either
 * parse or fail with a SaplingError (a message naming the file, for the user); any other exception is a bug in
 * the reader, and the test prints the seed and mutations that made it. The counts by outcome are printed as
 * diagnostics (`node scripts/run-tests.mjs csv-fuzz`). Bounded: small inputs, and the costly mutations (megabyte
 * lines, thousands of columns) on a few inputs only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { profileDataset } from '../../app/data/profile.js';
import { readCsv } from '../../app/data/read-csv.js';
import type { EncodingChoice } from '../../app/data/text-input.js';
import { createRng, type Rng } from '../../app/util/random.js';
import { SaplingError } from '../../app/util/errors.js';
import { COSTLY, MUTATION_NAMES, MUTATIONS } from './csv-mutations.js';

const CASES = 2_400;
const SEED = 15;
/** Lines kept from each sample file: enough for every column type, small enough to run thousands of times. */
const SAMPLE_LINES = 60;
/** At most this share of cases gets a costly mutation. */
const COSTLY_EVERY = 60;

const FIXTURES = new URL('../fixtures/', import.meta.url);
/** The sample datasets, and a file as Excel on Windows saves it (Windows-1252). */
const SAMPLES = ['datasets/', 'encoding/'].flatMap((folder) =>
  readdirSync(new URL(folder, FIXTURES))
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(new URL(folder + name, FIXTURES));
      // Lines are cut on the bytes (0x0A), so a Windows-1252 file stays Windows-1252.
      let end = 0;
      for (let k = 0; k < SAMPLE_LINES && end >= 0; k++) end = bytes.indexOf(10, end + 1);
      return { name, bytes: new Uint8Array(end < 0 ? bytes : bytes.subarray(0, end + 1)) };
    }),
);
const ENCODINGS: readonly (EncodingChoice | undefined)[] = [undefined, undefined, undefined, 'utf-8', 'windows-1252'];

/** The bytes in chunks of random sizes (some cutting UTF-8 sequences and CRLF pairs), or whole. */
async function* chunked(bytes: Uint8Array, rng: Rng): AsyncIterable<Uint8Array> {
  const most = 1 + rng.int(4096);
  for (let at = 0; at < bytes.length;) {
    const size = 1 + rng.int(most);
    yield bytes.slice(at, at + size);
    at += size;
  }
}

interface Failure {
  readonly case: number;
  readonly sample: string;
  readonly mutations: readonly string[];
  readonly error: string;
}

test(`${CASES.toLocaleString('en-US')} mutated CSVs: each parses or gives a SaplingError, never another exception`, async (t) => {
  const rng = createRng(SEED);
  const outcomes = new Map<string, number>();
  const byMutation = new Map<string, number>();
  let guessed = 0; // files read as Windows-1252 because they were not UTF-8
  const failures: Failure[] = [];
  const count = (key: string): void => void outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  const cheap = MUTATION_NAMES.filter((m) => !COSTLY.has(m));

  for (let c = 0; c < CASES; c++) {
    const sample = SAMPLES[rng.int(SAMPLES.length)];
    const mutations: string[] = [];
    let bytes: Uint8Array = sample.bytes;
    const n = 1 + rng.int(3);
    for (let k = 0; k < n; k++) {
      const costly = c % COSTLY_EVERY === 0 && k === 0;
      const name = costly ? [...COSTLY][rng.int(COSTLY.size)] : cheap[rng.int(cheap.length)];
      mutations.push(name);
      bytes = MUTATIONS[name](bytes, rng);
    }
    for (const m of mutations) byMutation.set(m, (byMutation.get(m) ?? 0) + 1);
    const encoding = ENCODINGS[rng.int(ENCODINGS.length)];
    const options = {
      fileName: `fuzz-${c}.csv`,
      ...(rng.int(4) === 0 ? { decimalComma: true } : {}),
      ...(encoding ? { encoding } : {}),
    };
    try {
      const dataset = await readCsv(rng.int(3) === 0 ? bytes : chunked(bytes, rng), options);
      profileDataset(dataset);
      if (dataset.source.encoding?.guessed) guessed++;
      const target = dataset.columns[rng.int(dataset.columns.length)].name;
      try {
        profileDataset(dataset, target);
        count('parsed');
      } catch (e) {
        if (!(e instanceof SaplingError)) throw e;
        count(`parsed; target refused: ${e.code}`);
      }
    } catch (e) {
      if (e instanceof SaplingError) {
        assert.ok(e.message.startsWith(options.fileName), `a message names the file: ${e.message}`);
        count(`SaplingError ${e.code}`);
      } else {
        count('OTHER EXCEPTION');
        failures.push({
          case: c,
          sample: sample.name,
          mutations,
          error: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
      }
    }
  }

  const lines = [...outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}: ${v}`);
  t.diagnostic(`outcomes (seed ${SEED}, ${CASES} cases): ${lines.join('; ')}`);
  t.diagnostic(`of those parsed, read as Windows-1252 by detection: ${guessed}`);
  t.diagnostic(`mutations applied: ${[...byMutation].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  assert.equal(
    failures.length,
    0,
    `${failures.length} inputs threw something other than a SaplingError; first:\n${failures
      .slice(0, 3)
      .map((f) => `case ${f.case} (${f.sample}; ${f.mutations.join(' + ')}): ${f.error}`)
      .join('\n')}`,
  );
  assert.equal(
    [...outcomes.values()].reduce((a, b) => a + b, 0),
    CASES,
  );
  assert.ok((outcomes.get('parsed') ?? 0) > CASES / 10, 'a good share of the mutated files still parse');
});
