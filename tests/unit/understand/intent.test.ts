import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../guidance/index/build';
import { matchIntents, rankIntents } from '../../../guidance/understand/intent';
import type { Pack } from '../../../guidance/pack/types';
import { testPack } from './intent.fixture';

const pack = testPack();
const index = buildIndex(pack);
const ids = (text: string): string[] => matchIntents(index, text).map((c) => c.id);

describe('intent matching', () => {
  it('finds the refund intent with the ticket words as evidence', () => {
    const text = 'The jacket I bought is not what I hoped. Please refund me, I want my money back.';
    const out = matchIntents(index, text);
    expect(out[0]?.id).toBe('refund');
    expect(out[0]!.score).toBeGreaterThan(0.5);
    expect(out[0]!.score).toBeLessThanOrEqual(1);
    const words = out[0]!.evidence.map((e) => e.text.toLowerCase());
    expect(words.some((w) => w.includes('refund') || w.includes('money back'))).toBe(true);
    for (const e of out[0]!.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('returns refund and damaged for a refund request about a broken item (multi-intent)', () => {
    const out = ids('My new tent arrived with a snapped pole and the flysheet is torn. I want a full refund.');
    expect(out).toContain('refund');
    expect(out).toContain('damaged');
  });

  it('returns two intents asked in one sentence joined by "and also"', () => {
    const out = ids('I forgot my password and cannot log in, and also I need to change my delivery address to my new flat');
    expect(out).toContain('account-login');
    expect(out).toContain('change-address');
  });

  it('does not invent a second intent for a single-topic ticket', () => {
    expect(ids('Where is my parcel? Tracking has not changed since last week.')).toEqual(['late-delivery']);
  });

  it.each([
    'What is the capital of Australia?',
    'Can you recommend a good pizza recipe with mushrooms',
    'Please play some jazz music in the living room',
    'How many calories are in a banana',
  ])('returns [] for out-of-scope text: %s', (text) => {
    expect(matchIntents(index, text)).toEqual([]);
  });

  it('returns [] for empty or symbol-only text', () => {
    expect(matchIntents(index, '')).toEqual([]);
    expect(matchIntents(index, '!!! ??? ...')).toEqual([]);
  });

  it('survives typos through character n-grams', () => {
    expect(ids('i cant log in, my pasword resett mail never arives')[0]).toBe('account-login');
    expect(ids('the backpak strap came torn off, its brokn')[0]).toBe('damaged');
  });

  it('handles inflections through stemming ("refunded", "refunding")', () => {
    expect(ids('Has my order been refunded yet? You said you were refunding it.')[0]).toBe('refund');
  });

  it('uses pack keywords as evidence', () => {
    const out = matchIntents(index, 'Complaint: I asked for a manager twice.');
    expect(out[0]?.id).toBe('complaint');
    expect(out[0]!.evidence.map((e) => e.text.toLowerCase()).join(' ')).toMatch(/complaint|manager/);
  });

  it('weighs segments: a lower-weight segment cannot outrank the latest message', () => {
    const latest = 'Where is my parcel, tracking shows nothing';
    const older = 'I need to change my delivery address';
    const out = matchIntents(index, [
      { text: latest, offset: 0, weight: 1 },
      { text: older, offset: latest.length + 2, weight: 0.4 },
    ]);
    expect(out[0]?.id).toBe('late-delivery');
    const addr = out.find((c) => c.id === 'change-address');
    if (addr) expect(addr.score).toBeLessThan(out[0]!.score);
  });

  it('evidence offsets refer to the whole analysed text across segments', () => {
    const a = 'Hello there.';
    const b = 'My order has not arrived and tracking is stuck';
    const full = a + '\n\n' + b;
    const out = matchIntents(index, [
      { text: a, offset: 0, weight: 1 },
      { text: b, offset: a.length + 2, weight: 0.85 },
    ]);
    expect(out[0]?.id).toBe('late-delivery');
    for (const e of out[0]!.evidence) expect(full.slice(e.start, e.end)).toBe(e.text);
  });

  it('rankIntents gives a full ranking with the right intent first for a short query', () => {
    const r = rankIntents(index, 'box was crushed and the lamp is smashed', 3);
    expect(r).toHaveLength(3);
    expect(r[0]!.id).toBe('damaged');
    expect(r[0]!.raw).toBeGreaterThan(r[1]!.raw);
  });

  it('a pack without intents matches nothing', () => {
    const empty: Pack = { ...pack, intents: [] };
    expect(matchIntents(buildIndex(empty), 'refund please')).toEqual([]);
  });

  it('long tickets stay correct: the request buried in a long message is found', () => {
    const filler = 'We went camping in the hills last summer with the kids and had a lovely time overall. ';
    const text = filler.repeat(25) + 'But this time the tent arrived broken, one pole is snapped. ' + filler.repeat(10);
    expect(ids(text)[0]).toBe('damaged');
  });

  it('calibration is fitted on the pack and stays a probability', () => {
    const c = index.calibration;
    expect(Number.isFinite(c.a) && Number.isFinite(c.b) && Number.isFinite(c.c)).toBe(true);
    expect(c.threshold).toBeGreaterThan(0);
    expect(c.threshold).toBeLessThan(1);
    for (const cand of matchIntents(index, 'refund my broken tent now')) {
      expect(cand.score).toBeGreaterThanOrEqual(c.threshold);
      expect(cand.score).toBeLessThanOrEqual(1);
    }
  });
});
