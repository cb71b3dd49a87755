/**
 * The shards of a boosting fit and how the coordinator drives them (boost-shard.ts explains shards).
 *
 * One thread: a LocalTeam calls its single shard directly. Several threads (a worker pool): the
 * coordinator task owns shard 0, helper tasks own shards 1 … W − 1, and they meet in shared memory —
 * a BoostShared block created on the main thread and posted with every task of the gang. The
 * coordinator writes a job (begin a tree / split and build / finish a tree), bumps a generation counter
 * and wakes the helpers (Atomics.notify); each helper runs the job on its shard, writes its partial
 * results to its own region and counts itself done. Nothing but SharedArrayBuffer and Atomics is used,
 * so this stays pure TypeScript (app/ may not import Node); io/ only starts the threads.
 *
 * Failure and cancel: the coordinator always ends with a QUIT job (finally), and whoever runs the gang
 * sets ABORT if any member fails, which helpers and the coordinator notice within WAIT_MS.
 */
import { cancelled } from '../util/errors.js';
import type { BinnedFeatures } from './binning.js';
import { BoostShard, type ShardSplit } from './boost-shard.js';

const GEN = 0;
const DONE = 1;
const ABORT = 2;
const WAIT_MS = 50;
const SPIN = 4000;

const JOB_BEGIN = 1;
const JOB_LEVEL = 2;
const JOB_FINISH = 3;
const JOB_APPLY = 4;
const JOB_QUIT = 5;

/** Shared memory of a multi-threaded boosting fit. Plain data: it is posted to every task of the gang. */
export interface BoostShared {
  readonly shards: number;
  readonly ctl: Int32Array;
  /** Job header and lists (see the writers below). */
  readonly job: Int32Array;
  readonly jobF: Float64Array;
  readonly goLeft: Uint8Array;
  /** Per shard: partial root totals (3) and its max |residual|. */
  readonly results: Float64Array;
  /** Per shard: `slots` partial histograms of histSize doubles. */
  readonly partial: Float64Array;
  readonly raw: Float64Array;
  readonly delta: Float64Array;
  readonly y: Float64Array;
  readonly inSample: Uint8Array;
  readonly slots: number;
  readonly histSize: number;
  readonly maxNodes: number;
  readonly channels: 2 | 3;
}

/** Sizes a team needs: rows, outputs, histogram doubles, build slots per job, nodes per tree, columns. */
export interface TeamSize {
  readonly rows: number;
  readonly outputs: number;
  readonly histSize: number;
  readonly slots: number;
  readonly maxNodes: number;
  readonly cols: number;
  readonly channels: 2 | 3;
}

const JOB_HEADER = 16;

function jobInts(size: TeamSize): number {
  return JOB_HEADER + size.cols + 4 * size.slots + 2 * size.slots;
}

/** Allocates the shared block (on the thread that starts the gang). */
export function createBoostShared(size: TeamSize, shards: number): BoostShared {
  const sab = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));
  return {
    shards,
    ctl: new Int32Array(sab(4 * 8)),
    job: new Int32Array(sab(4 * jobInts(size))),
    jobF: new Float64Array(sab(8 * (4 + size.maxNodes))),
    goLeft: new Uint8Array(sab(256 * size.slots)),
    results: new Float64Array(sab(8 * 4 * shards)),
    partial: new Float64Array(sab(8 * shards * size.slots * size.histSize)),
    raw: new Float64Array(sab(8 * size.rows * size.outputs)),
    delta: new Float64Array(sab(8 * (size.outputs > 1 ? size.rows * size.outputs : 0))),
    y: new Float64Array(sab(8 * size.rows)),
    inSample: new Uint8Array(sab(size.rows)),
    slots: size.slots,
    histSize: size.histSize,
    maxNodes: size.maxNodes,
    channels: size.channels,
  };
}

