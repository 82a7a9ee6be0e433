/**
 * Gorgias.
 *
 * From /work/shared/research/helpdesk-dom.md §1.7 (compiled 2026-11): ticket URLs
 * `https://{sub}.gorgias.com/app/ticket/{id}` and `/app/views/{viewId}/{ticketId}` (public extension
 * code — M). **No DOM selectors are on record (L)**: Tactline reads nothing from the page by itself
 * here. When the agent selects the customer's text, that selection is the customer's message; the
 * editor is found the generic way (focused, else the largest visible editor); mode is `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { buildContext, selectedCustomerMessages, subdomainOf } from './common';
import { findGenericEditor } from './generic';
import type { SiteAdapter } from './types';

const TICKET_PATH = /^\/app\/ticket\/(\d+)\/?$/;
const VIEW_TICKET_PATH = /^\/app\/views\/\d+\/(\d+)\/?$/;

function ticketId(url: URL): string | null {
  return (TICKET_PATH.exec(url.pathname) ?? VIEW_TICKET_PATH.exec(url.pathname))?.[1] ?? null;
}

export const gorgias: SiteAdapter = {
  id: 'gorgias',
  label: 'Gorgias',
  examples: {
    match: ['https://northwind-demo.gorgias.com/app/ticket/33012845', 'https://northwind-demo.gorgias.com/app/views/1200417/33012846'],
    noMatch: [
      'https://northwind-demo.gorgias.com/app/views/1200417',
      'https://northwind-demo.gorgias.com/app/customer/5512',
      'https://gorgias.com/app/ticket/33012845',
      'https://northwind-demo.gorgias.com.evil.example/app/ticket/33012845',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'gorgias.com') && ticketId(url) !== null;
  },
  extract(doc, url): TicketContext | null {
    const id = ticketId(url);
    const messages = selectedCustomerMessages(doc);
    if (!id || messages.length === 0) return null;
    return buildContext({ platform: 'gorgias', ticketId: id, subject: '', messages, replyMode: 'public', url });
  },
  findEditor(doc, mode) {
    return mode === 'public' ? findGenericEditor(doc) : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot() {
    return null;
  },
};
