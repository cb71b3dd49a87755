/**
 * This installation's Ed25519 key for signing run records (app/audit/chain.ts), kept in the user's config
 * folder as `run-signing-key.pem` (PKCS#8, mode 0600). Created on first use, race-free: the new key is written
 * to a temporary file and hard-linked into place, so two processes starting at once end up with one key.
 *
 * The config folder: $SAPLING_CONFIG_DIR, else $XDG_CONFIG_HOME/sapling or ~/.config/sapling (Linux),
 * ~/Library/Application Support/sapling (macOS), %APPDATA%\sapling (Windows). The CLI and the desktop app
 * share it, so both sign as the same installation.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ChainCheck, RecordSigner } from '../app/audit/chain.js';
import { SaplingError } from '../app/util/errors.js';
import { nativeSha256 } from './hash.js';

export const SIGNING_KEY_FILE = 'run-signing-key.pem';
export const CONFIG_DIR_ENV = 'SAPLING_CONFIG_DIR';
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[CONFIG_DIR_ENV]) return env[CONFIG_DIR_ENV];
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'sapling');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'sapling');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'sapling');
}

export function fingerprintOf(rawKeyBase64: string): string {
  return `ed25519:${createHash('sha256').update(Buffer.from(rawKeyBase64, 'base64')).digest('hex').slice(0, 32)}`;
}

function verifySignature(rawKeyBase64: string, message: string, signature: string): boolean {
  try {
    const raw = Buffer.from(rawKeyBase64, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false; // a malformed key or signature is simply not valid
  }
}

export interface InstallationKey {
  readonly signer: RecordSigner;
  /** Checks records, trusting this installation's key and the fingerprints given. */
  check(alsoTrusted?: readonly string[]): ChainCheck;
}

/** A ChainCheck trusting only the given fingerprints (for reading without a key of one's own). */
export function chainCheck(trusted: readonly string[]): ChainCheck {
  return { verifySignature, fingerprintOf, trusted, createSha256: nativeSha256 };
}

const cache = new Map<string, Promise<InstallationKey>>();

/** The installation key in `dir` (default: the config folder), created there on first use. */
export function installationKey(dir: string = defaultConfigDir()): Promise<InstallationKey> {
  let key = cache.get(dir);
  if (!key) {
    key = loadOrCreate(dir);
    cache.set(dir, key);
    key.catch(() => cache.delete(dir));
  }
  return key;
}

async function loadOrCreate(dir: string): Promise<InstallationKey> {
  const path = join(dir, SIGNING_KEY_FILE);
  let pem = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw keyError(path, error);
  });
  if (pem === undefined) pem = await create(dir, path);
  let privateKey;
  try {
    privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`a ${privateKey.asymmetricKeyType} key`);
  } catch (error) {
    throw new SaplingError(
      'BAD_INPUT',
      `the run-signing key ${path} is not an Ed25519 private key (${(error as Error).message}); move it away to make a new one (records it signed will then need --trust with its old fingerprint)`,
      { file: SIGNING_KEY_FILE },
    );
  }
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const raw = spki.subarray(SPKI_PREFIX.length).toString('base64');
  const fingerprint = fingerprintOf(raw);
  const signer: RecordSigner = {
    key: raw,
    fingerprint,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
  return { signer, check: (alsoTrusted = []) => chainCheck([fingerprint, ...alsoTrusted]) };
}

async function create(dir: string, path: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const temp = join(dir, `.${SIGNING_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(pem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // link() fails if the key exists: whoever linked first wins, and everyone reads that key.
    await link(temp, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } catch (error) {
    throw keyError(path, error as NodeJS.ErrnoException);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return readFile(path, 'utf8');
}

function keyError(path: string, error: NodeJS.ErrnoException): SaplingError {
  return new SaplingError('BAD_INPUT', `cannot read or create the run-signing key ${path}: ${error.message}`, {
    file: SIGNING_KEY_FILE,
  });
}
