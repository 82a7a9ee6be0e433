/**
 * Placeholders in pack phrases: {{customer.firstName}}, {{customer.name}}, {{agent.name}},
 * {{agent.firstName}}, {{ticket.id}}, {{order.id}}, {{company.name}}, {{amount}}.
 * Filled from the ticket; an unresolved placeholder stays visibly marked ("[customer first name]")
 * and is listed, so the agent fills it before sending. Values are plain text, never markup.
 */

import type { Pack } from './pack/types';
import type { Signals, TicketContext } from './types';
import { formatAmount } from './limits/format';

export const PLACEHOLDER_LABELS: Readonly<Record<string, string>> = {
  'customer.firstName': 'customer first name',
  'customer.name': 'customer name',
  'agent.name': 'your name',
  'agent.firstName': 'your first name',
  'ticket.id': 'ticket number',
  'order.id': 'order number',
  'company.name': 'company name',
  amount: 'amount',
};

export interface FillSegment {
  text: string;
  /** The placeholder key, for segments that came from a placeholder. */
  placeholder?: string;
  resolved: boolean;
}

export interface FillResult {
  text: string;
  /** Keys of placeholders left unresolved, in order of first appearance. */
  unresolved: string[];
  segments: FillSegment[];
}

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)*)\s*\}\}/g;

/** The visible marker for an unresolved placeholder: "[customer first name]". */
export function placeholderMarker(key: string): string {
  const label = PLACEHOLDER_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._]+/g, ' ').toLowerCase();
  return `[${label}]`;
}

export function fillPlaceholders(text: string, values: Record<string, string | undefined>): FillResult {
  const segments: FillSegment[] = [];
  const unresolved: string[] = [];
  let last = 0;
  PLACEHOLDER_RE.lastIndex = 0;
  for (let m = PLACEHOLDER_RE.exec(text); m; m = PLACEHOLDER_RE.exec(text)) {
    if (m.index > last) segments.push({ text: text.slice(last, m.index), resolved: true });
    const key = m[1]!;
    const raw = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
    const value = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
    if (value) {
      segments.push({ text: value, placeholder: key, resolved: true });
    } else {
      segments.push({ text: placeholderMarker(key), placeholder: key, resolved: false });
      if (!unresolved.includes(key)) unresolved.push(key);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), resolved: true });
  return { text: segments.map((s) => s.text).join(''), unresolved, segments };
}

/** Mailbox names that are not a person. */
const ROLE_MAILBOXES = new Set([
  'info', 'support', 'help', 'helpdesk', 'service', 'services', 'sales', 'admin', 'administrator', 'office', 'contact',
  'hello', 'hi', 'team', 'noreply', 'no', 'reply', 'mail', 'email', 'billing', 'accounts', 'accounting', 'finance',
  'orders', 'order', 'shop', 'store', 'customer', 'customers', 'webmaster', 'postmaster', 'it', 'hr', 'jobs', 'care',
  'user', 'test', 'mailer', 'daemon', 'notifications', 'notification', 'feedback', 'enquiries', 'inquiries', 'me',
]);

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam', 'dame', 'herr', 'frau', 'mme', 'mlle', 'm']);

const NOT_A_NAME = new Set(['customer', 'unknown', 'anonymous', 'guest', 'user', 'visitor', 'n/a', 'na', 'none']);

function titleCase(word: string): string {
  // Keep mixed case as written ("McDonald"); fix all-lower / all-upper.
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) return word;
  return word
    .toLowerCase()
    .split(/([-'’])/)
    .map((p) => (p.length > 0 && /\p{L}/u.test(p[0]!) ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join('');
}

/** A display name that is a person's name (not an email address, not "Customer"). */
function personName(name: string | undefined): string | undefined {
  const n = name?.replace(/\s+/g, ' ').replace(/^["'“”]+|["'“”]+$/g, '').trim();
  if (!n || n.includes('@') || /\d{3,}/.test(n) || NOT_A_NAME.has(n.toLowerCase())) return undefined;
  if (!/\p{L}/u.test(n)) return undefined;
  return n;
}

/** First name from a display name: "Ada Example" → "Ada", "Example, Ada" → "Ada", "Dr. Ada Example" → "Ada". */
export function firstNameOf(name: string | undefined): string | undefined {
  const n = personName(name);
  if (!n) return undefined;
  let words: string[];
  if (n.includes(',')) {
    const [last, rest] = n.split(',', 2);
    words = (rest ?? '').trim().split(' ').filter(Boolean);
    if (!words.length) words = (last ?? '').trim().split(' ');
  } else {
    words = n.split(' ');
  }
  const first = words.find((w) => !TITLES.has(w.toLowerCase().replace(/\.$/, '')) && /\p{L}/u.test(w));
  if (!first) return undefined;
  return titleCase(first.replace(/[^\p{L}\p{M}'’-]/gu, '')) || undefined;
}

/** First name from an email local part when it looks like one: "ada.example@…" → "Ada". */
export function firstNameFromEmail(email: string | undefined): string | undefined {
  const local = email?.trim().toLowerCase().split('@')[0];
  if (!local || !email?.includes('@')) return undefined;
  const parts = local.split(/[._+-]+/).filter(Boolean);
  const first = parts[0];
  if (!first || parts.length > 4) return undefined;
  if (!/^\p{L}{2,20}$/u.test(first) || ROLE_MAILBOXES.has(first)) return undefined;
  // A single run like "jsmith" or "adaexample" is ambiguous; only accept it when short and with vowels.
  if (parts.length === 1 && (first.length > 10 || !/[aeiouy]/.test(first))) return undefined;
  if (!/[aeiouyäöüéèáíóú]/u.test(first)) return undefined;
  return titleCase(first);
}

export function placeholderValues(context: TicketContext, signals: Signals, pack: Pack): Record<string, string | undefined> {
  const name = personName(context.requester.name);
  const agent = personName(context.agentName);
  const order = signals.references.find((r) => r.kind === 'order');
  const distinct = new Map<string, (typeof signals.amounts)[number]>();
  for (const a of signals.amounts) if (a.source === 'ticket') distinct.set(`${a.value}|${a.currency ?? ''}`, a);
  const onlyAmount = distinct.size === 1 ? [...distinct.values()][0] : undefined;
  return {
    'customer.firstName': firstNameOf(name) ?? firstNameFromEmail(context.requester.email),
    'customer.name': name,
    'agent.name': agent,
    'agent.firstName': firstNameOf(agent),
    'ticket.id': context.ticketId?.trim() || undefined,
    'order.id': order?.value,
    'company.name': pack.company?.name?.trim() || undefined,
    amount: onlyAmount ? formatAmount(onlyAmount.value, onlyAmount.currency, pack.locale ?? 'en') : undefined,
  };
}
