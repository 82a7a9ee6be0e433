/**
 * The agent's search box (popup / command palette): short, typo-prone queries over the whole pack.
 * fuse.js is built for exactly this; its index is created once per pack (Fuse.createIndex), so a
 * keystroke costs only the search. Ticket→guidance matching does NOT use this (see index/).
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Pack } from './pack/types';

export type SearchHitKind = 'phrase' | 'policy' | 'intent' | 'limit' | 'scenario' | 'avoid';

export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  title: string;
  text: string;
  /** 0..1, higher is better (1 − fuse score). */
  score: number;
}

interface Doc {
  kind: SearchHitKind;
  id: string;
  title: string;
  text: string;
  extra: string;
}

const KEYS = [
  { name: 'title', weight: 3 },
  { name: 'text', weight: 1.5 },
  { name: 'extra', weight: 1 },
];

const OPTIONS: IFuseOptions<Doc> = {
  keys: KEYS,
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.35,
  minMatchCharLength: 2,
};

export function packDocuments(pack: Pack): Doc[] {
  const docs: Doc[] = [];
  for (const i of pack.intents) docs.push({ kind: 'intent', id: i.id, title: i.label, text: i.description ?? '', extra: [...i.keywords, ...i.examples.slice(0, 5)].join(' · ') });
  for (const p of pack.phrases) docs.push({ kind: 'phrase', id: p.id, title: p.text, text: '', extra: [p.kind, ...p.intents, ...p.emotions].join(' ') });
  for (const p of pack.policies) docs.push({ kind: 'policy', id: p.id, title: p.title, text: p.summary, extra: p.intents.join(' ') });
  for (const l of pack.limits) docs.push({ kind: 'limit', id: l.id, title: l.label, text: `${l.action} ${l.unit}`, extra: l.action });
  for (const s of pack.scenarios) docs.push({ kind: 'scenario', id: s.id, title: s.title, text: s.situation, extra: s.explanation });
  for (const a of pack.avoid) docs.push({ kind: 'avoid', id: a.id, title: a.pattern, text: a.why, extra: a.instead.join(' · ') });
  return docs;
}

export interface PackSearch {
  search(query: string, limit?: number): SearchHit[];
}

export function createPackSearch(pack: Pack): PackSearch {
  const docs = packDocuments(pack);
  const index = Fuse.createIndex(KEYS, docs);
  const fuse = new Fuse(docs, OPTIONS, index);
  return {
    search(query: string, limit = 20): SearchHit[] {
      const q = query.trim().slice(0, 64);
      if (q.length === 0) return [];
      // fuse's extended syntax is off; a multi-word query matches its words in any order.
      return fuse.search(q, { limit }).map((r) => ({
        kind: r.item.kind,
        id: r.item.id,
        title: r.item.title,
        text: r.item.text || r.item.title,
        score: Math.round((1 - (r.score ?? 1)) * 1000) / 1000,
      }));
    },
  };
}
