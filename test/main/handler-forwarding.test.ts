/**
 * Which calls main answers itself and which it forwards to the compute worker (main/handlers/index.ts): the
 * forwarded set is derived from the types (a contract call whose request and answer are exactly those of a
 * ComputeService method of the same name), and at runtime a forwarded call reaches the worker by that name
 * with the validated request — an invalid one never leaves main.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS, type Channel } from '../../app/ipc/contract.js';
import type { ComputeBackend } from '../../main/compute/protocol.js';
import type { CallOptions } from '../../main/compute/service-proxy.js';
import type { ForwardedChannel } from '../../main/handlers/index.js';
import { createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

// Compile-time: these calls are forwarded as they are, and the calls whose worker method takes more than the
// renderer sends (main adds paths, LLM settings, the key) are not — main must answer those itself. (Not an exact
// list: a new worker call is forwarded without touching this test.)
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const FORWARDED = ['getRows', 'profileTarget', 'previewLlmPrompt', 'getCurves', 'inspectRow', 'explainRow'] as const;
const forwardedIncludesThese: Equal<
  Extract<ForwardedChannel, (typeof FORWARDED)[number]>,
  (typeof FORWARDED)[number]
> = true;
const mainOnlyAreNotForwarded: Equal<
  Extract<ForwardedChannel, 'loadDataset' | 'runCompare' | 'estimateLlm'>,
  never
> = true;

/** A stand-in worker that records what it was asked and answers with the method's name. */
function recordingCompute(): ComputeBackend & { calls: { method: string; args: unknown; options?: CallOptions }[] } {
  const calls: { method: string; args: unknown; options?: CallOptions }[] = [];
  return {
    calls,
    async call(method, args, options) {
      calls.push({ method, args, ...(options ? { options } : {}) });
      options?.onProgress?.({ fraction: 1, message: `did ${method}` });
      return { ok: true, value: { answeredBy: method } };
    },
    cancel: () => false,
    close: async () => undefined,
  };
}

describe('main forwards the worker’s own calls by name', () => {
  let app: DesktopFixture;
  const compute = recordingCompute();
  before(async () => {
    app = await createDesktopFixture({ compute });
  });
  after(() => app.close());

  test('the forwarded set is the one the types derive', () => {
    assert.equal(forwardedIncludesThese && mainOnlyAreNotForwarded, true);
    for (const c of FORWARDED) assert.ok(CHANNELS.includes(c));
  });

  test('a valid request reaches the worker method of the same name, unchanged, and its answer comes back', async () => {
    const requests: { [C in (typeof FORWARDED)[number]]: unknown } = {
      getRows: { datasetId: 'ds-1', offset: 0, limit: 10 },
      profileTarget: { datasetId: 'ds-1', target: 'species' },
      previewLlmPrompt: {
        datasetId: 'ds-1',
        target: 'species',
        seed: 1,
        row: 0,
        template: 'list',
        instructions: 'Predict {row}',
        shots: 0,
      },
      getCurves: { runId: 'run-1', modelId: 'tree' },
      inspectRow: { runId: 'run-1', row: 3 },
      explainRow: { runId: 'run-1', row: 3, values: { x: '1' } },
    };
    for (const channel of FORWARDED) {
      compute.calls.length = 0;
      const result = await app.handlers[channel as Channel](requests[channel]);
      assert.deepEqual(result, { ok: true, value: { answeredBy: channel } }, channel);
      assert.deepEqual(
        compute.calls.map((c) => [c.method, c.args]),
        [[channel, requests[channel]]],
        channel,
      );
    }
  });

  test('an invalid request is refused in main and never reaches the worker', async () => {
    compute.calls.length = 0;
    const bad = await app.handlers.getRows({ datasetId: 'ds-1', offset: -1, limit: 10, extra: true });
    assert.equal(!bad.ok && bad.error.code, 'INVALID_REQUEST');
    assert.match(!bad.ok ? bad.error.message : '', /getRows: offset/);
    assert.deepEqual(compute.calls, []);
  });

  test('calls main answers itself reach the worker under the worker’s own arguments (main adds to them)', async () => {
    compute.calls.length = 0;
    const loaded = await app.handlers.loadDataset({ operationId: 'op-1', source: { kind: 'sample', name: 'iris' } });
    assert.ok(loaded.ok);
    assert.equal(compute.calls.length, 1);
    const [call] = compute.calls;
    assert.equal(call.method, 'loadDataset');
    assert.deepEqual(Object.keys(call.args as object).sort(), ['path', 'showPath', 'suggestedTarget']);
    assert.equal(call.options?.operationId, 'op-1', 'cancellable under the request’s operation id');
    assert.deepEqual(
      app.progress.map((p) => [p.operationId, p.message]),
      [['op-1', 'did loadDataset']],
      'progress reaches the renderer under that id',
    );
  });
});
