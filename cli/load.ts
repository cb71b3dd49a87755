/** Reads a CSV from disk into a Dataset, with the CSV options of the command line. */
import type { Dataset } from '../app/data/dataset.js';
import type { ReadCsvOptions } from '../app/data/read-csv.js';
import { ENCODING_NAMES, type EncodingName } from '../app/data/text-input.js';
import { SaplingError } from '../app/util/errors.js';
import { readCsvFile } from '../io/read-csv-file.js';
import { parseList } from './args.js';

export interface CsvFlags {
  readonly delimiter?: string;
  readonly missing?: string;
  readonly 'decimal-comma'?: boolean;
  /** utf-8 | windows-1252 | latin1; default: detected (UTF-8 when valid, else Windows-1252 with a warning). */
  readonly encoding?: string;
}

const DELIMITERS: Record<string, ReadCsvOptions['delimiter']> = {
  ',': ',',
  ';': ';',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
  '|': '|',
};

export async function loadCsv(path: string, flags: CsvFlags, signal?: AbortSignal): Promise<Dataset> {
  let delimiter: ReadCsvOptions['delimiter'];
  if (flags.delimiter !== undefined) {
    delimiter = DELIMITERS[flags.delimiter];
    if (!delimiter)
      throw new SaplingError('BAD_PARAMETER', `--delimiter must be one of , ; tab |, got '${flags.delimiter}'`);
  }
  let encoding: EncodingName | undefined;
  if (flags.encoding !== undefined) {
    encoding = ENCODING_NAMES.find((name) => name === flags.encoding?.toLowerCase());
    if (!encoding)
      throw new SaplingError(
        'BAD_PARAMETER',
        `--encoding must be one of ${ENCODING_NAMES.join(', ')}, got '${flags.encoding}'`,
      );
  }
  return readCsvFile(path, {
    ...(delimiter ? { delimiter } : {}),
    ...(encoding ? { encoding } : {}),
    ...(flags['decimal-comma'] ? { decimalComma: true } : {}),
    // --missing replaces the default tokens; an empty cell always counts as missing.
    ...(flags.missing !== undefined ? { missingTokens: ['', ...parseList(flags.missing)] } : {}),
    ...(signal ? { signal } : {}),
  });
}
