/** Small helpers for pinned Ed25519 public keys (raw 32 bytes, base64). */

export function base64ToBytes(b64: string): Uint8Array | undefined {
  const norm = b64.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(norm)) return undefined;
  try {
    const bin = atob(norm.padEnd(Math.ceil(norm.length / 4) * 4, '='));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function isValidPublicKey(b64: string): boolean {
  return base64ToBytes(b64)?.byteLength === 32;
}

/** Stable short label for a key when the admin gave it no id: "ed25519:3q2+7w…". */
export function keyFingerprint(b64: string): string {
  return `ed25519:${b64.trim().replace(/=+$/, '').slice(0, 12)}`;
}
