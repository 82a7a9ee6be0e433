import { describe, expect, it } from 'vitest';
import { checkLeaks } from '../../../guidance/tone/leak';
import { fixturePack } from '../limits/fixture-pack';

const pub = { replyMode: 'public' as const };

function cats(draft: string, opts: Parameters<typeof checkLeaks>[2] = pub): string[] {
  return checkLeaks(draft, fixturePack, opts).map((f) => `${f.category}:${f.text}`);
}

describe('checkLeaks()', () => {
  it('flags an internal-note phrase pasted into a public reply', () => {
    const draft = 'Hi Ada, refund above agent limit, please approve: order EB-1, photos attached, thanks.';
    const fs = checkLeaks(draft, fixturePack, pub);
    const phrase = fs.find((f) => f.category === 'internal-phrase');
    expect(phrase?.ruleId).toBe('leak/phrase/ph-internal-1');
    expect(phrase?.text).toMatch(/^refund above agent limit, please approve/);
    expect(draft.slice(phrase!.start, phrase!.end)).toBe(phrase!.text);
  });

  it('flags an internal-audience phrase even when edited around', () => {
    expect(cats('Good news: fraud check pending on this account, so we will wait.').some((c) => c.startsWith('internal-phrase'))).toBe(true);
  });

  it('customer-facing wording shared with internal phrases is not a leak', () => {
    expect(cats('I am sorry the bike arrived like this, Ada.')).toEqual([]);
  });

  it('flags limit figures: "my limit is €100"', () => {
    const fs = checkLeaks('Unfortunately my limit is €100, so I cannot go higher.', fixturePack, pub);
    expect(fs.map((f) => f.category)).toContain('limit-figure');
    const f = fs.find((x) => x.category === 'limit-figure')!;
    expect(f.text).toBe('limit is €100');
    expect(f.severity).toBe('warning');
  });

  it('flags "I am only authorised to refund 1,000" (thousands separator)', () => {
    expect(cats('I am only authorised to refund 1,000 euros.')).toContain('limit-figure:authorised to refund 1,000');
  });

  it('does not flag ordinary amounts', () => {
    expect(cats('Your refund of €100 is on its way.')).toEqual([]);
    expect(cats('The limit for carry-on bags is 8 kg.')).toEqual([]);
  });

  it('flags the approver role with approval wording', () => {
    expect(cats('I need my team lead to approve this refund.')).toEqual(['approver:team lead']);
    expect(cats('Our Support manager has to sign off on it.')).toContain('approver:Support manager');
  });

  it('a role mentioned without approval wording is fine', () => {
    expect(cats('Our team lead Sam wrote the guide you used.')).toEqual([]);
  });

  it('flags "escalated to team-lead" and internal wording', () => {
    expect(cats('This has been escalated to team-lead.')).toEqual(['internal-wording:escalated to team-lead']);
    expect(cats('See the internal note below.')).toEqual(['internal-wording:internal note']);
    expect(cats('This is above my limit.')).toContain('internal-wording:my limit');
  });

  it('returns nothing in internal-note mode', () => {
    expect(checkLeaks('My limit is €100; team lead must approve. Internal note.', fixturePack, { replyMode: 'internal' })).toEqual([]);
  });

  it('for a colleague requester, internal-audience phrases are fine but internal notes are not', () => {
    const d1 = 'Fraud check pending on this account; hold every refund until risk clears it.';
    expect(cats(d1, { replyMode: 'public', requesterKind: 'colleague' }).filter((c) => c.startsWith('internal-phrase'))).toEqual([]);
    const d2 = 'Refund above agent limit, please approve: order 5, photos attached, customer is a long-standing member.';
    expect(cats(d2, { replyMode: 'public', requesterKind: 'colleague' }).some((c) => c.startsWith('internal-phrase'))).toBe(true);
  });

  it('findings are sorted and offsets match the text', () => {
    const draft = 'Internal note: my limit is €100 and the team lead must approve.';
    const fs = checkLeaks(draft, fixturePack, pub);
    expect(fs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < fs.length; i++) expect(fs[i]!.start).toBeGreaterThanOrEqual(fs[i - 1]!.start);
    for (const f of fs) expect(draft.slice(f.start, f.end)).toBe(f.text);
  });
});
