/**
 * A TreeEnsemble ⇄ compact JSON: each typed array as little-endian bytes in base64 (a 100-tree forest is
 * a few MB instead of tens of MB of number lists), bit-exact both ways. Loading checks every array's
 * length, the size limits, that each tree is a proper tree (app/models/tree-limits.ts: reachable once, no
 * cycles, bounded depth) and every node (feature in range, category sets and bins in range, finite values
 * and covers) so a corrupt or hand-edited file is refused instead of looping, crashing or predicting wrongly.
 */
import { badModel, field, record } from '../models/serialized.js';
import { checkModelSize, checkTreeShape } from '../models/tree-limits.js';
import type { Combine, TreeEnsemble } from './ensemble.js';
import { FLAG_CATEGORICAL } from './tree-store.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[B64.charCodeAt(i)] = i;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Base64 (standard alphabet, '=' padding). The characters are written as ASCII bytes and decoded in one call:
 * building the string by concatenation cost more than the forest's whole fit when compare sized a saved model.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = B64_CODES[(v >> 18) & 63];
    out[o++] = B64_CODES[(v >> 12) & 63];
    out[o++] = B64_CODES[(v >> 6) & 63];
    out[o++] = B64_CODES[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o] = B64_CODES[(v >> 18) & 63];
    out[o + 1] = B64_CODES[(v >> 12) & 63];
    out[o + 2] = two ? B64_CODES[(v >> 6) & 63] : PAD;
    out[o + 3] = PAD;
  }
  return ASCII.decode(out);
}

const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
/** Every byte written is ASCII, which latin1 (windows-1252) decodes to the same characters. */
const ASCII = new TextDecoder('latin1');

