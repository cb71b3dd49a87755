/**
 * Child process for the crash-safety test: saves two different versions of one project, alternately,
 * forever, printing each completed save. The test kills it with SIGKILL at random moments.
 * Usage: node --import tsx test/helpers/save-loop.ts <file.sapling>
 */
import { emptyProject } from '../../app/project/project.js';
import { saveProjectFile } from '../../io/project-file.js';

const path = process.argv[2];
// Big enough (~2 MB) that a save takes a while, so kills land in every phase of it.
const version = (v: string) => ({
  ...emptyProject(`version ${v}`),
  runLog: Array.from({ length: 4000 }, (_, i) => `${v}${i} ${v.repeat(500)}`),
});
for (let i = 0; ; i++) {
  const v = i % 2 === 0 ? 'A' : 'B';
  await saveProjectFile(path, version(v));
  process.stdout.write(`${v}\n`);
}
