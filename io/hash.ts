/** Native SHA-256 for readCsv's fingerprint: node:crypto hashes ~12× faster than the portable default in app/. */
import { createHash } from 'node:crypto';
import type { Sha256 } from '../app/data/bytes.js';

export function nativeSha256(): Sha256 {
  const hash = createHash('sha256');
  return { update: (bytes) => void hash.update(bytes), hex: () => hash.digest('hex') };
}