export function base64ToBytes(text: string, what: string): Uint8Array {
  if (text.length % 4 !== 0) throw badModel(`${what} is not base64`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text.charCodeAt(i + j);
      const v = ch === 61 && i + j >= text.length - pad ? 0 : ch < 128 ? DECODE[ch] : -1;
      if (v < 0) throw badModel(`${what} is not base64`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

type Typed = Int32Array | Float64Array | Uint8Array | Uint32Array;

function littleEndianBytes(a: Typed): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const w = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += w) for (let j = 0; j < w; j++) out[i + j] = bytes[i + w - 1 - j];
  return out;
}

export function encodeArray(a: Typed): string {
  return bytesToBase64(littleEndianBytes(a));
}

export function decodeArray<T extends Typed>(
  v: unknown,
  what: string,
  Kind: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length?: number,
): T {
  if (typeof v !== 'string') throw badModel(`${what} must be a base64 string`);
  const bytes = base64ToBytes(v, what);
  const w = Kind.BYTES_PER_ELEMENT;
  if (bytes.length % w !== 0)
    throw badModel(`${what} has ${bytes.length} bytes, not a whole number of ${w}-byte values`);
  if (!LITTLE_ENDIAN && w > 1) {
    for (let i = 0; i < bytes.length; i += w) bytes.subarray(i, i + w).reverse();
  }
  const out = new Kind(bytes.buffer as ArrayBuffer);
  if (length !== undefined && out.length !== length)
    throw badModel(`${what} has ${out.length} values, expected ${length}`);
  return out;
}

export function ensembleToJSON(e: TreeEnsemble): Record<string, unknown> {
  const c = e.combine;
  return {
    encoding: 'base64 little-endian typed arrays',
    trees: e.trees,
    nodes: e.treeStart[e.trees],
    width: e.width,
    combine:
      c.kind === 'mean'
        ? { kind: 'mean' }
        : { kind: 'sum', link: c.link, outputs: c.outputs, base: Array.from(c.base), classMap: Array.from(c.classMap) },
    treeStart: encodeArray(e.treeStart),
    feature: encodeArray(e.feature),
    threshold: encodeArray(e.threshold),
    flags: encodeArray(e.flags),
    left: encodeArray(e.left),
    right: encodeArray(e.right),
    cover: encodeArray(e.cover),
    value: encodeArray(e.value),
    catSets: encodeArray(e.catSets),
    codeToBin: encodeArray(e.codeToBin),
    codeStart: encodeArray(e.codeStart),
  };
}

function int(v: unknown, what: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw badModel(`${what} must be a whole number ≥ ${min}`);
  return v;
}

function finiteList(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw badModel(`${what} must be a list of finite numbers`);
  return v as number[];
}

export function ensembleFromJSON(
  v: unknown,
  what: string,
  cols: number,
  expectedWidth: number,
  classes: number,
): TreeEnsemble {
  const s = record(v, what);
  // A boosting model may have no trees (one class, or no round improved on the baseline).
  const trees = int(field(s, 'trees'), `${what}.trees`, 0);
  const nodes = int(field(s, 'nodes'), `${what}.nodes`, 0);
  checkModelSize(what, trees, nodes);
  const width = int(field(s, 'width'), `${what}.width`, 1);
  if (width !== expectedWidth) throw badModel(`${what}.width is ${width}, expected ${expectedWidth}`);
  const treeStart = decodeArray(field(s, 'treeStart'), `${what}.treeStart`, Int32Array, trees + 1);
  const feature = decodeArray(field(s, 'feature'), `${what}.feature`, Int32Array, nodes);
  const threshold = decodeArray(field(s, 'threshold'), `${what}.threshold`, Float64Array, nodes);
  const flags = decodeArray(field(s, 'flags'), `${what}.flags`, Uint8Array, nodes);
  const left = decodeArray(field(s, 'left'), `${what}.left`, Int32Array, nodes);
  const right = decodeArray(field(s, 'right'), `${what}.right`, Int32Array, nodes);
  const cover = decodeArray(field(s, 'cover'), `${what}.cover`, Float64Array, nodes);
  const value = decodeArray(field(s, 'value'), `${what}.value`, Float64Array, nodes * width);
  const catSets = decodeArray(field(s, 'catSets'), `${what}.catSets`, Uint32Array);
  const codeToBin = decodeArray(field(s, 'codeToBin'), `${what}.codeToBin`, Int32Array);
  const codeStart = decodeArray(field(s, 'codeStart'), `${what}.codeStart`, Int32Array, cols + 1);

  if (treeStart[0] !== 0 || treeStart[trees] !== nodes)
    throw badModel(`${what}.treeStart does not cover the ${nodes} nodes`);
  for (let t = 0; t < trees; t++)
    if (!(treeStart[t + 1] > treeStart[t])) throw badModel(`${what}: tree ${t} has no nodes`);
  if (catSets.length % 8 !== 0) throw badModel(`${what}.catSets must hold 8 words per categorical split`);
  if (codeStart[0] !== 0 || codeStart[cols] !== codeToBin.length)
    throw badModel(`${what}.codeStart does not cover codeToBin`);
  for (let f = 0; f < cols; f++)
    if (codeStart[f + 1] < codeStart[f]) throw badModel(`${what}.codeStart must not decrease`);
  if (!value.every(Number.isFinite)) throw badModel(`${what}.value must be finite numbers`);
  if (!cover.every((c) => Number.isFinite(c) && c >= 0)) throw badModel(`${what}.cover must be finite and ≥ 0`);
  // A category's bin picks one of the 256 bits of an 8-word set: a larger bin would read another set's bits.
  const badBin = codeToBin.findIndex((b) => b < -1 || b > 255);
  if (badBin >= 0) throw badModel(`${what}.codeToBin[${badBin}] is ${codeToBin[badBin]}; bins are −1 … 255`);
  for (let t = 0; t < trees; t++) {
    const end = treeStart[t + 1];
    checkTreeShape(`${what} tree ${t}`, treeStart[t], end, left, right, (i) => left[i] < 0);
    for (let i = treeStart[t]; i < end; i++) {
      if (left[i] < 0) {
        if (right[i] >= 0 || feature[i] !== -1) throw badModel(`${what}: leaf ${i} has a split`);
        continue;
      }
      const f = feature[i];
      if (f < 0 || f >= cols) throw badModel(`${what}: node ${i} splits on feature ${f}, but there are ${cols}`);
      if (right[i] !== left[i] + 1) throw badModel(`${what}: node ${i}'s right child must follow its left child`);
      // TreeSHAP weighs a branch by the share of its parent's cover that reaches it: a share above 1 is no share.
      const most = cover[i] * (1 + 1e-6);
      if (cover[left[i]] > most || cover[right[i]] > most)
        throw badModel(`${what}.cover: a child of node ${i} covers more than the node itself (${cover[i]})`);
      if ((flags[i] & FLAG_CATEGORICAL) !== 0) {
        const k = threshold[i];
        if (!Number.isInteger(k) || k < 0 || 8 * k + 8 > catSets.length)
          throw badModel(`${what}: node ${i} refers to a missing category set`);
      } else if (Number.isNaN(threshold[i])) throw badModel(`${what}: node ${i} has a NaN threshold`);
    }
  }

  const c = record(field(s, 'combine'), `${what}.combine`);
  let combine: Combine;
  if (c.kind === 'mean') combine = { kind: 'mean' };
  else if (c.kind === 'sum') {
    const link = c.link;
    if (link !== 'identity' && link !== 'logistic' && link !== 'softmax')
      throw badModel(`${what}.combine.link is unknown`);
    const outputs = int(c.outputs, `${what}.combine.outputs`, 1);
    const base = Float64Array.from(finiteList(c.base, `${what}.combine.base`));
    const codes = finiteList(c.classMap, `${what}.combine.classMap`);
    if (base.length !== outputs) throw badModel(`${what}.combine.base must have ${outputs} values`);
    const mapSize = link === 'identity' ? 0 : link === 'logistic' ? 2 : outputs;
    // Distinct class codes: two outputs written to one class would leave probabilities that do not sum to 1.
    if (
      codes.length !== mapSize ||
      !codes.every((k) => Number.isInteger(k) && k >= 0 && k < classes) ||
      new Set(codes).size !== codes.length
    )
      throw badModel(`${what}.combine.classMap must list ${mapSize} distinct class codes below ${classes}`);
    const classMap = Int32Array.from(codes);
    combine = { kind: 'sum', link, outputs, base, classMap };
  } else throw badModel(`${what}.combine.kind is unknown`);
  // Averaging no trees divides by zero: every prediction would be NaN. (A boosting model may have none.)
  if (combine.kind === 'mean' && trees === 0) throw badModel(`${what}.trees is 0: a tree or forest needs at least one`);
  return {
    cols,
    width,
    trees,
    treeStart,
    feature,
    threshold,
    flags,
    left,
    right,
    cover,
    value,
    catSets,
    codeToBin,
    codeStart,
    combine,
  };
}
