// @vitest-environment happy-dom
/**
 * Options → Local insights (components/options/Insights.tsx) against a fake background: empty state,
 * charts with their tables, the locked switch, switching off, export through a Blob download and
 * clear behind a confirmation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { emptyAggregate, record, summarize, type InsightEvent } from '@/guidance/insights';
import type { InsightsView } from '@/guidance/protocol';

const calls: Array<[string, unknown]> = [];
let view: InsightsView;
vi.mock('@/entrypoints/lib/messaging', () => ({
  request: async (type: string, payload: unknown) => {
    calls.push([type, payload]);
    if (type === 'insights/get' || type === 'insights/clear') return view;
    if (type === 'insights/export') return { filename: 'tactline-insights-2026-11-25.csv', mime: 'text/csv;charset=utf-8', text: 'date,kind,id,title,outcome,source,count\r\n' };
    if (type === 'settings/set') {
      view = { ...view, enabled: (payload as { insights: boolean }).insights };
      return {};
    }
    throw new Error(`unexpected ${type}`);
  },
}));
const { InsightsSection } = await import('@/components/options/Insights');

const NOW = new Date(2026, 10, 25, 12);
function viewWith(events: InsightEvent[], over: Partial<InsightsView> = {}): InsightsView {
  const agg = events.reduce((a, e) => record(a, e, NOW).agg, emptyAggregate());
  return { enabled: true, locked: false, pack: { id: 'acme', name: 'Acme', version: 1 }, retentionDays: 180, summary: summarize(agg, { now: NOW, days: 30 }), ...over };
}

let root: HTMLElement;
async function mount() {
  root = document.createElement('div');
  document.body.append(root);
  await act(async () => {
    render(<InsightsSection />, root);
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
async function click(sel: string) {
  await act(async () => {
    $(sel)!.click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  calls.length = 0;
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('InsightsSection', () => {
  it('empty: explains what will appear, says the data never leaves, the switch is a labelled checkbox', async () => {
    view = viewWith([]);
    await mount();
    expect(calls[0]).toEqual(['insights/get', { days: 30 }]);
    expect($('[data-testid="insights-empty"]')!.textContent).toMatch(/Nothing counted yet.*phrases they insert/s);
    expect($('[data-testid="insights-privacy"]')!.textContent).toMatch(/Kept only in this browser; never sent\./);
    const box = $('#insights-on') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(true);
    expect(root.querySelector('label[for="insights-on"]')!.textContent).toBe('Count usage in this browser');
    expect($('[data-testid="insights-top-phrases"]')).toBeNull();
  });

  it('with data: totals, charts and a table with the numbers for each chart', async () => {
    view = viewWith([
      { kind: 'phrase-inserted', id: 'p.one' },
      { kind: 'phrase-inserted', id: 'p.one' },
      { kind: 'phrase-inserted', id: 'p.two' },
      { kind: 'avoid-fired', ruleId: 'r.calm' },
      { kind: 'avoid-fired', ruleId: 'r.calm' },
      { kind: 'avoid-accepted', ruleId: 'r.calm' },
      { kind: 'limit-checked', action: 'refund', outcome: 'needs-approval', source: 'ticket' },
      { kind: 'limit-checked', action: 'refund', outcome: 'allowed', source: 'can-i' },
    ]);
    await mount();
    expect($('[data-testid="insights-phrases-total"]')!.textContent).toBe('3');
    expect($('[data-testid="insights-limits-total"]')!.textContent).toBe('2');
    const svg = root.querySelector('[data-testid="insights-per-day"] svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/^3 phrases inserted from .+; busiest day .+ with 3\.$/);
    expect(svg.querySelectorAll('rect')).toHaveLength(1);
    const perDayRows = root.querySelectorAll('[data-testid="insights-per-day"] tbody tr');
    expect(perDayRows).toHaveLength(30);
    const top = [...root.querySelectorAll('[data-testid="insights-top-phrases"] tbody tr')].map((tr) => [tr.getAttribute('data-phrase-id'), tr.querySelector('.tl-num')!.textContent]);
    expect(top).toEqual([['p.one', '2'], ['p.two', '1']]);
    // Ids not in the pack (no pack given to summarize here) are marked.
    expect($('[data-testid="insights-top-phrases"] .tl-tag')!.textContent).toBe('no longer in the pack');
    const avoid = [...root.querySelectorAll('[data-testid="insights-avoid"] tbody tr td.tl-num')].map((td) => td.textContent);
    expect(avoid).toEqual(['2', '1', '0', '50%']);
    const limit = [...root.querySelectorAll('[data-testid="insights-limits"] tr[data-limit="refund"] td.tl-num')].map((td) => td.textContent);
    expect(limit).toEqual(['1', '1', '0', '0', '2']);
    expect(root.querySelectorAll('[data-testid="insights-limits"] .tl-in-seg')).toHaveLength(2);
    for (const chart of ['insights-top-phrases', 'insights-avoid', 'insights-limits']) {
      const table = root.querySelector(`[data-testid="${chart}"] table`)!;
      expect(document.getElementById(table.getAttribute('aria-labelledby')!)?.textContent, chart).toBeTruthy();
    }
  });

  it('the period picker asks for 7 and 90 days', async () => {
    view = viewWith([]);
    await mount();
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[name="insights-period"]')];
    expect(radios.map((r) => r.parentElement!.textContent)).toEqual(['Last 7 days', 'Last 30 days', 'Last 90 days']);
    await act(async () => {
      radios[2]!.click();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(calls.at(-1)).toEqual(['insights/get', { days: 90 }]);
  });

  it('locked by policy: the switch is disabled and says so', async () => {
    view = viewWith([], { locked: true, enabled: false });
    await mount();
    const box = $('#insights-on') as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect($('#insights-switch-help')!.textContent).toBe('Set by your organisation');
    expect($('[data-testid="insights-off"]')!.textContent).toMatch(/nothing new is counted/);
  });

  it('switching off saves settings/set {insights:false} and shows the off note', async () => {
    view = viewWith([]);
    await mount();
    await click('#insights-on');
    expect(calls).toContainEqual(['settings/set', { insights: false }]);
    expect(($('#insights-on') as HTMLInputElement).checked).toBe(false);
    expect($('[data-testid="insights-off"]')).not.toBeNull();
  });

  it('export downloads the text through a Blob URL and a download link with the dated file name', async () => {
    view = viewWith([]);
    await mount();
    const blobs: Blob[] = [];
    const names: string[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:fake'));
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await click('[data-action="insights-csv"]');
    expect(calls).toContainEqual(['insights/export', { format: 'csv', days: 30 }]);
    expect(names).toEqual(['tactline-insights-2026-11-25.csv']);
    expect(await blobs[0]!.text()).toBe('date,kind,id,title,outcome,source,count\r\n');
    expect(blobs[0]!.type).toMatch(/^text\/csv/);
    expect($('[data-testid="insights-msg"]')!.textContent).toBe('Saved tactline-insights-2026-11-25.csv.');
    create.mockRestore();
    clickSpy.mockRestore();
  });

  it('clear asks first; Cancel sends nothing; Delete clears', async () => {
    view = viewWith([{ kind: 'phrase-inserted', id: 'p.one' }]);
    await mount();
    await click('[data-action="insights-clear"]');
    expect($('#insights-confirm-q')!.textContent).toMatch(/cannot be undone/);
    expect(document.activeElement).toBe($('[data-action="insights-clear-yes"]'));
    await click('[data-action="insights-clear-no"]');
    expect(calls.some(([t]) => t === 'insights/clear')).toBe(false);
    await click('[data-action="insights-clear"]');
    view = viewWith([]);
    await click('[data-action="insights-clear-yes"]');
    expect(calls.some(([t]) => t === 'insights/clear')).toBe(true);
    expect($('[data-testid="insights-empty"]')).not.toBeNull();
    expect($('[data-testid="insights-msg"]')!.textContent).toBe('All insight counts were deleted.');
  });
});
