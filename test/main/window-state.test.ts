import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SIZE, MIN_SIZE, loadWindowState, placeWindow, saveWindowState } from '../../main/window-state.js';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window bounds', () => {
  test('first run: the default size, centred', () => {
    assert.deepEqual(placeWindow(undefined, [screen]), { ...DEFAULT_SIZE, maximized: false });
    assert.deepEqual(placeWindow(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }]), {
      width: 1024,
      height: 700,
      maximized: false,
    });
  });

  test('saved bounds on a current display are kept', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700, maximized: true };
    assert.deepEqual(placeWindow(saved, [screen, right]), saved);
  });

  test('a window on a display that is gone opens centred at its size', () => {
    const saved = { x: 2000, y: 100, width: 1000, height: 700, maximized: false };
    assert.deepEqual(placeWindow(saved, [screen]), { width: 1000, height: 700, maximized: false });
    assert.deepEqual(placeWindow({ ...saved, x: -5000, y: -5000 }, [screen]), {
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  test('sizes are clamped to the display and the minimum', () => {
    assert.deepEqual(placeWindow({ width: 5000, height: 4000, maximized: false }, [screen]), {
      width: 1920,
      height: 1040,
      maximized: false,
    });
    assert.deepEqual(placeWindow({ width: 10, height: 10, maximized: false }, [screen]), {
      ...MIN_SIZE,
      maximized: false,
    });
  });

  test('saved atomically and read back; a corrupt file is ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sapling-window-'));
    try {
      const path = join(dir, 'window-state.json');
      assert.equal(await loadWindowState(path), undefined);
      await saveWindowState(path, { x: 10, y: 20, width: 900, height: 600, maximized: false });
      assert.deepEqual(await loadWindowState(path), { x: 10, y: 20, width: 900, height: 600, maximized: false });
      await writeFile(path, '{"width": "wide"}');
      assert.equal(await loadWindowState(path), undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
