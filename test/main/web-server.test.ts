/**
 * `sapling ui`'s server (main/web/server.ts) over real HTTP: every refusal of the gate (no token, a wrong token,
 * a foreign Host, a foreign Origin, a POST without Origin, a cross-site fetch, paths outside the renderer, no
 * directory listing), the non-loopback bind refused without --host, the token turned into a cookie and stripped,
 * the desktop's CSP on every response, calls validated by the contract's schemas and answered as Results,
 * progress over server-sent events before the call's answer, uploads kept (fingerprinted) in the session folder,
 * exports offered as downloads, and the LLM key never sent to the page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_INSTRUCTIONS } from '../../app/settings/llm.js';
import { createWorkerBackend } from '../../main/compute/worker-backend.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';
import { checkBindHost, startUiServer, type UiServer } from '../../main/web/server.js';
import { SAMPLES_DIR, testWorkerUrl } from '../helpers/desktop.js';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let server: UiServer;
let work: string;
let host: string;
let cookie: string;
const logs: string[] = [];

/** A raw HTTP request (node:http lets a test set Host and Origin, which fetch forbids). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What the page sends: the cookie, its own Host and Origin, a same-origin fetch. */
const page = (extra: Record<string, string> = {}): Record<string, string> => ({
  Host: host,
  Cookie: cookie,
  Origin: `http://${host}`,
  'Sec-Fetch-Site': 'same-origin',
  ...extra,
});

