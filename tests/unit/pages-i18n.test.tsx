// @vitest-environment happy-dom
// The extension pages' i18n helpers and the dock control, in the English fallback (no browser.i18n).
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { readFileSync } from 'node:fs';
import { fmtDateTime, localizePage, t, tn, uiLanguage } from '@/components/i18n';
import { fmtDay, fmtMoney, fmtPercent, kindLabel, outcomeLabel, packCountsLine, sourceLabel, staleReason } from '@/components/labels';
import { DockSetting } from '@/components/DockSetting';
import { shareText } from '@/components/CanI';
import type { DecisionView } from '@/guidance/protocol';

const LANGS = ['en', 'de', 'fr', 'es'] as const;
const load = (l: string) => JSON.parse(readFileSync(`public/_locales/${l}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe('page strings', () => {
  it('falls back to English and counts with plural forms', () => {
    expect(uiLanguage()).toBe('en');
    expect(tn(1, 'ppNPhrase1', 'ppNPhrase')).toBe('1 phrase');
    expect(tn(3, 'ppNPhrase1', 'ppNPhrase')).toBe('3 phrases');
    expect(tn(0, 'ppNPhrase1', 'ppNPhrase')).toBe('0 phrases');
    expect(tn(1234, 'ppNPolicy1', 'ppNPolicy')).toBe('1,234 policies');
    expect(tn(2, 'opFailures1', 'opFailures', 'tomorrow')).toBe('2 failed attempts, next try tomorrow');
    expect(packCountsLine({ intents: 1, phrases: 2, policies: 1, limits: 0, avoid: 1, scenarios: 1 }, true)).toBe(
      '1 intent · 2 phrases · 1 policy · 0 limits · 1 phrase to avoid · 1 scenario',
    );
  });

  it('labels known ids and leaves unknown ones (and pack content) as they are', () => {
    expect(sourceLabel('url')).toBe('Pack URL');
    expect(sourceLabel('something-new')).toBe('something-new');
    expect(kindLabel('avoid')).toBe('Avoid');
    expect(outcomeLabel('needs-approval')).toBe('Needs approval');
    expect(outcomeLabel('x')).toBe('x');
    expect(fmtPercent(0.987)).toBe('99%');
    expect(fmtMoney(180, 'EUR')).toBe('€180');
    expect(fmtMoney(1180.5)).toBe('1,180.5');
    expect(fmtDateTime(undefined)).toBe('—');
    expect(fmtDateTime('not a date')).toBe('not a date');
    expect(fmtDateTime('2026-11-19T10:00:00Z')).toMatch(/2026/);
  });

  it('says why content is stale in the UI language, from the date rather than the English reason', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(staleReason({ kind: 'policy', severity: 'review-overdue', reason: 'x', date: '2026-05-28' }, now)).toBe('Last verified on May 28, 2026 (181 days ago)');
    expect(staleReason({ kind: 'policy', severity: 'review-overdue', reason: 'x' }, now)).toBe('Never verified');
    expect(staleReason({ kind: 'pack', severity: 'expired', reason: 'x', date: '2026-11-01' }, now)).toBe('The pack expired on Nov 1, 2026');
    expect(staleReason({ kind: 'policy', severity: 'expires-soon', reason: 'x', date: '2026-12-01' }, now)).toBe('Expires on Dec 1, 2026');
    expect(staleReason({ kind: 'policy', severity: 'expired', reason: 'Expired on ?' }, now)).toBe('Expired on ?');
    expect(fmtDay('2026-01-01')).toBe('Jan 1, 2026');
  });

  it('sets the page language and title', () => {
    localizePage(t('opPageTitle'));
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Tactline — Guidance pack and settings');
  });

  it('every plural pair exists in all four languages with the count placeholder', () => {
    for (const l of LANGS) {
      const m = load(l);
      // opH1 is the page heading, not a plural form.
      const singles = Object.keys(m).filter((k) => /^(pp|ci|op|cd|hi|wi)[A-Za-z]+1$/.test(k) && k !== 'opH1');
      expect(singles.length).toBeGreaterThan(10);
      for (const one of singles) {
        const other = one.slice(0, -1);
        expect(m[other], `${l}/${other}`).toBeDefined();
        expect(m[one]!.message).toContain('$1');
        expect(m[other]!.message).toContain('$1');
      }
    }
  });

  it('shareText labels the decision and keeps the pack wording', () => {
    const d: DecisionView = {
      outcome: 'needs-approval',
      summary: 'Refund €180 — needs Team lead approval (your limit €100)',
      questions: [],
      evidence: ['Photo of the damage'],
      reasoning: ['Amount above the Agent limit'],
      policyTitle: 'Damaged goods',
      how: 'Internal note to a team lead',
    } as unknown as DecisionView;
    const text = shareText(d, 'Pack: Northwind v3');
    expect(text.split('\n')).toEqual([
      'Refund €180 — needs Team lead approval (your limit €100)',
      'Outcome: Needs approval',
      'Evidence needed:',
      '- Photo of the damage',
      'How to ask: Internal note to a team lead',
      'Why:',
      '- Amount above the Agent limit',
      'Policy: Damaged goods',
      'Pack: Northwind v3',
    ]);
  });
});

describe('DockSetting', () => {
  it('is a labelled radio group that reports the chosen side', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const seen: string[] = [];
    render(<DockSetting value="right" locked={false} lockedText="Set by your organisation" onChange={async (d) => (seen.push(d), true)} />, root);
    const fieldset = root.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('Sidebar side');
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => [r.value, r.checked, r.disabled, r.closest('label')!.textContent!.trim()])).toEqual([
      ['right', true, false, 'Right'],
      ['left', false, false, 'Left'],
    ]);
    radios[1]!.click();
    expect(seen).toEqual(['left']);
    expect(root.querySelector('[data-testid="dock-locked"]')).toBeNull();
    render(null, root);
    root.remove();
  });

  it('is read-only with the reason when policy locks it', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const seen: string[] = [];
    render(<DockSetting value="left" locked lockedText="Set by your organisation" onChange={async (d) => (seen.push(d), true)} />, root);
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.every((r) => r.disabled)).toBe(true);
    expect(radios.find((r) => r.checked)?.value).toBe('left');
    const note = root.querySelector('[data-testid="dock-locked"]')!;
    expect(note.textContent).toBe('Set by your organisation');
    expect(root.querySelector('fieldset')!.getAttribute('aria-describedby')).toBe(note.id);
    render(null, root);
    root.remove();
  });
});
