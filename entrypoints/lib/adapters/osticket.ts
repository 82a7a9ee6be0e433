/**
 * osTicket staff panel (self-hosted, PHP + pjax; Redactor editor).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §2, read from the open-source code
 * (`osTicket/osTicket`; compiled 2026-11 — M; no live page checked): thread entries
 * `.thread-entry.message` (customer), `.thread-entry.response` (agent), `.thread-entry.note`
 * (internal); subject `.tixTitle h3`; editor Redactor on `textarea#response`.
 *
 * Self-hosted: offered only on domains the user mapped to it; `matchesUrl` checks the path alone.
 * Limits of the record: no body selector is documented, so a message's text is the whole entry's text,
 * which includes the entry's header line (author and date) — it is not cut with a guessed rule.
 * Entries are read in page order (osTicket's default is oldest first; a staff preference can reverse it).
 * When Redactor is active it hides `textarea#response` and edits its own surface (undocumented), so the
 * editor is only handed out while the textarea itself is shown. Mode is always `public`.
 */
import type { AuthorRole, TicketContext } from '../../../guidance/types';
import { isEditable, isHiddenWithin, lineOf, queryFirst, textOf } from '../dom-text';
import { buildContext, isWebUrl, message } from './common';
import type { SiteAdapter } from './types';

export const OSTICKET_SELECTORS = {
  entries: ['.thread-entry'],
  subject: ['.tixTitle h3'],
  editor: ['textarea#response'],
} as const;

const S = OSTICKET_SELECTORS;

/** `/scp/tickets.php?id={id}` (optionally under a sub-path such as `/support/scp/…`). */
const TICKETS_PATH = /^(?:\/[\w.-]+)*\/scp\/tickets\.php$/;

export function osticketTicketId(url: URL): string | null {
  if (!TICKETS_PATH.test(url.pathname)) return null;
  const id = url.searchParams.get('id');
  return id && /^\d+$/.test(id) && !url.searchParams.has('a') ? id : null;
}

function roleOf(entry: Element): AuthorRole | null {
  if (entry.classList.contains('message')) return 'customer';
  if (entry.classList.contains('response')) return 'agent';
  if (entry.classList.contains('note')) return 'internal';
  return null;
}

export const osticket: SiteAdapter = {
  id: 'osticket',
  label: 'osTicket (self-hosted)',
  examples: {
    match: ['https://support.northwind-trail.example/scp/tickets.php?id=3051', 'https://intranet.example.org/helpdesk/scp/tickets.php?id=12'],
    noMatch: [
      'https://support.northwind-trail.example/scp/tickets.php',
      'https://support.northwind-trail.example/scp/tickets.php?status=open',
      'https://support.northwind-trail.example/scp/tickets.php?id=3051&a=print',
      'https://support.northwind-trail.example/tickets.php?id=3051',
    ],
  },
  matchesUrl(url) {
    return isWebUrl(url) && osticketTicketId(url) !== null;
  },
  extract(doc, url): TicketContext | null {
    const id = osticketTicketId(url);
    if (!id) return null;
    const messages = [];
    for (const entry of Array.from(doc.querySelectorAll(S.entries[0]))) {
      if (isHiddenWithin(entry)) continue;
      const role = roleOf(entry);
      if (!role) continue;
      const text = textOf(entry);
      if (text) messages.push(message(role, text));
    }
    const subject = lineOf(queryFirst(doc, S.subject));
    if (!subject && messages.length === 0) return null;
    return buildContext({ platform: 'osticket', ticketId: id, subject, messages, replyMode: 'public', url });
  },
  findEditor(doc, mode) {
    if (mode !== 'public') return null;
    const el = doc.querySelector(S.editor[0]);
    return el && isEditable(el) && !isHiddenWithin(el) ? el : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    return queryFirst(doc, S.entries)?.parentElement ?? null;
  },
};
