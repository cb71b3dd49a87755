/**
 * The desktop's audit trail, reports and projects. The session keeps this window's run log in memory — each
 * comparison's record (built by the worker), sealed into the hash chain as it ends — and a project file
 * carries that log, so "the desktop app keeps the log inside the project". The handlers in index.ts call
 * these methods; everything Electron-specific (dialogs, printing) is injected.
 */
import { basename } from 'node:path';
import { chosenThresholdProblem } from '../../app/answer/threshold.js';
import { runId as shortId, sealRecord, verifyChain, type SealedRecord } from '../../app/audit/chain.js';
import { runsOf } from '../../app/audit/runs.js';
import type { CompareResult } from '../../app/result/compare.js';
import type { OpenedProjectInfo, Request, Responses, RunLogEntry, RunLogInfo } from '../../app/ipc/contract.js';
import type { Project } from '../../app/project/project.js';
import { DEFAULT_REPORT_CARDS } from '../../app/report/cards.js';
import { renderReport } from '../../app/report/report.js';
import { ranked } from '../../app/report/sections/leaderboard.js';
import { SaplingError } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';
import { nativeSha256 } from '../../io/hash.js';
import { openProjectFile, saveProjectFile } from '../../io/project-file.js';
import type { InstallationKey } from '../../io/signing-key.js';
import { MAX_RUNS, type ComputeClient } from '../compute/service.js';
import { rememberBounded } from '../../app/util/bounded.js';
import { IpcFailure } from '../result.js';
import { trainedModels } from '../../app/evaluate/model-rows.js';

export interface ProjectDeps {
  readonly compute: ComputeClient;
  /** This installation's run-signing key (io/signing-key.ts): seals new records, and is the key trusted on reading. */
  readonly key: () => Promise<InstallationKey>;
  readonly showSaveDialog: (defaultName: string) => Promise<string | null>;
  /** The open dialog for .sapling files. */
  readonly showOpenProjectDialog: () => Promise<string | null>;
  /** HTML → PDF (Electron: webContents.printToPDF). Absent where nothing can print. */
  readonly printToPdf?: (html: string) => Promise<Uint8Array>;
  readonly now?: () => Date;
}

interface SessionRun {
  readonly datasetId: string;
  readonly result: CompareResult;
  sealed?: SealedRecord;
}

export const RUN_LOG_NAME = 'project run log';

export class ProjectSession {
  /** The run log: sealed records, exactly the lines of a sapling-runs.jsonl. */
  private lines: string[] = [];
  private last: SealedRecord | undefined;
  private readonly runs = new Map<string, SessionRun>();
  /** Where the project was last saved or opened: Save writes there without asking. */
  private path: string | undefined;
  private opened: Project | undefined;
  private latest: { project: Pick<Project, 'data' | 'settings'>; result: CompareResult | null } | undefined;

  constructor(private readonly deps: ProjectDeps) {}

  /**
   * Called as a comparison starts (the worker has its `started` record ready before any work, as the CLI writes
   * one) and as it ends, however it ended: seal the worker's new records into the log. Calls run one after the
   * other, so records are sealed in the order the worker made them.
   */
  collect(finished?: { runId: string; datasetId: string; result: CompareResult }): Promise<void> {
    const next = this.#collecting.then(() => this.#collectNow(finished));
    this.#collecting = next.catch(() => undefined);
    return next;
  }

  #collecting: Promise<void> = Promise.resolve();

