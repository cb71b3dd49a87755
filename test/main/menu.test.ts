import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../app/ipc/contract.js';
import { buildMenuTemplate, type MenuOptions } from '../../main/menu.js';
import { SURVEY_URL, isAllowedExternalUrl } from '../../main/security.js';

function build(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  const external: string[] = [];
  const template = buildMenuTemplate({
    platform: 'linux',
    isDev: false,
    recentFiles: [],
    send: (c) => sent.push(c),
    openPath: (p) => opened.push(p),
    openExternal: (u) => external.push(u),
    ...overrides,
  });
  return { template, sent, opened, external };
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (menu?.submenu as MenuItemConstructorOptions[] | undefined) ?? [];
}
function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return template.find((m) => m.label === label || m.role === label);
}
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
const roles = (template: MenuItemConstructorOptions[]) =>
  template.flatMap((m) => [m.role, ...items(m).map((i) => i.role)]).filter(Boolean);

describe('application menu', () => {
  test('File > Open… is Ctrl/Cmd+O and sends open-file; Quit is there', () => {
    const { template, sent } = build();
    const file = items(find(template, '&File'));
    const open = file.find((i) => i.label === 'Open…');
    assert.equal(open?.accelerator, 'CmdOrCtrl+O');
    click(open);
    assert.deepEqual(sent, ['open-file']);
    const exportItem = file.find((i) => i.label === 'Export Comparison as JSON…');
    assert.equal(exportItem?.accelerator, 'CmdOrCtrl+S');
    click(exportItem);
    assert.deepEqual(sent, ['open-file', 'export-result']);
    assert.ok(file.some((i) => i.role === 'quit'));
  });

  test('Open Recent lists the recent files and opens the one chosen', () => {
    const recentFiles = [
      { path: '/data/a.csv', fileName: 'a.csv', openedAt: '2025-01-01T00:00:00.000Z' },
      { path: '/data/b.tsv', fileName: 'b.tsv', openedAt: '2025-01-01T00:00:00.000Z' },
    ];
    const { template, opened } = build({ recentFiles });
    const recent = items(items(find(template, '&File')).find((i) => i.label === 'Open Recent'));
    assert.deepEqual(
      recent.map((i) => i.label),
      ['a.csv', 'b.tsv'],
    );
    click(recent[1]);
    assert.deepEqual(opened, ['/data/b.tsv']);
    const empty = items(items(find(build().template, '&File')).find((i) => i.label === 'Open Recent'));
    assert.deepEqual(
      empty.map((i) => [i.label, i.enabled]),
      [['No recent files', false]],
    );
  });

  test('View > Data, Models, Compare, Inspect are Ctrl/Cmd+1..4', () => {
    const { template, sent } = build();
    const view = items(find(template, '&View')).filter((i) => i.accelerator?.startsWith('CmdOrCtrl+'));
    assert.deepEqual(
      view.map((i) => [i.label, i.accelerator]),
      [
        ['Data', 'CmdOrCtrl+1'],
        ['Models', 'CmdOrCtrl+2'],
        ['Compare', 'CmdOrCtrl+3'],
        ['Inspect', 'CmdOrCtrl+4'],
      ],
    );
    view.forEach(click);
    assert.deepEqual(sent, ['show-data', 'show-models', 'show-compare', 'show-inspect']);
  });

  test('reload and developer tools only in development', () => {
    assert.equal(
      roles(build().template).some((r) => r === 'reload' || r === 'toggleDevTools' || r === 'forceReload'),
      false,
    );
    const dev = roles(build({ isDev: true }).template);
    assert.ok(dev.includes('reload') && dev.includes('toggleDevTools'));
  });

  test('Help opens the project page, an allowed https link', () => {
    const { template, external } = build();
    items(find(template, 'help')).forEach(click);
    assert.equal(external[0], SURVEY_URL);
    assert.ok(external.every((u) => isAllowedExternalUrl(u)));
  });

  test('macOS gets the app and window menus; others do not', () => {
    assert.ok(roles(build({ platform: 'darwin' }).template).includes('appMenu'));
    assert.ok(!roles(build().template).includes('appMenu'));
  });
});
