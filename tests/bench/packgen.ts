/**
 * Deterministic synthetic packs and tickets for benchmarks (never for accuracy claims).
 * A pack of N entries: N/40 intents with 12 examples each, 60% phrases, 20% policies, 8% scenarios,
 * 4% limits, the rest avoid rules. Texts mix common support English with per-intent topic words.
 */
import type { Pack, PackPhrase, PhraseKind } from '../../guidance/pack/types';
import type { TicketContext } from '../../guidance/types';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const COMMON = (
  'i my order the a to and it was is not have been for this please can you help with still when where ' +
  'what why how week days ago yesterday today received package parcel item product shop store online ' +
  'website email phone call told said again already waiting need want would like back money card paid ' +
  'price delivery shipping return refund broken wrong size colour boots jacket tent stove lamp bag ' +
  'backpack sleeping pole zip strap box courier tracking number account login password address name ' +
  'thanks hello hi really very just now soon time problem issue question answer reply customer service'
).split(' ');

const SYL = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'quin', 'dar', 'sel', 'pru', 'ne', 'zor', 'fli', 'gam', 'hu', 'bex', 'tor', 'wyn', 'cha', 'ol'];

function word(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYL[Math.floor(rand() * SYL.length)];
  return w;
}

function pick<T>(arr: readonly T[], rand: () => number): T {
  return arr[Math.floor(rand() * arr.length)]!;
}

function sentence(rand: () => number, topic: readonly string[], len: number, topicShare = 0.25): string {
  const words: string[] = [];
  for (let i = 0; i < len; i++) words.push(rand() < topicShare && topic.length > 0 ? pick(topic, rand) : pick(COMMON, rand));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + (rand() < 0.2 ? '?' : '.');
}

const KINDS: PhraseKind[] = ['empathy', 'acknowledgement', 'apology', 'reassurance', 'next-steps', 'closing'];
const EMOS = ['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful', 'neutral'];
const ACTIONS = ['refund', 'store-credit', 'discount', 'replacement', 'fee-waiver', 'shipping-upgrade', 'goodwill-gift'] as const;

export interface GeneratedPack {
  pack: Pack;
  topics: string[][];
}

export function generatePack(entries: number, seed = 1): GeneratedPack {
  const rand = rng(seed);
  const nIntents = Math.max(10, Math.round(entries / 40));
  const topics: string[][] = [];
  const intents = [];
  for (let i = 0; i < nIntents; i++) {
    const topic = [word(rand), word(rand), word(rand), word(rand), pick(COMMON, rand)];
    topics.push(topic);
    const examples: string[] = [];
    for (let e = 0; e < 12; e++) examples.push(sentence(rand, topic, 6 + Math.floor(rand() * 8), 0.35));
    intents.push({ id: `intent-${i}`, label: `Topic ${topic[0]} ${topic[1]}`, examples, keywords: [topic[0]!, `${topic[1]} ${topic[2]}`] });
  }
  const nPhrases = Math.round(entries * 0.6);
  const nPolicies = Math.round(entries * 0.2);
  const nScenarios = Math.round(entries * 0.08);
  const nLimits = Math.max(4, Math.round(entries * 0.04));
  const nAvoid = Math.max(0, entries - nIntents - nPhrases - nPolicies - nScenarios - nLimits);
  const phrases: PackPhrase[] = [];
  for (let i = 0; i < nPhrases; i++) {
    const it = Math.floor(rand() * nIntents);
    const general = rand() < 0.05;
    phrases.push({
      id: `ph-${i}`,
      text: sentence(rand, topics[it]!, 10 + Math.floor(rand() * 20)),
      kind: pick(KINDS, rand),
      intents: general ? [] : [`intent-${it}`],
      emotions: rand() < 0.5 ? [pick(EMOS, rand)] : [],
      channels: rand() < 0.1 ? ['chat'] : [],
      audience: rand() < 0.1 ? 'internal' : 'customer',
    });
  }
  const policies = Array.from({ length: nPolicies }, (_, i) => {
    const it = Math.floor(rand() * nIntents);
    return { id: `po-${i}`, title: sentence(rand, topics[it]!, 5), summary: sentence(rand, topics[it]!, 30), intents: [`intent-${it}`] };
  });
  const limits = Array.from({ length: nLimits }, (_, i) => ({
    id: `li-${i}`,
    action: ACTIONS[i % ACTIONS.length]!,
    label: `Limit ${i}`,
    unit: 'EUR',
    maxByRole: { agent: 50 + (i % 5) * 10, lead: 500 },
    approvals: [{ above: 100, approver: 'lead', evidence: [] }],
    never: [],
    policy: `po-${i % Math.max(1, nPolicies)}`,
    segments: [],
    audience: 'customer' as const,
  }));
  const scenarios = Array.from({ length: nScenarios }, (_, i) => {
    const it = Math.floor(rand() * nIntents);
    return {
      id: `sc-${i}`,
      title: sentence(rand, topics[it]!, 6),
      situation: sentence(rand, topics[it]!, 15),
      outcome: 'allowed' as const,
      explanation: sentence(rand, topics[it]!, 12),
      intents: [`intent-${it}`],
      role: rand() < 0.5 ? 'agent' : undefined,
    };
  });
  const avoid = Array.from({ length: nAvoid }, (_, i) => ({
    id: `av-${i}`,
    pattern: `${word(rand)} ${word(rand)}`,
    why: sentence(rand, [], 8),
    instead: [sentence(rand, [], 6)],
    severity: 'info' as const,
    appliesTo: 'any' as const,
  }));
  const pack: Pack = {
    format: 'tactline-pack/1',
    id: `bench-${entries}`,
    name: `Bench ${entries}`,
    version: 1,
    currency: 'EUR',
    company: { name: 'Bench Co', internalDomains: ['bench.example'] },
    roles: [
      { id: 'agent', label: 'Agent' },
      { id: 'lead', label: 'Lead' },
    ],
    intents,
    phrases,
    policies,
    limits,
    avoid,
    scenarios,
    rates: [],
    segments: [],
  };
  return { pack, topics };
}

/** A ticket of about `chars` characters about one topic, with an amount, an order number and a date. */
export function generateTicket(g: GeneratedPack, chars: number, seed: number): { context: TicketContext; intent: string } {
  const rand = rng(seed * 31 + chars);
  const it = Math.floor(rand() * g.topics.length);
  const topic = g.topics[it]!;
  const parts: string[] = [];
  parts.push(`Order 4${Math.floor(rand() * 1e6)} arrived 12 days ago and I paid €${(20 + rand() * 300).toFixed(2)}.`);
  let len = parts[0]!.length;
  while (len < chars) {
    const s = sentence(rand, topic, 8 + Math.floor(rand() * 14), 0.12);
    parts.push(s);
    len += s.length + 1;
  }
  const text = parts.join(' ').slice(0, chars);
  return {
    intent: `intent-${it}`,
    context: {
      platform: 'demo',
      ticketId: String(seed),
      subject: sentence(rand, topic, 5),
      messages: [{ role: 'customer', text }],
      latestCustomerMessage: text,
      requester: { name: 'Ada Example', email: 'ada@example.com' },
      tags: [],
      replyMode: 'public',
      channel: 'email',
      referenceDate: '2026-11-20',
    },
  };
}