  async #collectNow(finished?: { runId: string; datasetId: string; result: CompareResult }): Promise<void> {
    if (finished)
      rememberBounded(this.runs, finished.runId, { datasetId: finished.datasetId, result: finished.result }, MAX_RUNS);
    const records = await this.deps.compute.takeRunRecords({});
    const { signer } = await this.deps.key();
    for (const { runId, record } of records) {
      const { sealed, line } = sealRecord(record, this.last, signer, nativeSha256);
      this.lines.push(line.trimEnd());
      this.last = sealed;
      const run = runId ? this.runs.get(runId) : undefined;
      if (run) run.sealed = sealed;
      if (record.status === 'completed' && record.result) {
        const d = record.dataset;
        this.latest = {
          project: {
            data: {
              fileName: d.fileName,
              path: d.path ?? d.fileName,
              sha256: d.sha256,
              bytes: d.bytes,
              parser: { ...d.parser, missingTokens: [...d.parser.missingTokens] },
            },
            settings: {
              ...record.settings,
              models: [...record.settings.models],
              exclude: [...record.settings.exclude],
              params: { ...record.settings.params },
            } as Project['settings'],
          },
          result: record.result,
        };
      }
    }
  }

  /** A finished run's result while it is held (the same bound as the worker's runs), for exporting it. */
  finishedResult(runId: string): CompareResult | undefined {
    return this.runs.get(runId)?.result;
  }

  async exportReport({ runId, format, thresholds = [] }: Request<'exportReport'>): Promise<Responses['exportReport']> {
    const run = this.runs.get(runId);
    if (!run)
      throw new IpcFailure({
        code: 'NOT_FOUND',
        message: `run '${runId}' is no longer held; run the comparison again to export its report`,
      });
    // The slider's thresholds come from the renderer: each must name a two-class model of this run.
    const problem = chosenThresholdProblem(trainedModels(run.result), thresholds);
    if (problem !== null) throw new IpcFailure({ code: 'BAD_INPUT', message: `report thresholds: ${problem}` });
    const profile = await this.deps.compute.profileTarget({
      datasetId: run.datasetId,
      target: run.result.dataset.target,
    });
    // The cards need the run's fold models, which the worker may have let go of (then the report says it has none).
    const cards = await this.deps.compute.reportCards({ runId, count: DEFAULT_REPORT_CARDS }).catch(() => []);
    const html = renderReport({
      result: run.result,
      profile,
      ...(run.sealed
        ? {
            run: {
              hash: run.sealed.hash,
              prev: run.sealed.prev,
              seq: run.sealed.seq,
              log: this.path ? basename(this.path) : RUN_LOG_NAME,
              record: run.sealed.record,
              ...(run.sealed.signer ? { signer: run.sealed.signer.fingerprint } : {}),
            },
          }
        : {}),
      generatedAt: (this.deps.now?.() ?? new Date()).toISOString(),
      cards,
      thresholds,
    });
    if (format === 'pdf' && !this.deps.printToPdf)
      throw new SaplingError(
        'BAD_INPUT',
        'PDF export needs the desktop app (it prints with Electron); export the HTML report and print it from a browser',
      );
    const stem = run.result.dataset.fileName.replace(/\.[^.]*$/, '');
    const path = await this.deps.showSaveDialog(`${stem}-report.${format}`);
    if (path === null) return null;
    const content = format === 'pdf' ? await this.deps.printToPdf!(html) : html;
    await writeFileAtomic(path, content);
    return { path, bytes: typeof content === 'string' ? new TextEncoder().encode(content).length : content.length };
  }

  async save({ saveAs }: Request<'saveProject'>): Promise<Responses['saveProject']> {
    const base = this.latest?.project ?? this.opened;
    if (!base)
      throw new SaplingError(
        'BAD_INPUT',
        'nothing to save yet: run a comparison first (a project holds its data reference, settings, result and run log)',
      );
    let path = saveAs ? undefined : this.path;
    if (path === undefined) {
      const chosen = await this.deps.showSaveDialog(
        `${(base.data?.fileName ?? 'sapling').replace(/\.[^.]*$/, '')}.sapling`,
      );
      if (chosen === null) return null;
      path = chosen.endsWith('.sapling') ? chosen : `${chosen}.sapling`;
    }
    const project: Project = {
      name: basename(path).replace(/\.sapling$/, ''),
      data: base.data,
      settings: base.settings,
      result: (this.latest?.result ?? this.opened?.result ?? null) as Project['result'],
      runLog: [...this.lines],
      models: this.opened?.models ?? {},
    };
    await saveProjectFile(path, project, this.deps.now?.() ?? new Date());
    this.path = path;
    return { path };
  }

  async open(): Promise<Omit<OpenedProjectInfo, 'dataToken'> | null> {
    const path = await this.deps.showOpenProjectDialog();
    if (path === null) return null;
    const { project, dataNote, dataPath } = await openProjectFile(path);
    // Only now, with the file read and checked, does the session switch to it.
    this.opened = project;
    this.latest = undefined;
    this.path = path;
    this.lines = [...project.runLog];
    const check = (await this.deps.key()).check();
    const chain = verifyChain(this.lines.map((l) => `${l}\n`).join(''), basename(path), check);
    this.last = lastParsed(this.lines) ?? chain.verified.at(-1);
    return {
      path,
      name: project.name,
      dataPath,
      dataNote,
      target: project.settings?.target ?? null,
      runLog: await this.runLog(),
    };
  }

  async runLog(): Promise<RunLogInfo> {
    const key = await this.deps.key();
    const chain = verifyChain(
      this.lines.map((l) => `${l}\n`).join(''),
      this.path ? basename(this.path) : RUN_LOG_NAME,
      key.check(),
    );
    // One entry per run: a run's `started` record is folded into its outcome (app/audit/runs.ts).
    const entries = runsOf(chain.verified).map(entryOf);
    const signer = key.signer.fingerprint;
    return chain.ok || !chain.broken
      ? { entries, verified: true, signer }
      : { entries, verified: false, signer, problem: `record ${chain.broken.seq}: ${chain.broken.reason}` };
  }
}

function entryOf(sealed: SealedRecord): RunLogEntry {
  const r = sealed.record;
  const best = r.result ? ranked(trainedModels(r.result), r.result.primaryMetric)[0] : undefined;
  return {
    seq: sealed.seq,
    id: shortId(sealed),
    hash: sealed.hash,
    startedAt: r.startedAt,
    status: r.status,
    fileName: r.dataset.fileName,
    target: r.settings.target,
    models: [...r.settings.models],
    ...(best && r.result
      ? {
          best: {
            label: best.label,
            metric: r.result.primaryMetric,
            value: best.metrics[r.result.primaryMetric]?.mean ?? NaN,
          },
        }
      : {}),
  };
}

/** The last line's record as written (new records chain from it even when an earlier one is broken: the break stays visible). */
function lastParsed(lines: readonly string[]): SealedRecord | undefined {
  try {
    const sealed = JSON.parse(lines.at(-1) ?? '') as SealedRecord;
    return typeof sealed.hash === 'string' && Number.isInteger(sealed.seq) ? sealed : undefined;
  } catch {
    return undefined;
  }
}
