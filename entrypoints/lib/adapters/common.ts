/**
 * Helpers shared by the site adapters: host matching, assembling a TicketContext with the size caps,
 * channel words, and "first element not hidden by markup".
 */
import type { AuthorRole, Channel, Platform, ReplyMode, Requester, TicketContext, TicketMessage } from '../../../guidance/types';
import { isHiddenWithin, isoDatePart, LIMITS, normalizeLine, textOf } from '../dom-text';

/** Exact host match (case-insensitive; URL already lower-cases hosts). */
export function hostIs(url: URL, host: string): boolean {
  return url.hostname === host;
}

/** The host is `suffix` itself or a subdomain of it: never `includes` (x.com must not match fox.com). */
export function hostUnder(url: URL, suffix: string): boolean {
  const h = url.hostname;
  return h === suffix || h.endsWith(`.${suffix}`);
}

/** A strict subdomain of `suffix` (e.g. `{sub}.zendesk.com`, not `zendesk.com` itself). */
export function subdomainOf(url: URL, suffix: string): boolean {
  return url.hostname.endsWith(`.${suffix}`) && url.hostname.length > suffix.length + 1;
}

export function isWebUrl(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** Map words a helpdesk shows for a channel ("Via email", "Web form", "Chat") to a Channel; unknown → undefined. */
export function channelFromWords(text: string | null | undefined): Channel | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase();
  if (/\b(e-?mail|mail)\b/.test(t)) return 'email';
  if (/\b(chat|messaging|messenger|live chat)\b/.test(t)) return 'chat';
  if (/\b(phone|voice|call|voicemail|sms|text message)\b/.test(t)) return 'phone';
  if (/\b(facebook|twitter|instagram|whatsapp|x corp|social|linkedin)\b/.test(t)) return 'social';
  if (/\b(web ?form|web widget|help ?center|portal|web)\b/.test(t)) return 'web';
  if (/\b(api)\b/.test(t)) return 'api';
  return undefined;
}

/** First element of the list not hidden by markup (own or ancestor `hidden` / `aria-hidden` / inline display:none). */
export function firstShown<T extends Element>(list: Iterable<T>, stop: Element | null = null): T | null {
  for (const el of list) if (!isHiddenWithin(el, stop)) return el;
  return null;
}

export interface ContextInput {
  platform: Platform;
  ticketId: string;
  subject: string;
  messages: TicketMessage[];
  requester?: Requester;
  tags?: string[];
  priority?: string;
  channel?: Channel;
  replyMode: ReplyMode;
  agentName?: string;
  url: URL;
}

/**
 * Assemble a TicketContext: drop empty messages, keep the newest `LIMITS.messages`, derive
 * `latestCustomerMessage` (newest customer message) and `referenceDate` (date of the newest timestamped
 * message), dedupe tags, and omit optional fields that were not found.
 */
export function buildContext(input: ContextInput): TicketContext {
  let messages = input.messages.filter((m) => m.text.length > 0);
  if (messages.length > LIMITS.messages) messages = messages.slice(messages.length - LIMITS.messages);
  const latestCustomer = [...messages].reverse().find((m) => m.role === 'customer');
  let newest: { t: number; iso: string } | undefined;
  for (const m of messages) {
    if (!m.at) continue;
    const t = Date.parse(m.at);
    if (!Number.isNaN(t) && (!newest || t >= newest.t)) newest = { t, iso: m.at };
  }
  const requester: Requester = {};
  if (input.requester?.name) requester.name = normalizeLine(input.requester.name);
  if (input.requester?.email) requester.email = input.requester.email;
  const tags: string[] = [];
  for (const raw of input.tags ?? []) {
    const tag = normalizeLine(raw);
    if (tag && !tags.includes(tag) && tags.length < LIMITS.tags) tags.push(tag);
  }
  const ctx: TicketContext = {
    platform: input.platform,
    ticketId: input.ticketId,
    subject: normalizeLine(input.subject),
    messages,
    latestCustomerMessage: latestCustomer?.text ?? '',
    requester,
    tags,
    replyMode: input.replyMode,
    url: input.url.href,
  };
  const priority = input.priority ? normalizeLine(input.priority).toLowerCase() : '';
  if (priority) ctx.priority = priority;
  if (input.channel) ctx.channel = input.channel;
  if (input.agentName) ctx.agentName = normalizeLine(input.agentName);
  const referenceDate = isoDatePart(newest?.iso);
  if (referenceDate) ctx.referenceDate = referenceDate;
  return ctx;
}

/** Build one message, omitting author/at when absent. */
export function message(role: AuthorRole, text: string, author?: string, at?: string): TicketMessage {
  const m: TicketMessage = { role, text };
  if (author) m.author = normalizeLine(author);
  if (at) m.at = at;
  return m;
}

/** CSS attribute-value escaping for ids read from the page or URL (digits/letters only reach here, but be safe). */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The user's text selection, read from cloned ranges (no layout, no change to the page). Selections
 * inside editors are ignored: that is the agent's own draft, not the ticket.
 */
export function selectionText(doc: Document): string {
  const sel = doc.getSelection?.() ?? doc.defaultView?.getSelection?.() ?? null;
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return '';
  const parts: string[] = [];
  for (let i = 0; i < sel.rangeCount; i++) {
    const range = sel.getRangeAt(i);
    const container = range.commonAncestorContainer;
    const el = container.nodeType === 1 ? (container as Element) : container.parentElement;
    if (el?.closest('textarea, input, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]')) continue;
    parts.push(textOf(range.cloneContents()));
  }
  return parts.join('\n\n').trim();
}

/**
 * For adapters whose public record has no reliable message markup: the text the agent selected, as
 * the customer's message (the agent chose it), or nothing.
 */
export function selectedCustomerMessages(doc: Document): TicketMessage[] {
  const text = selectionText(doc);
  return text ? [message('customer', text)] : [];
}

/** Closest element containing both `a` and `b` (light DOM), or null when it would be <body>/<html>. */
export function commonAncestor(a: Element | null, b: Element | null): Element | null {
  if (!a || !b) return null;
  for (let cur: Element | null = a.parentElement; cur; cur = cur.parentElement) {
    if (cur.contains(b)) return cur.localName === 'body' || cur.localName === 'html' ? null : cur;
  }
  return null;
}
