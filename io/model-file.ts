/**
 * A Sapling model file read for a comparison (`compare --models file:…`, the desktop's "Open model…",
 * `reproduce`): the bytes are read once, so the SHA-256 the run record keeps is the hash of the bytes that were
 * parsed. The file is then checked by the one model-file loader (app/compare/pre-trained.ts → pipelineFromJSON).
 */
import { createHash } from 'node:crypto';
import { readPreTrained, type PreTrainedModel } from '../app/compare/pre-trained.js';
import { SaplingError } from '../app/util/errors.js';
import { parseJsonFile } from '../app/util/json.js';
import { openFileChunks } from './files.js';

export async function readModelFile(path: string): Promise<PreTrainedModel> {
  const { chunks, fileName } = await openFileChunks(path);
  const parts: Uint8Array[] = [];
  const hash = createHash('sha256');
  for await (const chunk of chunks) {
    hash.update(chunk);
    parts.push(chunk);
  }
  const bytes = Buffer.concat(parts);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new SaplingError(
      'BAD_MODEL_FILE',
      `${fileName} is not a Sapling model file: not UTF-8 text (${(error as Error).message})`,
      { file: fileName },
    );
  }
  // Nesting is limited before parsing (util/json.ts), like every model file Sapling reads.
  const json = parseJsonFile(text, fileName, { code: 'BAD_MODEL_FILE' });
  return readPreTrained(json, { fileName, sha256: hash.digest('hex'), bytes: bytes.length });
}
