/**
 * Zoho Desk.
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.7 (compiled 2026-11; none checked against a
 * live page). THIN RECORD: the ticket detail container `.zd_v2-ticketdetailview-container
 * [data-id="subTab_{id}"]`, the subject `[data-id="caseSubjectText"]` and thread content
 * `[data-id="threadContent"]` are known (M/L: clockify 2025-04; public extension code), but **no role
 * marker** for threads and **no editor** is documented. So: subject from the container of the ticket
 * in the URL (several sub-tabs can be mounted), messages only from the agent's selection, no editor
 * (Tactline offers copy instead of insert), mode always `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { lineOf } from '../dom-text';
import { buildContext, cssString, hostIs, selectedCustomerMessages } from './common';
import type { SiteAdapter } from './types';

export const ZOHO_SELECTORS = {
  container: (id: string) => `.zd_v2-ticketdetailview-container[data-id=${cssString(`subTab_${id}`)}]`,
  subject: '[data-id="caseSubjectText"]',
} as const;

const S = ZOHO_SELECTORS;

/** Regional Zoho Desk hosts (H: desk.zoho.{com,eu,in,…}). */
const HOSTS = ['desk.zoho.com', 'desk.zoho.eu', 'desk.zoho.in', 'desk.zoho.com.au', 'desk.zoho.jp', 'desk.zoho.com.cn', 'desk.zoho.ca', 'desk.zoho.sa', 'desk.zoho.uk'];
/** `/agent/{portal}/{dept}/tickets/details/{id}` (H). */
const DETAILS_PATH = /^\/agent\/[\w.-]+\/[\w.-]+\/tickets\/details\/(\d+)\/?$/;

export const zoho: SiteAdapter = {
  id: 'zoho',
  label: 'Zoho Desk',
  examples: {
    match: [
      'https://desk.zoho.eu/agent/northwinddemo/customer-care/tickets/details/418000000123045',
      'https://desk.zoho.com/agent/northwinddemo/customer-care/tickets/details/418000000123099',
    ],
    noMatch: [
      'https://desk.zoho.eu/agent/northwinddemo/customer-care/tickets/list/all-cases',
      'https://desk.zoho.eu/agent/northwinddemo/customer-care/contacts/details/418000000000777',
      'https://desk.zoho.eu.evil.example/agent/northwinddemo/customer-care/tickets/details/418000000123045',
      'https://zoho.eu/agent/northwinddemo/customer-care/tickets/details/418000000123045',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && HOSTS.some((h) => hostIs(url, h)) && DETAILS_PATH.test(url.pathname);
  },
  extract(doc, url): TicketContext | null {
    const id = DETAILS_PATH.exec(url.pathname)?.[1];
    if (!id) return null;
    const container = doc.querySelector(S.container(id));
    let subjectEl = container?.querySelector(S.subject) ?? null;
    if (!container) {
      // No container markup: accept a page-wide subject only when it is unambiguous.
      const all = doc.querySelectorAll(S.subject);
      subjectEl = all.length === 1 ? all[0]! : null;
    }
    const subject = lineOf(subjectEl);
    const messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({ platform: 'zoho', ticketId: id, subject, messages, replyMode: 'public', url });
  },
  findEditor() {
    return null; // no editor is documented for Zoho Desk
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    const m = /\/tickets\/details\/(\d+)/.exec(doc.location?.pathname ?? '');
    return m ? doc.querySelector(S.container(m[1]!)) : null;
  },
};
