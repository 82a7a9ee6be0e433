/**
 * FreeScout (self-hosted, Laravel; Summernote editor).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §2, read from the open-source code
 * (`freescout-helpdesk/freescout`, `app/Thread.php`; compiled 2026-11 — M; no live page checked):
 * threads `.thread[data-thread_id]` with body `.thread-body`; type classes `thread-type-customer`,
 * `thread-type-message` (agent reply), `thread-type-note` (internal); subject `.conv-subjtext > span`;
 * editor Summernote `.note-editable`.
 *
 * Self-hosted: there is no FreeScout host to recognise, so the registry offers this adapter only on
 * domains the user mapped to it; `matchesUrl` checks the path alone.
 * Order: FreeScout may list threads newest first; thread ids are database auto-increment ids, so
 * messages are sorted by `data-thread_id` (an inference from the schema). Author names, times and the
 * requester have no documented selector and are left out. Reply vs note share one editor and the
 * active state is not documented, so the mode is always `public`.
 */
import type { AuthorRole, TicketContext } from '../../../guidance/types';
import { isEditable, lineOf, queryFirst, textOf } from '../dom-text';
import { buildContext, firstShown, isWebUrl, message } from './common';
import type { SiteAdapter } from './types';

export const FREESCOUT_SELECTORS = {
  threads: ['.thread[data-thread_id]'],
  body: ['.thread-body'],
  subject: ['.conv-subjtext > span'],
  editor: ['.note-editable[contenteditable="true"]'],
} as const;

const S = FREESCOUT_SELECTORS;

/** `/conversation/{id}` (optionally `?folder_id=…`) on the user's own domain. */
const CONVERSATION_PATH = /^\/conversation\/(\d+)\/?$/;

export function isFreescoutConversationPath(url: URL): boolean {
  return CONVERSATION_PATH.test(url.pathname);
}

function roleOf(thread: Element): AuthorRole | null {
  if (thread.classList.contains('thread-type-customer')) return 'customer';
  if (thread.classList.contains('thread-type-message')) return 'agent';
  if (thread.classList.contains('thread-type-note')) return 'internal';
  return null; // line items (status changes, assignments) and unknown types are not messages
}

export const freescout: SiteAdapter = {
  id: 'freescout',
  label: 'FreeScout (self-hosted)',
  examples: {
    match: ['https://help.northwind-trail.example/conversation/812?folder_id=3', 'http://10.0.0.5/conversation/77'],
    noMatch: [
      'https://help.northwind-trail.example/mailbox/1/3',
      'https://help.northwind-trail.example/conversation/812/edit',
      'https://help.northwind-trail.example/conversations/812',
      'ftp://help.northwind-trail.example/conversation/812',
    ],
  },
  matchesUrl(url) {
    return isWebUrl(url) && isFreescoutConversationPath(url);
  },
  extract(doc, url): TicketContext | null {
    const id = CONVERSATION_PATH.exec(url.pathname)?.[1];
    if (!id) return null;
    const threads = Array.from(doc.querySelectorAll(S.threads[0]))
      .map((el) => ({ el, order: Number(el.getAttribute('data-thread_id')) }))
      .filter((t) => Number.isFinite(t.order))
      .sort((a, b) => a.order - b.order);
    const messages = [];
    for (const { el } of threads) {
      const role = roleOf(el);
      if (!role) continue;
      const text = textOf(el.querySelector(S.body[0]));
      if (text) messages.push(message(role, text));
    }
    const subject = lineOf(queryFirst(doc, S.subject));
    if (!subject && messages.length === 0) return null;
    return buildContext({ platform: 'freescout', ticketId: id, subject, messages, replyMode: 'public', url });
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
    return queryFirst(doc, S.threads)?.parentElement ?? null;
  },
};
