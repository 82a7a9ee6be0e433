/**
 * Freshservice.
 *
 * From /work/shared/research/helpdesk-dom.md §1.7 (compiled 2026-11; none checked against a live page):
 * URL `https://{sub}.freshservice.com/a/tickets/{id}` (H); subject `[data-test-id="subject-text"]`
 * (M). **Everything else is unknown (L)** — probably the Freshdesk stack, but Freshdesk's own selectors
 * are not reused here on a guess. So: subject; messages only from the agent's selection; the editor is
 * found the generic way; mode is `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { lineOf, queryFirst } from '../dom-text';
import { buildContext, selectedCustomerMessages, subdomainOf } from './common';
import { findGenericEditor } from './generic';
import type { SiteAdapter } from './types';

export const FRESHSERVICE_SELECTORS = {
  subject: ['[data-test-id="subject-text"]'],
} as const;

const TICKET_PATH = /^\/a\/tickets\/(\d+)\/?$/;

export const freshservice: SiteAdapter = {
  id: 'freshservice',
  label: 'Freshservice',
  examples: {
    match: ['https://northwind-demo.freshservice.com/a/tickets/2231', 'https://northwind-demo.freshservice.com/a/tickets/2240'],
    noMatch: [
      'https://northwind-demo.freshservice.com/a/tickets/filters/all',
      'https://northwind-demo.freshservice.com/support/tickets/2231',
      'https://freshservice.com/a/tickets/2231',
      'https://northwind-demo.freshservice.com.evil.example/a/tickets/2231',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'freshservice.com') && TICKET_PATH.test(url.pathname);
  },
  extract(doc, url): TicketContext | null {
    const id = TICKET_PATH.exec(url.pathname)?.[1];
    if (!id) return null;
    const subject = lineOf(queryFirst(doc, FRESHSERVICE_SELECTORS.subject));
    const messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({ platform: 'freshservice', ticketId: id, subject, messages, replyMode: 'public', url });
  },
  findEditor(doc, mode) {
    return mode === 'public' ? findGenericEditor(doc) : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    return queryFirst(doc, FRESHSERVICE_SELECTORS.subject)?.closest('main') ?? null;
  },
};
