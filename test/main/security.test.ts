import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAsset, serveAsset } from '../../main/app-protocol.js';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_META,
  EXTERNAL_LINKS,
  SURVEY_URL,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  locationOf,
} from '../../main/security.js';
import { ROOT } from '../helpers/desktop.js';

describe('isTrustedSender', () => {
  test('accepts the app’s own main frame, whatever its path, query or hash', () => {
    for (const url of [APP_ENTRY_URL, 'app://sapling/', 'app://sapling/index.html?view=data#inspect']) {
      assert.equal(isTrustedSender({ url, parent: null }), true, url);
    }
  });

  test('rejects subframes, other origins, look-alikes and unparsable URLs', () => {
    assert.equal(isTrustedSender({ url: APP_ENTRY_URL, parent: {} }), false, 'a subframe');
    for (const url of [
      'https://sapling/index.html',
      'app://evil/index.html',
      'app://sapling.evil.example/index.html',
      'app://sapling:8080/index.html',
      'app://user@sapling/index.html',
      'file:///opt/Sapling/resources/app.asar/out/renderer/index.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      'not a url',
      '',
    ]) {
      assert.equal(isTrustedSender({ url, parent: null }), false, url);
    }
    assert.equal(isTrustedSender(null), false);
    assert.equal(isTrustedSender(undefined), false);
  });

  test('a dev server or harness location is matched on scheme, host and port (new URL, not startsWith)', () => {
    const dev = locationOf('http://127.0.0.1:5173/index.html');
    assert.equal(isTrustedSender({ url: 'http://127.0.0.1:5173/x?y', parent: null }, dev), true);
    assert.equal(isTrustedSender({ url: 'http://127.0.0.1:5174/', parent: null }, dev), false);
    assert.equal(isTrustedSender({ url: 'http://127.0.0.1:5173.evil.example/', parent: null }, dev), false);
    assert.equal(isTrustedSender({ url: 'https://127.0.0.1:5173/', parent: null }, dev), false);
    assert.equal(isAppUrl('http://localhost:5173/', dev), false);
    assert.throws(() => locationOf('no'));
  });
});

describe('isAllowedExternalUrl', () => {
  test('only the https links the app offers, exactly', () => {
    for (const url of EXTERNAL_LINKS) assert.equal(isAllowedExternalUrl(url), true, url);
    assert.ok(SURVEY_URL.startsWith('https://'));
    for (const url of [
      SURVEY_URL.replace('https:', 'http:'),
      `${SURVEY_URL}/../../evil`,
      `${SURVEY_URL}.evil.example`,
      SURVEY_URL.replace('https://', 'https://user:pw@'),
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'nonsense',
    ]) {
      assert.equal(isAllowedExternalUrl(url), false, url);
    }
  });
});

describe('Content-Security-Policy', () => {
  test('scripts only from the app: no inline, no eval, no remote; no frames or plugins', () => {
    for (const csp of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /base-uri 'none'/);
    }
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    assert.doesNotMatch(
      CONTENT_SECURITY_POLICY_META,
      /frame-ancestors/,
      'ignored (with a console warning) in a meta tag',
    );
  });

  test('renderer/index.html carries the same policy in its meta tag', async () => {
    const html = await readFile(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
    assert.ok(meta, 'renderer/index.html has a CSP meta tag');
    assert.equal(meta[1], CONTENT_SECURITY_POLICY_META);
  });

  test('the BrowserWindow keeps the security settings on', async () => {
    const source = await readFile(join(ROOT, 'main/index.ts'), 'utf8');
    for (const setting of [
      'contextIsolation: true',
      'nodeIntegration: false',
      'sandbox: true',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
    ]) {
      assert.ok(source.includes(setting), setting);
    }
    assert.doesNotMatch(
      source,
      /sandbox: false|nodeIntegration: true|contextIsolation: false|webSecurity: false|enableBlinkFeatures|allowpopups/,
    );
    assert.match(source, /setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/);
    assert.match(source, /return \{ action: 'deny' \}/);
  });
});

describe('app:// assets', () => {
  test('resolve inside the renderer folder only', () => {
    const root = '/opt/sapling/out/renderer';
    assert.equal(resolveAsset(root, 'app://sapling/index.html'), join(root, 'index.html'));
    assert.equal(resolveAsset(root, 'app://sapling/'), join(root, 'index.html'));
    assert.equal(resolveAsset(root, 'app://sapling/assets/index-abc.js?v=1#x'), join(root, 'assets/index-abc.js'));
    assert.equal(
      resolveAsset(root, 'app://sapling/../../etc/passwd'),
      join(root, 'etc/passwd'),
      'URL parsing removes dot segments',
    );
    for (const url of [
      'app://sapling/..%2f..%2fetc/passwd',
      'app://sapling/%2e%2e/%2e%2e/etc/passwd',
      'app://sapling/a%00.js',
      'app://other/index.html',
      'app://sapling/%E0%A4%A',
    ]) {
      const resolved = resolveAsset(root, url);
      assert.ok(resolved === undefined || resolved.startsWith(`${root}/`), `${url} → ${resolved}`);
    }
    assert.equal(resolveAsset(root, 'app://sapling/..%2f..%2fetc/passwd'), undefined);
  });

  test('are served with their content type and the CSP header; missing files are 404', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sapling-assets-'));
    try {
      await mkdir(join(dir, 'assets'));
      await writeFile(join(dir, 'index.html'), '<!doctype html>');
      await writeFile(join(dir, 'assets/app.js'), 'export {}');
      const page = await serveAsset(dir, 'app://sapling/index.html');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
      assert.equal(await page.text(), '<!doctype html>');
      const script = await serveAsset(dir, 'app://sapling/assets/app.js');
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal((await serveAsset(dir, 'app://sapling/nope.js')).status, 404);
      assert.equal((await serveAsset(dir, 'app://sapling/..%2f..%2fetc/passwd')).status, 404);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