/** Row range of shard s of W (contiguous, as even as possible). */
export function shardRange(rows: number, shards: number, s: number): [number, number] {
  return [Math.floor((rows * s) / shards), Math.floor((rows * (s + 1)) / shards)];
}

/** The per-fit arrays every shard reads or writes, wherever they live. */
export interface TeamArrays {
  readonly raw: Float64Array;
  readonly delta: Float64Array;
  readonly y: Float64Array;
  readonly inSample: Uint8Array;
  /** Per shard × slot partial histograms; results per shard (root totals, max residual). */
  readonly partial: Float64Array;
  readonly results: Float64Array;
}

export interface BeginArgs {
  readonly link: 'identity' | 'logistic' | 'softmax';
  readonly K: number;
  readonly k: number;
  readonly gStep: number;
  readonly hStep: number;
  readonly features: Int32Array;
}

/** What the coordinator asks of all shards; partial results land in `arrays`. */
export interface Team {
  readonly shards: number;
  readonly arrays: TeamArrays;
  readonly histSize: number;
  readonly slots: number;
  begin(args: BeginArgs): void;
  /** Splits (in order), then partial histograms of `builds` nodes into slots 0, 1, … */
  level(splits: readonly ShardSplit[], builds: readonly number[], features: Int32Array): void;
  /** Leaf values → predictions (or deltas). Returns the max |residual| over all shards (identity), else 0. */
  finish(nodes: number, nodeValue: Float64Array, K: number, k: number, deferred: boolean, residual: boolean): number;
  /** raw += delta, delta = 0 (end of a softmax round with K outputs). */
  applyDeltas(K: number): void;
  close(): void;
}

function runBegin(shard: BoostShard, a: TeamArrays, s: number, histSize: number, slots: number, args: BeginArgs): void {
  shard.begin(
    args.link,
    args.K,
    args.k,
    a.raw,
    a.y,
    a.inSample,
    args.gStep,
    args.hStep,
    args.features,
    args.features.length,
    a.results,
    4 * s,
    a.partial,
    s * slots * histSize,
  );
}

function runLevel(
  shard: BoostShard,
  a: TeamArrays,
  s: number,
  histSize: number,
  slots: number,
  splits: readonly ShardSplit[],
  builds: readonly number[],
  features: Int32Array,
): void {
  for (const sp of splits) shard.apply(sp);
  builds.forEach((node, j) => shard.build(node, features, features.length, a.partial, (s * slots + j) * histSize));
}

function runFinish(
  shard: BoostShard,
  a: TeamArrays,
  s: number,
  nodes: number,
  nodeValue: Float64Array,
  K: number,
  k: number,
  deferred: boolean,
  residual: boolean,
): void {
  a.results[4 * s + 3] = shard.finish(nodes, nodeValue, K, k, deferred ? a.delta : a.raw, residual ? a.y : null);
}

function runApply(shard: BoostShard, a: TeamArrays, K: number): void {
  for (let i = shard.lo * K; i < shard.hi * K; i++) {
    a.raw[i] += a.delta[i];
    a.delta[i] = 0;
  }
}

/** All shards in this thread (one shard: the single-threaded engine). */
export class LocalTeam implements Team {
  readonly shards = 1;
  private readonly shard: BoostShard;

  constructor(
    binned: BinnedFeatures,
    readonly arrays: TeamArrays,
    readonly histSize: number,
    readonly slots: number,
    channels: 2 | 3,
  ) {
    this.shard = new BoostShard(binned, 0, binned.rows, channels);
  }

  begin(args: BeginArgs): void {
    runBegin(this.shard, this.arrays, 0, this.histSize, this.slots, args);
  }

  level(splits: readonly ShardSplit[], builds: readonly number[], features: Int32Array): void {
    runLevel(this.shard, this.arrays, 0, this.histSize, this.slots, splits, builds, features);
  }

