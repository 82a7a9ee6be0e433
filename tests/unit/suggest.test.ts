import { describe, expect, it } from 'vitest';
import { analyze } from '../../guidance/analyze';
import { suggest } from '../../guidance/suggest';
import { buildIndex } from '../../guidance/index/build';
import type { Signals } from '../../guidance/types';
import { testPack, ticket } from './understand/intent.fixture';

const pack = testPack();
const index = buildIndex(pack);

function signals(text: string, extra: Parameters<typeof ticket>[1] = {}): Signals {
  return analyze(ticket(text, extra), pack, index);
}

const angryRefund = 'This is UNACCEPTABLE!!! My tent arrived broken and I am furious. I want a full refund NOW.';

describe('suggest()', () => {
  it('ranks the angry empathy phrase for refund first on an angry refund ticket', () => {
    const s = signals(angryRefund);
    expect(['angry', 'frustrated']).toContain(s.emotion.label);
    const out = suggest(s, pack, 'agent');
    const phrases = out.filter((x) => x.kind === 'phrase');
    expect(phrases[0]?.id).toBe('emp-angry-refund');
    expect(phrases[0]!.reason).toMatch(/matched: Refund request|matched: Damaged item/);
    expect(phrases[0]!.reason).toMatch(/mood: (angry|frustrated)/);
  });

  it('gives every suggestion a reason and a score, phrases before policies, limits and scenarios', () => {
    const out = suggest(signals(angryRefund), pack, 'agent');
    const order = ['phrase', 'policy', 'limit', 'scenario'];
    let last = 0;
    for (const x of out) {
      expect(x.reason.length).toBeGreaterThan(5);
      expect(Number.isFinite(x.score)).toBe(true);
      const k = order.indexOf(x.kind);
      expect(k).toBeGreaterThanOrEqual(last);
      last = k;
    }
  });

  it('offers the policies and limits linked to the matched intents', () => {
    const out = suggest(signals(angryRefund), pack, 'agent');
    expect(out.find((x) => x.id === 'refund-policy')?.url).toBe('https://help.test-outfitters.example/refunds');
    const lim = out.find((x) => x.kind === 'limit' && x.id === 'refund-limit');
    expect(lim?.text).toMatch(/Agent: up to 100 EUR alone/);
    expect(lim?.text).toMatch(/above 100 EUR → Team lead/);
    expect(out.some((x) => x.kind === 'limit' && x.id === 'access-limit')).toBe(false);
  });

  it('offers scenarios for the agent role only (or without role)', () => {
    const out = suggest(signals(angryRefund), pack, 'agent');
    expect(out.some((x) => x.id === 'sc-refund-small')).toBe(true);
    expect(out.some((x) => x.id === 'sc-refund-lead')).toBe(false);
    const lead = suggest(signals(angryRefund), pack, 'lead');
    expect(lead.some((x) => x.id === 'sc-refund-lead')).toBe(true);
  });

  it('never offers phrases written for another mood', () => {
    // Mood fixed here so the test pins suggest(), not the emotion detector.
    const calm: Signals = { ...signals('Hello, could you tell me where my parcel is?'), emotion: { label: 'neutral', score: 0.5, evidence: [] } };
    const ids = suggest(calm, pack, 'agent').map((x) => x.id);
    expect(ids).not.toContain('emp-angry-refund');
    expect(ids).not.toContain('emp-general-angry');
    expect(ids).not.toContain('grateful-close');
  });

  it('still offers general empathy when no intent fits, and says so', () => {
    const s = signals('I am absolutely FURIOUS, this is a disgrace!!! Nobody cares about the weather here.');
    expect(s.intents.length === 0 || s.intents.every((i) => i.id === 'complaint')).toBe(true);
    const noIntent: Signals = { ...s, intents: [] };
    const out = suggest(noIntent, pack, 'agent');
    const general = out.find((x) => x.id === 'emp-general-angry');
    expect(general).toBeDefined();
    expect(general!.reason).toMatch(/no specific topic matched/);
    expect(out.some((x) => x.kind === 'policy')).toBe(false);
  });

  it('gives a colleague requester internal phrases and no customer-only ones', () => {
    const s = signals('Hi team, can you refund this order for my customer please?', { requester: { email: 'bo@test-outfitters.example' } });
    expect(s.requesterKind).toBe('colleague');
    const out = suggest(s, pack, 'agent').filter((x) => x.kind === 'phrase');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((x) => x.audience !== 'customer')).toBe(true);
    expect(out[0]!.audience).toBe('internal');
    expect(out[0]!.reason).toMatch(/colleague/);
  });

  it('gives internal phrases when the agent writes an internal note', () => {
    const out = suggest(signals('please refund my order'), pack, 'agent', { replyMode: 'internal' }).filter((x) => x.kind === 'phrase');
    expect(out.map((x) => x.id)).toContain('internal-refund');
    expect(out.every((x) => x.audience !== 'customer')).toBe(true);
  });

  it('hides internal-only limits from customer tickets and shows them for colleagues', () => {
    const s = signals('Please grant me access permission to the returns tool', { requester: { email: 'bo@test-outfitters.example' } });
    expect(suggest(s, pack, 'lead').some((x) => x.id === 'access-limit')).toBe(true);
    const c = signals('Please grant me access permission to the returns tool');
    expect(suggest(c, pack, 'lead').some((x) => x.id === 'access-limit')).toBe(false);
  });

  it('filters phrases by channel', () => {
    const s = signals('Where is my parcel?');
    expect(suggest(s, pack, 'agent', { channel: 'email' }).some((x) => x.id === 'chat-only')).toBe(false);
    const chat = suggest(s, pack, 'agent', { channel: 'chat' }).find((x) => x.id === 'chat-only');
    expect(chat?.reason).toMatch(/channel: chat/);
  });

  it('uses the ticket language when the pack has phrases in it', () => {
    const s = signals('Hallo, wo ist mein Paket? Ich warte schon seit zwei Wochen auf die Lieferung und die Sendungsverfolgung zeigt nichts an.');
    expect(s.language).toBe('de');
    const ids = suggest(s, pack, 'agent').map((x) => x.id);
    expect(ids).toContain('de-ack');
    expect(ids).not.toContain('en-ack');
    const en = suggest(signals('Where is my parcel?'), pack, 'agent').map((x) => x.id);
    expect(en).toContain('en-ack');
    expect(en).not.toContain('de-ack');
  });

  it('respects the phrase limit', () => {
    const out = suggest(signals(angryRefund), pack, 'agent', { limit: 2 });
    expect(out.filter((x) => x.kind === 'phrase')).toHaveLength(2);
  });
});
