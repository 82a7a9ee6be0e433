import type { Pack } from '../pack/types';
import type { IntentParams } from './types';

/** FNV-1a 32-bit over a string, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function indexFingerprint(pack: Pack, params: IntentParams): string {
  const parts: string[] = [JSON.stringify(params)];
  for (const it of pack.intents) {
    parts.push(it.id, it.label, it.description ?? '', it.examples.join('\u0001'), it.keywords.join('\u0001'));
  }
  return fnv1a(parts.join('\u0002'));
}