  finish(nodes: number, nodeValue: Float64Array, K: number, k: number, deferred: boolean, residual: boolean): number {
    runFinish(this.shard, this.arrays, 0, nodes, nodeValue, K, k, deferred, residual);
    return this.arrays.results[3];
  }

  applyDeltas(K: number): void {
    runApply(this.shard, this.arrays, K);
  }

  close(): void {}
}

function waitFor(ctl: Int32Array, index: number, value: number): void {
  // A short spin first: a helper that is already running answers in microseconds.
  for (let i = 0; i < SPIN; i++) if (Atomics.load(ctl, index) !== value) return;
  while (Atomics.load(ctl, index) === value) {
    if (Atomics.load(ctl, ABORT) !== 0) throw cancelled();
    Atomics.wait(ctl, index, value, WAIT_MS);
  }
}

// Job layout in `job` (int32): [type, K, k, link, nf, nSplits, nBuilds, nodes, deferred, residual, …header],
// then nf features, then nSplits × (node, feature, left, right), then nBuilds node ids.
const LINKS = ['identity', 'logistic', 'softmax'] as const;

function writeJob(
  sh: BoostShared,
  type: number,
  fields: Partial<Record<'K' | 'k' | 'link' | 'nodes' | 'deferred' | 'residual', number>>,
  features?: Int32Array,
  splits?: readonly ShardSplit[],
  builds?: readonly number[],
): void {
  const j = sh.job;
  j[0] = type;
  j[1] = fields.K ?? 0;
  j[2] = fields.k ?? 0;
  j[3] = fields.link ?? 0;
  j[4] = features?.length ?? 0;
  j[5] = splits?.length ?? 0;
  j[6] = builds?.length ?? 0;
  j[7] = fields.nodes ?? 0;
  j[8] = fields.deferred ?? 0;
  j[9] = fields.residual ?? 0;
  let at = JOB_HEADER;
  if (features) for (const f of features) j[at++] = f;
  if (splits) {
    splits.forEach((s, i) => {
      j[at++] = s.node;
      j[at++] = s.feature;
      j[at++] = s.left;
      j[at++] = s.right;
      sh.goLeft.set(s.goLeft, 256 * i);
    });
  }
  if (builds) for (const b of builds) j[at++] = b;
}

function readJob(sh: BoostShared): {
  type: number;
  K: number;
  k: number;
  link: (typeof LINKS)[number];
  nodes: number;
  deferred: boolean;
  residual: boolean;
  features: Int32Array;
  splits: ShardSplit[];
  builds: number[];
} {
  const j = sh.job;
  const nf = j[4];
  const ns = j[5];
  const nb = j[6];
  let at = JOB_HEADER;
  const features = j.slice(at, at + nf);
  at += nf;
  const splits: ShardSplit[] = [];
  for (let i = 0; i < ns; i++, at += 4)
    splits.push({
      node: j[at],
      feature: j[at + 1],
      left: j[at + 2],
      right: j[at + 3],
      goLeft: sh.goLeft.subarray(256 * i, 256 * i + 256),
    });
  const builds = Array.from(j.subarray(at, at + nb));
  return {
    type: j[0],
    K: j[1],
    k: j[2],
    link: LINKS[j[3]],
    nodes: j[7],
    deferred: j[8] === 1,
    residual: j[9] === 1,
    features,
    splits,
    builds,
  };
}

function teamArrays(sh: BoostShared): TeamArrays {
  return { raw: sh.raw, delta: sh.delta, y: sh.y, inSample: sh.inSample, partial: sh.partial, results: sh.results };
}

/** The coordinator's side of a multi-threaded team: shard 0 here, the others in helper threads. */
export class SharedTeam implements Team {
  readonly shards: number;
  readonly arrays: TeamArrays;
  readonly histSize: number;
  readonly slots: number;
  private readonly shard: BoostShard;
  private closed = false;

