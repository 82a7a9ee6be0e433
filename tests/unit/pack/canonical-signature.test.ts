import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign as nodeSign, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { canonicalBytes, canonicalJson, isCanonicalText, sha256Hex } from '../../../guidance/pack/canonical';
import {
  base64Decode, base64Encode, formatSignatureFile, keyIdOf, parseSignatureFile, verifyPackSignature,
} from '../../../guidance/pack/signature';
import { validatePack } from '../../../guidance/pack/validate';
import { richPack } from './fixtures';

function keypair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, pubB64: Buffer.from(raw).toString('base64') };
}

function validRich() {
  const r = validatePack(richPack());
  if (!r.ok) throw new Error('fixture invalid');
  return r.pack;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and is independent of input key order', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{\n  "a": {\n    "c": "x",\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('matches JSON.stringify of a key-sorted copy, for any JSON value', () => {
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as any)[k])])) : v;
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        // Integer-like keys are where JS object order and sorted order differ; compare structure instead.
        if (!JSON.stringify(v).match(/"\d+":/)) expect(text).toBe(JSON.stringify(sortDeep(v), null, 2) + '\n');
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps integer-like keys in string order (not JavaScript object order)', () => {
    expect(canonicalJson({ '10': 1, '9': 2, a: 3 })).toBe('{\n  "10": 1,\n  "9": 2,\n  "a": 3\n}\n');
  });

  it('writes -0 as 0, empties compactly, and drops undefined properties', () => {
    expect(canonicalJson({ a: -0, b: [], c: {}, d: undefined })).toBe('{\n  "a": 0,\n  "b": [],\n  "c": {}\n}\n');
  });

  it('refuses values JSON cannot express', () => {
    for (const bad of [NaN, Infinity, [undefined], () => 1, 10n, new Date(0), new Map(), Symbol('x')]) {
      expect(() => canonicalJson(bad as unknown)).toThrow(TypeError);
    }
  });

  it('round-trips a validated pack: parse → validate → canonical is a fixed point', () => {
    const pack = validRich();
    const text = canonicalJson(pack);
    expect(isCanonicalText(text)).toBe(true);
    const again = validatePack(JSON.parse(text));
    if (!again.ok) throw new Error('re-validation failed');
    expect(canonicalJson(again.pack)).toBe(text);
    expect(new TextDecoder().decode(canonicalBytes(pack))).toBe(text);
    expect(isCanonicalText(text.replace(/\n$/, ''))).toBe(false);
    expect(isCanonicalText(JSON.stringify(pack))).toBe(false);
  });

  it('hashes with WebCrypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('base64', () => {
  it('round-trips arbitrary bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const b64 = base64Encode(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64Decode(b64)).toEqual(bytes);
      }),
    );
  });

  it('rejects junk', () => {
    for (const bad of ['a', 'ab$d', 'ab cd', 'QQ=x', 'QR==']) expect(base64Decode(bad)).toBeNull();
  });
});

describe('Ed25519 signatures (node:crypto signs, WebCrypto verifies)', () => {
  const { privateKey, pubB64 } = keypair();
  const bytes = canonicalBytes(validRich());
  const sigB64 = nodeSign(null, bytes, privateKey).toString('base64');

  it('round-trips', async () => {
    expect(await verifyPackSignature(bytes, sigB64, pubB64)).toBe(true);
  });

  it('fails when one byte of the pack is flipped (any position)', async () => {
    for (const pos of [0, 1, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[pos] = tampered[pos]! ^ 0x01;
      expect(await verifyPackSignature(tampered, sigB64, pubB64)).toBe(false);
    }
  });

  it('fails when one byte of the signature is flipped (every position)', async () => {
    const sig = Buffer.from(sigB64, 'base64');
    for (let pos = 0; pos < sig.length; pos++) {
      const bad = Buffer.from(sig);
      bad[pos] = bad[pos]! ^ 0x80;
      expect(await verifyPackSignature(bytes, bad.toString('base64'), pubB64)).toBe(false);
    }
  });

  it('fails with another key, a truncated signature, or junk', async () => {
    const other = keypair();
    expect(await verifyPackSignature(bytes, sigB64, other.pubB64)).toBe(false);
    expect(await verifyPackSignature(bytes, sigB64.slice(0, 40), pubB64)).toBe(false);
    expect(await verifyPackSignature(bytes, 'not base64!', pubB64)).toBe(false);
    expect(await verifyPackSignature(bytes, sigB64, 'AAAA')).toBe(false);
    expect(await verifyPackSignature(bytes, '', '')).toBe(false);
    expect(await verifyPackSignature('text' as any, sigB64, pubB64)).toBe(false);
  });

  it('fails when the pack is re-serialised differently (the signature covers exact bytes)', async () => {
    const text = new TextDecoder().decode(bytes);
    const compact = new TextEncoder().encode(JSON.stringify(JSON.parse(text)));
    expect(await verifyPackSignature(compact, sigB64, pubB64)).toBe(false);
  });

  it('computes the key id as the first 8 bytes of SHA-256 of the raw key', async () => {
    const id = await keyIdOf(pubB64);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const raw = Buffer.from(pubB64, 'base64');
    const { createHash } = await import('node:crypto');
    expect(id).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    // The raw key is the one in the SPKI export.
    expect(createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' }).asymmetricKeyType).toBe('ed25519');
  });

  it('writes and parses .sig files strictly', async () => {
    const keyId = await keyIdOf(pubB64);
    const text = formatSignatureFile(keyId, sigB64);
    expect(isCanonicalText(text)).toBe(true);
    const parsed = parseSignatureFile(text);
    expect(parsed).toEqual({ ok: true, sig: { format: 'tactline-sig/1', alg: 'Ed25519', keyId, signature: sigB64 } });
    expect(parseSignatureFile(text.replace('Ed25519', 'ES256'))).toMatchObject({ ok: false, message: expect.stringContaining('only Ed25519') });
    expect(parseSignatureFile('{"format":"tactline-sig/1","alg":"none","keyId":"00","signature":""}').ok).toBe(false);
    expect(parseSignatureFile('nope').ok).toBe(false);
    expect(parseSignatureFile(JSON.stringify({ ...JSON.parse(text), extra: 1 })).ok).toBe(false);
  });
});