function callApi(channel: string, payload: unknown, headers: Record<string, string> = page()): Promise<Reply> {
  return send(`/api/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'sapling-web-test-'));
  const renderer = join(work, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Sapling</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(work, 'secret.txt'), 'outside the renderer');
  await mkdir(join(work, 'userdata'));
  server = await startUiServer({
    rendererDir: renderer,
    samplesDir: SAMPLES_DIR,
    userDataDir: join(work, 'userdata'),
    compute: createWorkerBackend({ url: testWorkerUrl(), log: (m) => logs.push(m) }),
    sessionParent: work,
    log: (m) => logs.push(m),
  });
  host = `127.0.0.1:${server.port}`;
  cookie = `${server.gate.cookieName}=${server.gate.token}`;
});
after(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('the token', () => {
  test('the printed URL carries a fresh random token on 127.0.0.1', () => {
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  test('the first URL sets an HttpOnly SameSite=Strict cookie and redirects to the address without the token', async () => {
    const reply = await send(`/?token=${server.gate.token}`, { headers: { Host: host } });
    assert.equal(reply.status, 303);
    assert.equal(reply.headers.location, '/');
    assert.equal(
      String(reply.headers['set-cookie']),
      `${server.gate.cookieName}=${server.gate.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
  });

  test('refused: no token, a wrong token in the URL, a wrong cookie', async () => {
    for (const headers of [{ Host: host }, { Host: host, Cookie: `${server.gate.cookieName}=nope` }] as Record<
      string,
      string
    >[]) {
      const reply = await send('/', { headers });
      assert.equal(reply.status, 401);
      assert.doesNotMatch(reply.body, /<html/);
    }
    assert.equal((await send('/?token=wrong', { headers: { Host: host } })).status, 401);
    assert.equal((await callApi('listSamples', {}, page({ Cookie: 'x=y' }))).status, 401);
    assert.equal((await send('/api/events', { headers: { Host: host } })).status, 401);
  });

  test('with the cookie, the renderer is served with the desktop CSP', async () => {
    const reply = await send('/', { headers: page() });
    assert.equal(reply.status, 200);
    assert.match(reply.body, /<title>Sapling<\/title>/);
    assert.equal(reply.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  });
});

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  test('a foreign Host is refused even with the right cookie', async () => {
    for (const foreign of ['evil.example:80', `evil.example:${server.port}`, '127.0.0.1:1']) {
      const reply = await send('/', { headers: page({ Host: foreign }) });
      assert.equal(reply.status, 403, foreign);
      assert.match(reply.body, /unknown Host/);
    }
  });

  test('localhost and [::1] with the right port are this server', async () => {
    const reply = await send('/', {
      headers: page({ Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` }),
    });
    assert.equal(reply.status, 200);
  });

  test('a foreign Origin, a POST without Origin and a cross-site fetch are refused', async () => {
    const foreign = await callApi('listSamples', {}, page({ Origin: 'http://evil.example' }));
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /cross-origin/);
    const { Origin: _omit, ...noOrigin } = page();
    assert.equal((await callApi('listSamples', {}, noOrigin)).status, 403);
    assert.equal((await callApi('listSamples', {}, page({ 'Sec-Fetch-Site': 'cross-site' }))).status, 403);
    assert.equal((await callApi('listSamples', {}, page({ 'Sec-Fetch-Site': 'same-site' }))).status, 403);
    assert.equal((await callApi('listSamples', {}, page({ Origin: 'null' }))).status, 403);
  });
});

describe('files the server gives out', () => {
  test('no path outside the renderer, however it is spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
      '/..%5csecret.txt',
    ]) {
      const reply = await send(path, { headers: page() });
      assert.equal(reply.status, 404, path);
      assert.doesNotMatch(reply.body, /outside the renderer/);
    }
  });

  test('no directory listing', async () => {
    for (const path of ['/assets/', '/assets']) assert.equal((await send(path, { headers: page() })).status, 404, path);
    assert.equal((await send('/assets/app.js', { headers: page() })).status, 200);
  });

  test('only GET and HEAD for files; unknown API paths and channels are 404', async () => {
    assert.equal((await send('/index.html', { method: 'PUT', headers: page() })).status, 405);
    assert.equal((await send('/api/nothing', { headers: page() })).status, 404);
    const unknown = await callApi('readAnyFile', {});
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.body).error.code, 'INVALID_REQUEST');
  });

  test('a download id that was never offered is 404', async () => {
    assert.equal((await send(`/api/download/${'0'.repeat(24)}/x.json`, { headers: page() })).status, 404);
  });
});

describe('binding', () => {
  test('a non-loopback address is refused unless --host was given explicitly', async () => {
    assert.throws(() => checkBindHost('0.0.0.0', false), /refusing to listen on 0\.0\.0\.0/);
    assert.throws(() => checkBindHost('192.168.1.5', false), /only loopback addresses/);
    assert.doesNotThrow(() => checkBindHost('0.0.0.0', true));
    for (const loopback of ['127.0.0.1', '::1', 'localhost']) assert.doesNotThrow(() => checkBindHost(loopback, false));
    await assert.rejects(
      startUiServer({
        rendererDir: work,
        samplesDir: SAMPLES_DIR,
        userDataDir: work,
        compute: createWorkerBackend({ url: testWorkerUrl() }),
        host: '0.0.0.0',
      }),
      /refusing to listen/,
    );
  });
});

describe('calls', () => {
  test('answers are the handlers’ Results; a bad payload is INVALID_REQUEST naming the field', async () => {
    const samples = JSON.parse((await callApi('listSamples', {})).body);
    assert.equal(samples.ok, true);
    assert.ok(samples.value.some((s: { name: string }) => s.name === 'iris'));
    const bad = JSON.parse((await callApi('getRows', { datasetId: 'ds-1', offset: -1, limit: 5 })).body);
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, 'INVALID_REQUEST');
    assert.match(bad.error.message, /getRows: offset/);
    const notJson = await send('/api/call/listSamples', {
      method: 'POST',
      headers: { ...page(), 'Content-Type': 'application/json' },
      body: '{',
    });
    assert.match(JSON.parse(notJson.body).error.message, /not JSON/);
    const form = await send('/api/call/listSamples', {
      method: 'POST',
      headers: { ...page(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    assert.match(JSON.parse(form.body).error.message, /application\/json/);
  });

  test('upload → chooseFile → loadDataset: the file is kept under its SHA-256 and opens like any file; progress comes first', async () => {
    const bytes = await readFile(join(SAMPLES_DIR, 'iris.csv'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const up = JSON.parse(
      (
        await send('/api/upload?purpose=data&name=my%20iris.csv', {
          method: 'POST',
          headers: { ...page(), 'Content-Type': 'application/octet-stream' },
          body: bytes,
        })
      ).body,
    );
    assert.equal(up.ok, true);
    assert.equal(up.value.sha256, sha256);
    assert.equal(up.value.fileName, 'my iris.csv');
    assert.ok(up.value.path.startsWith(server.files.dir));
    assert.ok(up.value.path.includes(sha256.slice(0, 16)));
    const chosen = JSON.parse((await callApi('chooseFile', {})).body);
    assert.equal(chosen.value.path, up.value.path);
    assert.match(chosen.value.token, /^[A-Za-z0-9_-]{22}$/, 'the open dialog answers with a file grant');
    // A page cannot open a path it names itself, not even the upload's.
    const byPath = JSON.parse(
      (await callApi('loadDataset', { operationId: 'up-0', source: { kind: 'file', path: up.value.path } })).body,
    );
    assert.equal(byPath.error.code, 'INVALID_REQUEST');
    // The open dialog answers once: the next one is "cancelled".
    assert.deepEqual(JSON.parse((await callApi('chooseFile', {})).body), { ok: true, value: null });

    const seqBefore = server.events.lastSeq;
    const loaded = await callApi('loadDataset', {
      operationId: 'up-1',
      source: { kind: 'file', token: chosen.value.token },
    });
    const info = JSON.parse(loaded.body);
    assert.equal(info.ok, true, loaded.body);
    assert.equal(info.value.fileName, 'my iris.csv');
    assert.equal(info.value.rows, 150);
    assert.ok(
      Number(loaded.headers['x-sapling-seq']) > seqBefore,
      'the answer names the progress events sent before it',
    );
  });

  test('uploads of the wrong type are refused and leave nothing behind', async () => {
    const reply = JSON.parse(
      (
        await send('/api/upload?purpose=data&name=..%2F..%2Fevil.sh', {
          method: 'POST',
          headers: { ...page(), 'Content-Type': 'application/octet-stream' },
          body: 'rm -rf /',
        })
      ).body,
    );
    assert.equal(reply.ok, false);
    assert.match(reply.error.message, /evil\.sh is not a CSV or TSV file/);
    assert.equal(existsSync(join(work, 'evil.sh')), false);
  });

  test('an export comes back as a download of the file the handler wrote', async () => {
    const loaded = JSON.parse(
      (await callApi('loadDataset', { operationId: 'l2', source: { kind: 'sample', name: 'iris' } })).body,
    );
    const run = JSON.parse(
      (
        await callApi('runCompare', {
          operationId: 'r2',
          datasetId: loaded.value.datasetId,
          target: 'target',
          models: ['tree'],
          folds: 3,
          seed: 1,
        })
      ).body,
    );
    assert.equal(run.ok, true);
    const exported = await callApi('exportResult', { runId: run.value.runId });
    const answer = JSON.parse(exported.body);
    assert.equal(answer.ok, true);
    const [url] = JSON.parse(String(exported.headers['x-sapling-download'])) as string[];
    assert.match(url, /^\/api\/download\/[0-9a-f]{24}\/iris-compare\.json$/);
    const file = await send(url, { headers: page() });
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-disposition']), /^attachment; filename\*=UTF-8''iris-compare\.json$/);
    assert.equal(JSON.parse(file.body).dataset.fileName, 'iris.csv');
    assert.equal(file.body, await readFile(answer.value.path, 'utf8'));
  });

  test('the LLM API key is never sent to the page', async () => {
    const key = 'sk-browser-NEVER-IN-THE-PAGE';
    const saved = await callApi('saveLlmSettings', {
      settings: {
        provider: 'openai',
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'm',
        inputPer1M: 1,
        outputPer1M: 1,
        sampleRows: 10,
        shots: 0,
        template: 'text',
        instructions: DEFAULT_INSTRUCTIONS,
      },
      apiKey: key,
    });
    assert.equal(JSON.parse(saved.body).ok, true, saved.body);
    const replies = [saved, await callApi('getLlmSettings', {})];
    for (const reply of replies) assert.doesNotMatch(reply.body, /NEVER-IN-THE-PAGE/);
    assert.equal(JSON.parse(replies[1].body).value.key, 'plain-text');
  });
});
