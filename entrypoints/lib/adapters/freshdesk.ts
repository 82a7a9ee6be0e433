/**
 * Freshdesk (Ember, Froala editor).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.2 (compiled 2026-11; none checked against a
 * live page). THIN RECORD: the public sources show the ticket's original request (description) but
 * **no per-message list and no role marker** for the conversation that follows (confidence L). So this
 * adapter reads the description as the customer's message and does not read replies or notes at all:
 * `latestCustomerMessage` is the original request even when the customer wrote again later. Reply vs
 * note mode is not documented either, so the mode is always reported as `public`, and the Froala editor
 * is handed out for public replies only.
 */
import type { TicketContext } from '../../../guidance/types';
import { isEditable, lineOf, normalizeLine, parseNameAndEmail, queryFirst, textOf } from '../dom-text';
import { buildContext, firstShown, message, selectedCustomerMessages, subdomainOf } from './common';
import type { SiteAdapter } from './types';

export const FRESHDESK_SELECTORS = {
  /** Ticket subject. `.ticket-subject-heading` (toggl; clockify 2026-03) — H; newer `.sentiment-ticket-heading`
   *  (clockify 2026-03) — H; the heading may contain an "Add AI summary" control, stripped below. */
  subject: ['.ticket-subject-heading', '.sentiment-ticket-heading'],
  /** Original request. `.ticket-description .text__content` (public userscript) — L;
   *  legacy `#ticket_original_request` (public extension code, older UI) — L. */
  description: ['.ticket-description .text__content', '#ticket_original_request'],
  /** Requester name (public extension code) — L/M. */
  requesterName: ['.requester-wrap [data-test-id="user-name"]'],
  /** Requester e-mail from the contact panel (public extension code) — L/M. */
  requesterEmail: ['[data-test-id="requester-info-contact-email"] .info-details-content'],
  /** Priority (public extension code) — M. */
  priority: ['[data-test-id="tkt-properties-priority"] .ember-power-select-selected-item'],
  /** Tags (toggl, 2021) — L. */
  tags: ['.ticket-tags ul li .tag-options'],
  /** Froala reply editor, present after "Reply" is clicked (public userscript; public test scripts) — M. */
  editor: ['div.fr-element.fr-view[contenteditable="true"]'],
} as const;

const S = FRESHDESK_SELECTORS;

/** `/a/tickets/{id}` (tmetric 2023-12; FDK docs — H) and legacy `/helpdesk/tickets/{id}` — H. */
const TICKET_PATH = /^\/(?:a|helpdesk)\/tickets\/(\d+)\/?$/;

export function isFreshdeskTicketPath(url: URL): boolean {
  return TICKET_PATH.test(url.pathname);
}

function subjectOf(doc: Document): string {
  const heading = queryFirst(doc, S.subject);
  // The AI-summary control is a button in current builds (skipped by textOf); strip its label if not.
  const text = lineOf(heading).replace(/\s*Add AI summary\s*$/i, '');
  if (text) return text;
  // Fallback: the document title, minus a trailing " : Company" / " - Freshdesk" style suffix.
  return normalizeLine((doc.title ?? '').replace(/\s+[-|:]\s+[^-|:]*$/, ''));
}

export const freshdesk: SiteAdapter = {
  id: 'freshdesk',
  label: 'Freshdesk',
  examples: {
    match: [
      'https://northwind-demo.freshdesk.com/a/tickets/1187',
      'https://northwind-demo.freshdesk.com/helpdesk/tickets/1042',
    ],
    noMatch: [
      'https://northwind-demo.freshdesk.com/a/tickets/filters/all_tickets',
      'https://northwind-demo.freshdesk.com/a/tickets/new',
      'https://northwind-demo.freshdesk.com/a/contacts/55',
      'https://northwind-demo.freshdesk.com/support/tickets/1187',
      'https://freshdesk.com/a/tickets/1187',
      'https://northwind.freshdesk.com.evil.example/a/tickets/1187',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'freshdesk.com') && isFreshdeskTicketPath(url);
  },
  extract(doc, url): TicketContext | null {
    const id = TICKET_PATH.exec(url.pathname)?.[1];
    if (!id) return null;
    const subject = subjectOf(doc);
    const description = textOf(queryFirst(doc, S.description));
    const messages = description ? [message('customer', description)] : selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    const requester = {
      ...parseNameAndEmail(lineOf(queryFirst(doc, S.requesterName))),
      ...parseNameAndEmail(lineOf(queryFirst(doc, S.requesterEmail))),
    };
    return buildContext({
      platform: 'freshdesk',
      ticketId: id,
      subject,
      messages,
      requester,
      tags: Array.from(doc.querySelectorAll(S.tags[0])).map((el) => lineOf(el)),
      priority: lineOf(queryFirst(doc, S.priority)) || undefined,
      replyMode: 'public',
      url,
    });
  },
  findEditor(doc, mode) {
    if (mode !== 'public') return null;
    const el = firstShown(Array.from(doc.querySelectorAll(S.editor[0])));
    return isEditable(el) ? el : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    // No documented ticket container: watch the description's section when present.
    return queryFirst(doc, S.description)?.closest('.ticket-description') ?? null;
  },
};
