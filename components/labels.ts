/**
 * Translated labels shared by the popup, the "Can I…?" page and the options page: where a pack came
 * from, what a search hit is, pack content counts, limit outcomes, percentages and money in the UI
 * language. Pack content itself (names, phrases, policy titles) is never translated here.
 */
import type { DecisionView, SearchHitView } from '@/guidance/protocol';
import { formatAmount } from '@/guidance/limits/format';
import { fmtNumber, t, tn, uiLanguage, type MessageKey } from './i18n';

const SOURCE_KEY: Record<string, MessageKey> = {
  bundled: 'opSrcBundled',
  file: 'opSrcFile',
  url: 'opSrcUrl',
  policy: 'opSrcPolicy',
  rollback: 'opSrcRollback',
};

/** "Pack URL", "Imported file" … for a pack source id; an unknown id is shown as it is. */
export function sourceLabel(source: string): string {
  const key = SOURCE_KEY[source];
  return key ? t(key) : source;
}

const KIND_KEY: Record<SearchHitView['kind'], MessageKey> = {
  phrase: 'ppKindPhrase',
  policy: 'ppKindPolicy',
  intent: 'ppKindIntent',
  limit: 'ppKindLimit',
  scenario: 'ppKindScenario',
  avoid: 'ppKindAvoid',
};

export function kindLabel(kind: string): string {
  const key = KIND_KEY[kind as SearchHitView['kind']];
  return key ? t(key) : kind;
}

const OUTCOME_KEY: Record<DecisionView['outcome'], MessageKey> = {
  allowed: 'outAllowed',
  'needs-approval': 'outApproval',
  'not-allowed': 'outNot',
  'needs-info': 'outInfo',
};

/** Short outcome of a limit decision ("Needs approval"), as in the sidebar. */
export function outcomeLabel(outcome: string): string {
  const key = OUTCOME_KEY[outcome as DecisionView['outcome']];
  return key ? t(key) : outcome;
}

export interface PackCounts {
  intents: number;
  phrases: number;
  policies: number;
  limits: number;
  avoid: number;
  scenarios?: number;
}

/** "12 intents · 1 phrase · …" with the UI language's plural forms. */
export function packCountsLine(c: PackCounts, withScenarios = false): string {
  const parts = [
    tn(c.intents, 'ppNIntent1', 'ppNIntent'),
    tn(c.phrases, 'ppNPhrase1', 'ppNPhrase'),
    tn(c.policies, 'ppNPolicy1', 'ppNPolicy'),
    tn(c.limits, 'ppNLimit1', 'ppNLimit'),
    tn(c.avoid, 'ppNAvoid1', 'ppNAvoid'),
  ];
  if (withScenarios && c.scenarios !== undefined) parts.push(tn(c.scenarios, 'ppNScenario1', 'ppNScenario'));
  return parts.join(' · ');
}

/** A 0–1 score as a whole percentage in the UI language ("99 %" in German). */
export function fmtPercent(score: number): string {
  try {
    return new Intl.NumberFormat(uiLanguage(), { style: 'percent', maximumFractionDigits: 0 }).format(score);
  } catch {
    return `${Math.round(score * 100)}%`;
  }
}

/** Money in the UI language with its own (pack or ticket) currency; a plain number without one. */
export function fmtMoney(value: number, currency?: string): string {
  return currency ? formatAmount(value, currency, uiLanguage()) : fmtNumber(value);
}

/** A duration in minutes, "30 minutes" / "1 Minute". */
export function fmtMinutes(minutes: number): string {
  return tn(minutes, 'opMinutes1', 'opMinutes');
}

/** A calendar day in the UI language ("28.05.2026"); a date-only ISO string is read as that day, not shifted by time zone. */
export function fmtDay(iso: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', ...(dateOnly ? { timeZone: 'UTC' } : {}) };
  try {
    return d.toLocaleDateString(uiLanguage(), opts);
  } catch {
    return d.toLocaleDateString('en', opts);
  }
}

/** Why a pack or policy is listed as stale, in the UI language (the background's English reason as the fallback). */
export function staleReason(s: { kind: string; severity: string; reason: string; date?: string }, now = Date.now()): string {
  if (s.severity === 'review-overdue') {
    if (!s.date) return t('opStaleNever');
    const days = Math.floor((now - new Date(/^\d{4}-\d{2}-\d{2}$/.test(s.date) ? `${s.date}T00:00:00Z` : s.date).getTime()) / 86_400_000);
    return Number.isFinite(days) ? t('opStaleVerified', fmtDay(s.date), tn(days, 'opDaysAgo1', 'opDaysAgo')) : s.reason;
  }
  if (!s.date) return s.reason;
  if (s.severity === 'expired') return t(s.kind === 'pack' ? 'opStalePackExpired' : 'opStaleExpired', fmtDay(s.date));
  if (s.severity === 'expires-soon') return t(s.kind === 'pack' ? 'opStalePackExpires' : 'opStaleExpires', fmtDay(s.date));
  return s.reason;
}
