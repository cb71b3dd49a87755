/**
 * Reading and writing `.sapling` projects as text. Opening never changes the file: a damaged file, a file
 * from a newer Sapling or a file that is not a project each get one clear message naming the file (and
 * the field), and the caller leaves the file alone. A project is untrusted input like any file: its JSON
 * nesting is limited (util/json.ts), its run log is verified line by line when read (audit/chain.ts), and the
 * model files it carries pass the same consistency checks as `sapling predict` (pipeline/model-file.ts). Writing is io/project-file.ts (atomic, verified).
 */
import { pipelineFromJSON } from '../pipeline/model-file.js';
import { SaplingError } from '../util/errors.js';
import { parseJsonFile } from '../util/json.js';
import { SAPLING_VERSION } from '../version.js';
import { migrate, MIGRATIONS, type Migration } from './migrations.js';
import { PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type ProjectFile } from './schema.js';

export type Project = Omit<ProjectFile, 'format' | 'version' | 'sapling' | 'savedAt'>;

export function emptyProject(name: string): Project {
  return { name, data: null, settings: null, result: null, runLog: [], models: {} };
}

export function serializeProject(project: Project, savedAt: Date): string {
  const file: ProjectFile = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    sapling: SAPLING_VERSION,
    savedAt: savedAt.toISOString(),
    ...project,
  };
  const checked = projectSchema.safeParse(JSON.parse(JSON.stringify(file)));
  if (!checked.success)
    throw new SaplingError('BAD_INPUT', `cannot save project: ${describe(checked.error.issues[0])}`);
  return `${JSON.stringify(file)}\n`;
}

export function parseProject(
  text: string,
  fileName: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): ProjectFile {
  const bad = (why: string): SaplingError =>
    new SaplingError('BAD_INPUT', `${fileName} cannot be opened: ${why}. The file was not changed.`, {
      file: fileName,
    });
  if (text.trim() === '') throw bad('it is empty');
  let json: unknown;
  try {
    json = parseJsonFile(text, fileName);
  } catch (error) {
    const { message, location } = error as SaplingError;
    throw new SaplingError(
      'BAD_INPUT',
      `${fileName} cannot be opened: it is damaged (${message.slice(fileName.length).replace(/^:? /, '')}). The file was not changed.`,
      location,
    );
  }
  if (
    json === null ||
    typeof json !== 'object' ||
    Array.isArray(json) ||
    (json as { format?: unknown }).format !== PROJECT_FORMAT
  ) {
    throw bad(`it is not a Sapling project (expected "format": "${PROJECT_FORMAT}")`);
  }
  const doc = json as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw bad(`its version (${JSON.stringify(version)}) is not a project version`);
  if (version > PROJECT_VERSION) {
    throw bad(
      `it was saved by a newer Sapling (${typeof doc.sapling === 'string' ? doc.sapling : 'unknown version'}, project version ${version}); this Sapling ${SAPLING_VERSION} reads up to version ${PROJECT_VERSION}. Update Sapling to open it`,
    );
  }
  const current = version < PROJECT_VERSION ? migrate(doc, version, PROJECT_VERSION, migrations) : doc;
  const checked = projectSchema.safeParse(current);
  if (!checked.success) throw bad(`it is damaged: ${describe(checked.error.issues[0])}`);
  // The models a project carries are model files: the same checks as `sapling predict` (model-file.ts).
  for (const [name, model] of Object.entries(checked.data.models)) {
    try {
      pipelineFromJSON(model, `models.${name}`);
    } catch (error) {
      if (!(error instanceof SaplingError)) throw error;
      throw bad(`its model '${name}' ${error.message.slice(`models.${name} `.length)}`);
    }
  }
  return checked.data;
}

function describe(issue: { path: readonly PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || 'the file'}: ${issue.message}`;
}

/** Whether the data file still is the one the project was built on. */
export function dataFingerprintNote(project: Pick<Project, 'data'>, currentSha256: string | null): string | null {
  if (!project.data) return null;
  if (currentSha256 === null)
    return `The project's data file ${project.data.fileName} is not at ${project.data.path} any more: open it again to continue.`;
  if (currentSha256 !== project.data.sha256) {
    return `The data file ${project.data.fileName} changed since this project was saved (SHA-256 now ${currentSha256.slice(0, 12)}…, saved ${project.data.sha256.slice(0, 12)}…): results and models in the project belong to the old data; run the comparison again.`;
  }
  return null;
}
