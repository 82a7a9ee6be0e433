// The command palette's search (same 'pack/search' message as the popup, with the ticket attached):
// only phrases and policies, phrases with their placeholders filled from the ticket, and — at equal
// relevance — guidance made for the ticket's intents first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '@/entrypoints/background/engine';
import { MemoryStore } from '@/guidance/store';
import type { Settings } from '@/guidance/protocol';
import type { TicketContext } from '@/guidance/types';
import pack from '@/guidance/packs/outdoor-retailer.json';

const context = JSON.parse(readFileSync('tests/fixtures/zendesk/2026-11-24-refund-damaged-tent.expected.json', 'utf8')) as TicketContext;
const settings = { role: 'agent', agentName: 'Sam Rivera', dock: 'right', insights: true } as Settings;

describe('palette search', () => {
  const engine = new Engine(new MemoryStore());

  it('returns only the kinds asked for, with placeholders filled from the ticket', async () => {
    const hits = await engine.search('sorry', 20, { context, kinds: ['phrase', 'policy'], settings });
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((h) => h.kind === 'phrase' || h.kind === 'policy')).toBe(true);
    const phrases = hits.filter((h) => h.kind === 'phrase');
    const withName = phrases.find((h) => h.title.includes('{{customer.firstName}}'));
    expect(withName, 'some "sorry" phrase addresses the customer by name').toBeTruthy();
    expect(withName!.filled).toContain('Ada');
    expect(withName!.filled).not.toContain('{{');
  });

  it('puts guidance for the ticket\'s intents first at equal relevance', async () => {
    const plain = await engine.search('sorry', 20, { kinds: ['phrase'] });
    const forTicket = await engine.search('sorry', 20, { context, kinds: ['phrase'], settings });
    expect(new Set(forTicket.map((h) => h.id))).toEqual(new Set(plain.map((h) => h.id)));
    const intents = new Map(pack.phrases.map((p) => [p.id, p.intents as string[]]));
    const fits = (id: string) => (intents.get(id) ?? []).some((i) => ['refund-request', 'damaged-item'].includes(i));
    const firstMiss = forTicket.findIndex((h) => !fits(h.id));
    const lastFit = forTicket.map((h) => fits(h.id)).lastIndexOf(true);
    expect(forTicket.some((h) => fits(h.id))).toBe(true);
    expect(firstMiss === -1 || lastFit < firstMiss).toBe(true);
  });

  it('without a ticket, phrases come back unfilled (the popup search)', async () => {
    const hits = await engine.search('sorry', 5);
    expect(hits.every((h) => h.filled === undefined)).toBe(true);
  });
});
