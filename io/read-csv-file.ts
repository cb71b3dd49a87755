/**
 * Read a CSV file from disk into a Dataset: streams the bytes, hashes them natively and tells the reader the
 * file size so it allocates each column once. The one way the CLI and the desktop worker open a CSV.
 */
import type { Dataset } from '../app/data/dataset.js';
import { readCsv } from '../app/data/read-csv.js';
import type { ReadCsvOptions } from '../app/data/read-csv.js';
import { openFileChunks } from './files.js';
import { nativeSha256 } from './hash.js';

export interface ReadCsvFileOptions extends Omit<
  ReadCsvOptions,
  'fileName' | 'expectedBytes' | 'createSha256' | 'onProgress'
> {
  /** Bytes read so far out of the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number, fileName: string) => void;
}

export async function readCsvFile(path: string, options: ReadCsvFileOptions = {}): Promise<Dataset> {
  const { chunks, fileName, bytes } = await openFileChunks(path);
  const { onProgress, ...rest } = options;
  onProgress?.(0, bytes, fileName);
  return readCsv(chunks, {
    ...rest,
    fileName,
    expectedBytes: bytes,
    createSha256: nativeSha256,
    ...(onProgress ? { onProgress: (read: number) => onProgress(read, bytes, fileName) } : {}),
  });
}
