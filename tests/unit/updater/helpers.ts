/** Shared helpers for the updater tests: packs, keys, a fresh IndexedDB per test. */
import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';
import { IdbStore, type FaultHook } from '@/entrypoints/background/idb-store';
import type { KeyValue } from '@/entrypoints/background/updater';

let dbSeq = 0;
export function freshStore(fault?: FaultHook): IdbStore {
  return new IdbStore(`tactline-test-${process.pid}-${++dbSeq}`, fault);
}

export function pack(version: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'tactline-pack/1',
    id: 'acme-support',
    name: 'Acme Support',
    version,
    roles: [
      { id: 'agent', label: 'Agent' },
      { id: 'lead', label: 'Team lead' },
    ],
    intents: [
      { id: 'refund', label: 'Refund request', examples: ['I want my money back', 'please refund my order'] },
      { id: 'late-delivery', label: 'Late delivery', examples: ['my parcel has not arrived', 'where is my order'] },
    ],
    phrases: [
      { id: 'p-sorry', text: `Sorry about that — version ${version} phrase.`, kind: 'apology', intents: ['refund'] },
    ],
    ...extra,
  };
}

export const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export async function keyPair(): Promise<{ publicB64: string; sign(bytes: Uint8Array): Promise<string> }> {
  const kp = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', kp.publicKey));
  return {
    publicB64: Buffer.from(raw).toString('base64'),
    async sign(bytes: Uint8Array) {
      const sig = new Uint8Array(await webcrypto.subtle.sign({ name: 'Ed25519' }, kp.privateKey, bytes));
      return Buffer.from(sig).toString('base64');
    },
  };
}

export function memoryKv(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get<T>(key: string) {
      return structuredClone(data.get(key)) as T | undefined;
    },
    async set(key: string, value: unknown) {
      data.set(key, structuredClone(value));
    },
  };
}

/** Everything observable about the store, to prove a failed update changed nothing. */
export async function snapshot(store: IdbStore) {
  const active = await store.getActive();
  return {
    activeKey: active?.key,
    activeJson: active ? JSON.stringify(active.pack) : undefined,
    activeIndex: typeof active?.index === 'string' ? active.index.length : active?.index ? `${active.index.fingerprint}:${active.index.exFeat.length}` : undefined,
    floor: await store.getFloor('acme-support'),
    keys: (await store.list()).map((p) => p.key).sort(),
  };
}
