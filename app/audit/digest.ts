/** SHA-256 of text (UTF-8), hex. The host may pass a native hash (io/hash.ts); the default is pure JS. */
import { portableSha256, type Sha256 } from '../data/bytes.js';

export type CreateSha256 = () => Sha256;

export function sha256Text(text: string, createSha256: CreateSha256 = portableSha256): string {
  const hash = createSha256();
  hash.update(new TextEncoder().encode(text));
  return hash.hex();
}
