/**
 * Ed25519 detached signatures for packs, verified with WebCrypto (`globalThis.crypto.subtle`), so
 * the same code runs in Node (CLI, tests) and in the extension's background.
 *
 * Files (see docs/pack-format.md §Signing):
 *  - `pack.json`      the pack in canonical form (`canonicalJson`), signed byte for byte;
 *  - `pack.json.sig`  a small JSON document: {"alg":"Ed25519","format":"tactline-sig/1","keyId":"…","signature":"<base64>"};
 *  - public key       the raw 32-byte Ed25519 key, base64 (one line, e.g. `tactline-signing.pub`);
 *  - key id           first 8 bytes of SHA-256(raw public key), lower-case hex (16 characters).
 */

export const SIGNATURE_FORMAT = 'tactline-sig/1' as const;
export const SIGNATURE_ALG = 'Ed25519' as const;

export interface PackSignatureFile {
  format: typeof SIGNATURE_FORMAT;
  alg: typeof SIGNATURE_ALG;
  /** First 8 bytes of SHA-256 of the raw public key, hex. */
  keyId: string;
  /** Base64 of the 64-byte Ed25519 signature over the pack file's bytes. */
  signature: string;
}

/** Thrown when the runtime has no Ed25519 in WebCrypto (e.g. Chrome < 137): not the same as "bad signature". */
export class SignatureUnsupportedError extends Error {
  constructor() {
    super('this browser or runtime cannot verify Ed25519 signatures (WebCrypto Ed25519 is missing)');
    this.name = 'SignatureUnsupportedError';
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((ch, i) => [ch, i]));

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/**
 * Strict base64 decoding (standard alphabet; "-" and "_" of base64url also accepted; padding
 * optional; surrounding whitespace ignored). Returns null for anything else.
 */
export function base64Decode(text: string): Uint8Array | null {
  const s = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let j = 0;
  for (const ch of s) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero (canonical encoding).
  if (bits > 0 && (buffer & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, j);
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new SignatureUnsupportedError();
  return s;
}

/** Key id of a raw Ed25519 public key (base64): first 8 bytes of its SHA-256, lower-case hex. */
export async function keyIdOf(publicKeyB64: string): Promise<string> {
  const raw = base64Decode(publicKeyB64);
  if (!raw || raw.length !== 32) throw new Error('not an Ed25519 public key: expected 32 bytes in base64');
  const digest = new Uint8Array(await subtle().digest('SHA-256', raw as Uint8Array<ArrayBuffer>));
  return [...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Verify an Ed25519 detached signature over `bytes`.
 * Returns false for a wrong, malformed or truncated signature or key; throws
 * `SignatureUnsupportedError` only when the runtime lacks Ed25519 altogether.
 */
export async function verifyPackSignature(bytes: Uint8Array, signatureB64: string, publicKeyB64: string): Promise<boolean> {
  if (!(bytes instanceof Uint8Array) || typeof signatureB64 !== 'string' || typeof publicKeyB64 !== 'string') return false;
  const sig = base64Decode(signatureB64);
  const pub = base64Decode(publicKeyB64);
  if (!sig || sig.length !== 64 || !pub || pub.length !== 32) return false;
  const s = subtle();
  let key: CryptoKey;
  try {
    key = await s.importKey('raw', pub as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    if (e instanceof Error && e.name === 'NotSupportedError') throw new SignatureUnsupportedError();
    return false;
  }
  try {
    return await s.verify({ name: 'Ed25519' }, key, sig as Uint8Array<ArrayBuffer>, bytes as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

/** Parse the text of a `.sig` file. */
export function parseSignatureFile(text: string): { ok: true; sig: PackSignatureFile } | { ok: false; message: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the signature file is not JSON' };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, message: 'the signature file must be a JSON object' };
  const o = v as Record<string, unknown>;
  const allowed = new Set(['format', 'alg', 'keyId', 'signature']);
  const extra = Object.keys(o).find((k) => !allowed.has(k));
  if (extra !== undefined) return { ok: false, message: `the signature file has an unknown field ${JSON.stringify(extra)}` };
  if (o.format !== SIGNATURE_FORMAT) return { ok: false, message: `the signature file format must be "${SIGNATURE_FORMAT}"` };
  if (o.alg !== SIGNATURE_ALG) return { ok: false, message: `unsupported signature algorithm ${JSON.stringify(o.alg)} (only Ed25519)` };
  if (typeof o.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(o.keyId)) return { ok: false, message: 'the signature file keyId must be 16 lower-case hex characters' };
  const sig = typeof o.signature === 'string' ? base64Decode(o.signature) : null;
  if (!sig || sig.length !== 64) return { ok: false, message: 'the signature file signature must be 64 bytes in base64' };
  return { ok: true, sig: { format: SIGNATURE_FORMAT, alg: SIGNATURE_ALG, keyId: o.keyId, signature: o.signature as string } };
}

/** The text of a `.sig` file (canonical JSON: sorted keys, trailing newline). */
export function formatSignatureFile(keyId: string, signatureB64: string): string {
  return `{\n  "alg": "${SIGNATURE_ALG}",\n  "format": "${SIGNATURE_FORMAT}",\n  "keyId": ${JSON.stringify(keyId)},\n  "signature": ${JSON.stringify(signatureB64)}\n}\n`;
}
