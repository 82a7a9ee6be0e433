/**
 * Dates on NLU++ (Casanueva et al. 2022): single-date slots (date, date_from, date_to), resolved
 * against the set's reference date (Tuesday 15 March 2022: "today" is labelled 2022-03-15).
 * Run alone: `npx tsx tests/eval/dates.ts [--errors]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDates } from '../../guidance/understand/dates';
import type { EvalSection } from './types';

const DATA = join(import.meta.dirname, '../../../shared/data/nlupp');
export const NLUPP_REFERENCE_DATE = '2022-03-15';

interface Span {
  slot: string;
  text: string;
  start: number;
  end: number;
  value: unknown;
}
interface Utterance {
  text: string;
  spans?: Span[];
}

const DATE_SLOTS = new Set(['date', 'date_from', 'date_to']);
const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

function iso(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as { day?: number; month?: number; year?: number };
  if (typeof o.day !== 'number' || typeof o.month !== 'number' || typeof o.year !== 'number') return undefined;
  return `${o.year}-${String(o.month).padStart(2, '0')}-${String(o.day).padStart(2, '0')}`;
}

export interface DateEval {
  spans: number;
  found: number;
  exact: number;
  monthDay: number;
  pastSpans: number;
  pastExact: number;
  futureSpans: number;
  futureExact: number;
  extra: number;
  utterances: number;
  errors: string[];
}

export function run(): DateEval {
  const rows = readFileSync(join(DATA, 'dates.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Utterance);
  const r: DateEval = { spans: 0, found: 0, exact: 0, monthDay: 0, pastSpans: 0, pastExact: 0, futureSpans: 0, futureExact: 0, extra: 0, utterances: rows.length, errors: [] };
  for (const u of rows) {
    const got = extractDates(u.text, NLUPP_REFERENCE_DATE);
    const spans = u.spans ?? [];
    for (const s of spans) {
      if (!DATE_SLOTS.has(s.slot)) continue;
      const gold = iso(s.value);
      if (!gold) continue;
      r.spans++;
      const past = gold <= NLUPP_REFERENCE_DATE;
      if (past) r.pastSpans++;
      else r.futureSpans++;
      const d = got.find((g) => g.start < s.end && g.end > s.start);
      if (!d) {
        r.errors.push(`missed "${s.text}" (${gold}): ${u.text}`);
        continue;
      }
      r.found++;
      if (d.date.slice(5) === gold.slice(5)) r.monthDay++;
      if (d.date === gold) {
        r.exact++;
        if (past) r.pastExact++;
        else r.futureExact++;
      } else r.errors.push(`"${s.text}" → ${d.date}, gold ${gold}: ${u.text}`);
    }
    for (const g of got) {
      if (!spans.some((s) => g.start < s.end && g.end > s.start)) {
        r.extra++;
        r.errors.push(`extra "${g.text}" → ${g.date}: ${u.text}`);
      }
    }
  }
  return r;
}

export async function evaluate(): Promise<EvalSection> {
  const title = `Dates — NLU++ (reference date ${NLUPP_REFERENCE_DATE})`;
  if (!existsSync(join(DATA, 'dates.jsonl'))) return { title, rows: [], notes: [`data not found at ${DATA}`] };
  const r = run();
  return {
    title,
    rows: [
      { metric: 'date found (span overlap)', value: pct(r.found, r.spans), count: `${r.found}/${r.spans}` },
      { metric: 'exact date, all spans', value: pct(r.exact, r.spans), count: `${r.exact}/${r.spans}` },
      { metric: 'exact date, gold on or before the reference date', value: pct(r.pastExact, r.pastSpans), count: `${r.pastExact}/${r.pastSpans}` },
      { metric: 'exact date, gold after the reference date', value: pct(r.futureExact, r.futureSpans), count: `${r.futureExact}/${r.futureSpans}` },
      { metric: 'day and month right (year ignored)', value: pct(r.monthDay, r.spans), count: `${r.monthDay}/${r.spans}` },
      { metric: 'dates found outside any labelled span', value: r.extra, count: `in ${r.utterances} utterances` },
    ],
    notes: [
      'Slots scored: date, date_from, date_to with a full day/month/year value; periods ("this month", "next 8 months") and times are not scored.',
      "Tactline's policy differs from NLU++'s for dates without a year: a ticket talks about the past, so \"January 10th\" resolves to the most recent past one (NLU++, a banking assistant, often labels the next one). That is why the row for gold dates after the reference date is lower; explicit future wording (\"tomorrow\", \"in 7 days\", \"next Tuesday\", \"by Friday\") is resolved forward.",
      '"Dates found outside any labelled span" counts dates the extractor returns where NLU++ labels nothing (often a real date that the set labels as a time or period).',
      'NLU++ is both the tuning and the test set here (there is no separate split).',
    ],
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const r = run();
  console.log(`found ${r.found}/${r.spans}, exact ${r.exact}, past ${r.pastExact}/${r.pastSpans}, future ${r.futureExact}/${r.futureSpans}, month-day ${r.monthDay}, extra ${r.extra}`);
  if (process.argv.includes('--errors')) for (const e of r.errors) console.log('  ' + e);
}
