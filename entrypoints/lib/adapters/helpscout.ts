/**
 * Help Scout (React, Slate editor).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.6 (compiled 2026-11; none checked against a
 * live page). THIN RECORD for messages: threads are listed by `ol[aria-label="Thread Items"] li >
 * div[id^="thread-"]` (hs-adapter 2025-09 — M), but **who wrote each thread is only available from the
 * page's own JavaScript state** (`window.appData…threads[].type`, MAIN world), which a content script
 * cannot see. Without roles the threads are not read (a customer message could be labelled as the
 * agent's or vice versa). What is read: the subject, the tags, and — when the agent selects text in the
 * conversation — that selection as the customer's message. Reply vs note: only the reply editor is
 * documented, so the mode is always `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { fieldValue, isEditable, lineOf, queryFirst } from '../dom-text';
import { buildContext, firstShown, hostIs, selectedCustomerMessages } from './common';
import type { SiteAdapter } from './types';

export const HELPSCOUT_SELECTORS = {
  /** Subject (clockify 2026-03; toggl 2024-09 — H). May be an input or text: read either way. */
  subject: ['[aria-label="Conversation Subject"]'],
  /** Tags (clockify 2026-03 — M). */
  tags: ['[data-cy="Tag"]'],
  /** Thread list: the ticket area watched by the observer (hs-adapter 2025-09 — M). */
  threads: ['ol[aria-label="Thread Items"]'],
  /** Reply editor (Slate) (hs-adapter 2025-09; Briskine — M). */
  editor: ['[role="textbox"][aria-label="Reply Editor"]', '[data-slate-editor][contenteditable="true"]'],
} as const;

const S = HELPSCOUT_SELECTORS;

/** `/conversation/{id}/{number}` on secure.helpscout.net (clockify; toggl — H). */
const CONVERSATION_PATH = /^\/conversation\/(\d+)\/(\d+)\/?$/;

export const helpscout: SiteAdapter = {
  id: 'helpscout',
  label: 'Help Scout',
  examples: {
    match: [
      'https://secure.helpscout.net/conversation/2750311946/1187',
      'https://secure.helpscout.net/conversation/2750311946/1187?folderId=7411',
    ],
    noMatch: [
      'https://secure.helpscout.net/mailbox/7411/',
      'https://secure.helpscout.net/conversation/2750311946',
      'https://secure.helpscout.net/customer/555/',
      'https://www.helpscout.net/conversation/2750311946/1187',
      'https://secure.helpscout.net.evil.example/conversation/2750311946/1187',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && hostIs(url, 'secure.helpscout.net') && CONVERSATION_PATH.test(url.pathname);
  },
  extract(doc, url): TicketContext | null {
    const m = CONVERSATION_PATH.exec(url.pathname);
    if (!m) return null;
    const subject = fieldValue(queryFirst(doc, S.subject));
    const messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({
      platform: 'helpscout',
      // The conversation number is what agents see ("#1187"); the long id is internal.
      ticketId: m[2]!,
      subject,
      messages,
      tags: Array.from(doc.querySelectorAll(S.tags[0])).map((el) => lineOf(el)),
      replyMode: 'public',
      url,
    });
  },
  findEditor(doc, mode) {
    if (mode !== 'public') return null;
    for (const sel of S.editor) {
      const el = firstShown(Array.from(doc.querySelectorAll(sel)));
      if (isEditable(el)) return el;
    }
    return null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    return queryFirst(doc, S.threads);
  },
};
