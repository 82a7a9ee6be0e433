/**
 * Intercom Inbox (Ember, ProseMirror composer).
 *
 * From /work/shared/research/helpdesk-dom.md §1.5 (compiled 2026-11; none checked against a live page).
 * - URL (H, public extension code); header title `[data-inbox-conversation-header-title] span`
 *   (clockify 2026-03 — M).
 * - Messages: `.o__user-comment` (customer) and `.o__admin` (teammate) — **L: one amateur userscript
 *   from 2021** (`Gunnyarts/tb` tagenforcer). Kept because they are the only role markers on record;
 *   when they stop matching, no messages are read (only a selection). `.o__admin` may include internal
 *   notes (no note marker is documented), so teammate parts are all labelled `agent`, never `internal`.
 * - Editor `.embercom-prosemirror-composer-editor` (L/M). A note tab exists
 *   (`[data-intercom-target=note-tab]`) but its active state is not documented: mode is `public`.
 */
import type { TicketContext, TicketMessage } from '../../../guidance/types';
import { isEditable, lineOf, queryFirst, textOf } from '../dom-text';
import { buildContext, firstShown, hostIs, message, selectedCustomerMessages } from './common';
import type { SiteAdapter } from './types';

export const INTERCOM_SELECTORS = {
  title: ['[data-inbox-conversation-header-title] span'],
  parts: '.o__user-comment, .o__admin',
  editor: ['.embercom-prosemirror-composer-editor[contenteditable="true"]', '.embercom-prosemirror-composer-editor [contenteditable="true"]'],
} as const;

const S = INTERCOM_SELECTORS;

/** `/a/inbox/{appId}/inbox/conversation/{id}`, `/a/inbox/{appId}/inbox/shared/all/conversation/{id}` (H). */
const CONVERSATION_PATH = /^\/a\/inbox\/([a-z0-9]+)\/inbox\/(?:[\w-]+\/){0,4}conversation\/(\d+)\/?$/;

function readParts(doc: Document): TicketMessage[] {
  const out: TicketMessage[] = [];
  for (const el of Array.from(doc.querySelectorAll(S.parts))) {
    // Nested matches (an admin part inside another) would double the text.
    if (el.parentElement?.closest(S.parts)) continue;
    const text = textOf(el);
    if (text) out.push(message(el.classList.contains('o__user-comment') ? 'customer' : 'agent', text));
  }
  return out;
}

export const intercom: SiteAdapter = {
  id: 'intercom',
  label: 'Intercom',
  examples: {
    match: [
      'https://app.intercom.com/a/inbox/abc123de/inbox/conversation/1780000000012345',
      'https://app.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/1780000000012399',
    ],
    noMatch: [
      'https://app.intercom.com/a/inbox/abc123de/inbox/shared/all',
      'https://app.intercom.com/a/apps/abc123de/users/segments/active',
      'https://www.intercom.com/a/inbox/abc123de/inbox/conversation/1780000000012345',
      'https://app.intercom.com.evil.example/a/inbox/abc123de/inbox/conversation/1780000000012345',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && hostIs(url, 'app.intercom.com') && CONVERSATION_PATH.test(url.pathname);
  },
  extract(doc, url): TicketContext | null {
    const id = CONVERSATION_PATH.exec(url.pathname)?.[2];
    if (!id) return null;
    const subject = lineOf(queryFirst(doc, S.title));
    let messages = readParts(doc);
    if (messages.length === 0) messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({ platform: 'intercom', ticketId: id, subject, messages, replyMode: 'public', url });
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
    return doc.querySelector(S.parts)?.parentElement ?? null;
  },
};
