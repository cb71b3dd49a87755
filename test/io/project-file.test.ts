import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile, mkdtemp, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject, emptyProject } from '../../app/project/project.js';
import { fileSha256 } from '../../io/files.js';
import { openProjectFile, saveProjectFile } from '../../io/project-file.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-project-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('project files on disk', () => {
  test('save, reopen, and the data file changing since is reported', async () => {
    await writeFile(join(dir, 'd.csv'), 'a,b\n1,2\n');
    const sha = (await fileSha256(join(dir, 'd.csv')))!;
    const path = join(dir, 'p.sapling');
    const project = {
      ...emptyProject('p'),
      data: {
        fileName: 'd.csv',
        path: 'd.csv',
        sha256: sha,
        bytes: 8,
        parser: { delimiter: ',', decimalComma: false, missingTokens: [''] },
      },
    };
    await saveProjectFile(path, project);
    await saveProjectFile(path, { ...project, name: 'second save' });
    const opened = await openProjectFile(path);
    assert.equal(opened.project.name, 'second save');
    assert.equal(opened.dataNote, null);
    assert.deepEqual((await readdir(dir)).sort(), ['d.csv', 'p.sapling'], 'no temp or .prev file left behind');
    await appendFile(join(dir, 'd.csv'), '3,4\n');
    assert.match((await openProjectFile(path)).dataNote ?? '', /d\.csv changed since this project was saved/);
  });

  test('a corrupt project is reported and never touched', async () => {
    const path = join(dir, 'broken.sapling');
    await writeFile(path, '{"format":"sapling-project","version":1,"na');
    await assert.rejects(openProjectFile(path), /broken\.sapling cannot be opened: it is damaged/);
    assert.equal(await readFile(path, 'utf8'), '{"format":"sapling-project","version":1,"na');
  });

  test(
    'killed with SIGKILL at random points while saving, 30 times: the file is always the old or the new version, and parses',
    { timeout: 180_000 },
    async () => {
      const path = join(dir, 'crash.sapling');
      const seen = new Set<string>();
      for (let round = 0; round < 30; round++) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(import.meta.dirname, '../helpers/save-loop.ts'), path],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        // Wait for a few completed saves, then kill at a random moment inside a later one.
        const saves = 1 + Math.floor(Math.random() * 3);
        await new Promise<void>((resolve) => {
          let count = 0;
          child.stdout.on('data', (d: Buffer) => {
            count += d.toString().split('\n').filter(Boolean).length;
            if (count >= saves) resolve();
          });
        });
        await new Promise((r) => setTimeout(r, Math.random() * 40));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('close', r));
        const text = await readFile(path, 'utf8');
        const project = parseProject(text, 'crash.sapling');
        assert.match(project.name, /^version [AB]$/);
        assert.equal(project.runLog.length, 4000);
        seen.add(project.name);
      }
      assert.equal(seen.size, 2, 'both versions were seen on disk after kills');
    },
  );
});
