/**
 * Seeded mutations of real files, for the fuzz tests of model files, project files and run logs (issue #15; CSV mutations are csv-mutations.ts).
 * Two kinds: byte-level (the text damaged as a disk, a transfer or an editor damages it) and structure-level
 * (the JSON parsed, one value somewhere replaced by a hostile one, written back — what a person or a program
 * editing the file does). Base64 strings (the tree engine's arrays) get their bytes damaged too. Every choice
 * comes from the seeded generator, so a failing case is reproduced by its seed and index.
 */
import { createRng, type Rng } from '../../app/util/random.js';

export { createRng, type Rng };

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

/** Values that break assumptions: wrong types, extremes, non-integers, empty and huge, deeply nested. */
function hostileValue(rng: Rng, like: unknown): unknown {
  const deep = (n: number): unknown => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`);
  const choices: (() => unknown)[] = [
    () => null,
    () => true,
    () => -1,
    () => 0,
    () => 1.5,
    () => 2 ** 31,
    () => -(2 ** 53),
    () => 1e308,
    () => -1e308,
    () => '',
    () => 'x'.repeat(1 + rng.int(5000)),
    () => '\u0000\u202e\u001b[31m',
    () => [],
    () => ({}),
    () => deep(20 + rng.int(200)),
    () => (Array.isArray(like) ? [...like, ...like] : [like, like]),
    () => (Array.isArray(like) ? like.slice(0, rng.int(like.length + 1)) : like),
    () => (Array.isArray(like) ? [...like].reverse() : like),
    () => (typeof like === 'number' ? -like : like),
    () => (typeof like === 'number' ? like * 1e6 : String(like)),
    () => (typeof like === 'string' ? `${like}x` : like),
  ];
  return pick(rng, choices)();
}

/** Every container and leaf position in a JSON value, found with a loop (no recursion), up to `limit`. */
function positions(
  root: unknown,
  limit = 20_000,
): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      // Long arrays (leaf vectors): a few places, not every element.
      const step = Math.max(1, Math.floor(node.length / 16));
      for (let i = 0; i < node.length; i += step) {
        out.push({ parent: node, key: i });
        stack.push(node[i]);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key: k });
        stack.push(v);
      }
    }
  }
  return out;
}

/** Damages the bytes a base64 string stands for (a few flipped, zeroed, or the string cut). */
function mutateBase64(rng: Rng, text: string): string {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || rng.next() < 0.2) return text.slice(0, rng.int(text.length + 1));
  const n = 1 + rng.int(4);
  for (let i = 0; i < n; i++) {
    const at = rng.int(bytes.length);
    bytes[at] = pick(rng, [0, 0xff, 0x7f, 0x80, bytes[at] ^ (1 << rng.int(8))]);
  }
  return bytes.toString('base64');
}

/** One structure-level change to a parsed JSON document (mutated in place; returns it, or a replacement root). */
export function mutateJson(rng: Rng, root: unknown): unknown {
  const all = positions(root);
  if (all.length === 0) return hostileValue(rng, root);
  const { parent, key } = pick(rng, all);
  const current = (parent as Record<string | number, unknown>)[key];
  const r = rng.next();
  if (typeof current === 'string' && current.length > 16 && /^[A-Za-z0-9+/]+=*$/.test(current) && r < 0.6) {
    (parent as Record<string | number, unknown>)[key] = mutateBase64(rng, current);
  } else if (r < 0.15 && !Array.isArray(parent)) {
    delete (parent as Record<string, unknown>)[key as string];
  } else if (r < 0.25) {
    // Another position's value here (a swapped field).
    const other = pick(rng, all);
    (parent as Record<string | number, unknown>)[key] = structuredClone(
      (other.parent as Record<string | number, unknown>)[other.key],
    );
  } else {
    (parent as Record<string | number, unknown>)[key] = hostileValue(rng, current);
  }
  return root;
}

/** One byte-level change to a text. */
export function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  const span = 1 + rng.int(Math.min(200, text.length + 1));
  switch (rng.int(9)) {
    case 0: // a flipped character
      return `${text.slice(0, at)}${String.fromCharCode(text.charCodeAt(at) ^ (1 << rng.int(7)) || 1)}${text.slice(at + 1)}`;
    case 1: // a span deleted
      return text.slice(0, at) + text.slice(at + span);
    case 2: // cut short
      return text.slice(0, at);
    case 3: // a span repeated
      return text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at);
    case 4: // structural characters
      return text.slice(0, at) + pick(rng, ['{', '}', '[', ']', '"', ',', ':', '\\', '\n']) + text.slice(at);
    case 5: // tokens JSON.parse reads as extremes
      return (
        text.slice(0, at) + pick(rng, ['1e400', '-1e400', '-0', '1e-400', '9007199254740993', 'null']) + text.slice(at)
      );
    case 6: // a NUL, a lone surrogate, an escape sequence
      return text.slice(0, at) + pick(rng, ['\u0000', '\ud800', '\u001b[2J', '\r']) + text.slice(at);
    case 7: // deep nesting
      return `${text.slice(0, at)}${'['.repeat(100 + rng.int(100_000))}${text.slice(at)}`;
    default: // a number changed in place
      return text.replace(/-?\d+(\.\d+)?/g, (m, _f, offset: number) =>
        offset >= at && offset < at + span ? pick(rng, ['0', '-1', '1e308', '2147483648', `${m}9`]) : m,
      );
  }
}

/** Counts by outcome, for the tests' diagnostics ("loaded 812, BAD_MODEL_FILE 1011, …"). */
export class OutcomeCounts {
  readonly #counts = new Map<string, number>();
  add(outcome: string): void {
    this.#counts.set(outcome, (this.#counts.get(outcome) ?? 0) + 1);
  }
  get(outcome: string): number {
    return this.#counts.get(outcome) ?? 0;
  }
  get total(): number {
    let n = 0;
    for (const v of this.#counts.values()) n += v;
    return n;
  }
  toString(): string {
    return [...this.#counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  }
}