  constructor(
    binned: BinnedFeatures,
    private readonly sh: BoostShared,
  ) {
    this.shards = sh.shards;
    this.arrays = teamArrays(sh);
    this.histSize = sh.histSize;
    this.slots = sh.slots;
    const [lo, hi] = shardRange(binned.rows, sh.shards, 0);
    this.shard = new BoostShard(binned, lo, hi, sh.channels);
  }

  private dispatch(local: () => void): void {
    const ctl = this.sh.ctl;
    Atomics.store(ctl, DONE, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    local();
    for (let d = Atomics.load(ctl, DONE); d < this.shards - 1; d = Atomics.load(ctl, DONE)) waitFor(ctl, DONE, d);
  }

  begin(args: BeginArgs): void {
    writeJob(this.sh, JOB_BEGIN, { K: args.K, k: args.k, link: LINKS.indexOf(args.link) }, args.features);
    this.sh.jobF[0] = args.gStep;
    this.sh.jobF[1] = args.hStep;
    this.dispatch(() => runBegin(this.shard, this.arrays, 0, this.histSize, this.slots, args));
  }

  level(splits: readonly ShardSplit[], builds: readonly number[], features: Int32Array): void {
    writeJob(this.sh, JOB_LEVEL, {}, features, splits, builds);
    this.dispatch(() => runLevel(this.shard, this.arrays, 0, this.histSize, this.slots, splits, builds, features));
  }

  finish(nodes: number, nodeValue: Float64Array, K: number, k: number, deferred: boolean, residual: boolean): number {
    writeJob(this.sh, JOB_FINISH, { K, k, nodes, deferred: deferred ? 1 : 0, residual: residual ? 1 : 0 });
    this.sh.jobF.set(nodeValue.subarray(0, nodes), 4);
    this.dispatch(() => runFinish(this.shard, this.arrays, 0, nodes, nodeValue, K, k, deferred, residual));
    let max = 0;
    for (let s = 0; s < this.shards; s++) max = Math.max(max, this.arrays.results[4 * s + 3]);
    return max;
  }

  applyDeltas(K: number): void {
    writeJob(this.sh, JOB_APPLY, { K });
    this.dispatch(() => runApply(this.shard, this.arrays, K));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    writeJob(this.sh, JOB_QUIT, {});
    const ctl = this.sh.ctl;
    Atomics.store(ctl, DONE, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
  }
}

/** A helper thread's loop: runs jobs on shard s until QUIT (or ABORT). */
export function runHelper(binned: BinnedFeatures, sh: BoostShared, s: number): void {
  const [lo, hi] = shardRange(binned.rows, sh.shards, s);
  const shard = new BoostShard(binned, lo, hi, sh.channels);
  const arrays = teamArrays(sh);
  const ctl = sh.ctl;
  let seen = 0;
  for (;;) {
    waitFor(ctl, GEN, seen);
    seen = Atomics.load(ctl, GEN);
    const job = readJob(sh);
    if (job.type === JOB_QUIT) return;
    if (job.type === JOB_BEGIN) {
      runBegin(shard, arrays, s, sh.histSize, sh.slots, {
        link: job.link,
        K: job.K,
        k: job.k,
        gStep: sh.jobF[0],
        hStep: sh.jobF[1],
        features: job.features,
      });
    } else if (job.type === JOB_LEVEL) {
      runLevel(shard, arrays, s, sh.histSize, sh.slots, job.splits, job.builds, job.features);
    } else if (job.type === JOB_FINISH) {
      runFinish(shard, arrays, s, job.nodes, sh.jobF.subarray(4), job.K, job.k, job.deferred, job.residual);
    } else if (job.type === JOB_APPLY) {
      runApply(shard, arrays, job.K);
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

/** Marks a gang as failed: every member stops within WAIT_MS. */
export function abortTeam(sh: BoostShared): void {
  Atomics.store(sh.ctl, ABORT, 1);
  Atomics.notify(sh.ctl, GEN);
  Atomics.notify(sh.ctl, DONE);
}
