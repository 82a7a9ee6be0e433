/**
 * Gmail (support mailboxes run from Gmail / Google Workspace).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.10 (InboxSDK/InboxSDK, KartikTalwar/gmail.js;
 * compiled 2026-11 — H; obfuscated but locale-stable class names; none checked against a live page).
 *
 * Roles: Gmail has no customer/agent notion. The signed-in account's address is read from the document
 * title ("Inbox - agent@company.example - Gmail"; an inference, not in the research): messages from that
 * address are the agent's, all others the customer's. When the title shows no address, roles cannot be
 * told and messages are not read (only a selection, as the customer's). There are no internal notes.
 * Message times are not documented, so `at`/`referenceDate` are left out. Quoted history inside a
 * message (e-mail quoting conventions, see `quoted`) is dropped.
 */
import type { TicketContext, TicketMessage } from '../../../guidance/types';
import { findEmail, isEditable, lineOf, queryFirst, textOf } from '../dom-text';
import { buildContext, commonAncestor, firstShown, hostIs, message, selectedCustomerMessages } from './common';
import type { SiteAdapter } from './types';

export const GMAIL_SELECTORS = {
  /** Thread subject — H. */
  subject: ['h2.hP'],
  /** Expanded messages, oldest first — H. */
  messages: ['div.adn.ads[data-message-id]'],
  /** Message body — H. */
  body: ['.a3s'],
  /** Sender: `email` attribute, name as text — H. */
  sender: ['span.gD[email]'],
  /** Reply/compose body — H. */
  editor: ['.Ap [g_editable="true"]'],
  /** Quoted history inside a message body. Not a page selector: these are e-mail content conventions
   *  (Gmail's own `gmail_quote` wrapper in the HTML it sends, and `blockquote type=cite` used by most
   *  mail clients), so the previous messages are not repeated inside the newest one. */
  quoted: '.gmail_quote, blockquote[type="cite"]',
} as const;

const S = GMAIL_SELECTORS;

/** `/mail/u/{n}/#{label…}/{threadId}` — hash navigation (H). */
const MAIL_PATH = /^\/mail\/(?:u\/\d+\/)?$/;
const THREAD_HASH = /^#(?:inbox|starred|sent|all|imp|snoozed|spam|trash|category\/\w+|label\/[^/]+|search\/[^/]+)\/([A-Za-z0-9]{16,})$/;

export function gmailThreadId(url: URL): string | null {
  if (!MAIL_PATH.test(url.pathname)) return null;
  return THREAD_HASH.exec(url.hash)?.[1] ?? null;
}

function readMessages(doc: Document, agentEmail: string): TicketMessage[] {
  const out: TicketMessage[] = [];
  for (const item of Array.from(doc.querySelectorAll(S.messages[0]))) {
    const sender = item.querySelector(S.sender[0]);
    const email = sender?.getAttribute('email')?.trim().toLowerCase();
    if (!email) continue;
    const text = textOf(item.querySelector(S.body[0]), { skip: S.quoted });
    if (!text) continue;
    out.push(message(email === agentEmail ? 'agent' : 'customer', text, lineOf(sender) || email));
  }
  return out;
}

export const gmail: SiteAdapter = {
  id: 'gmail',
  label: 'Gmail',
  examples: {
    match: [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbfLmKHCwVZgkKzQdmlZxMWnbp',
      'https://mail.google.com/mail/u/1/#label/Support/FMfcgzQbfLmKHCwVZgkKzQdmlZxMWnbq',
    ],
    noMatch: [
      'https://mail.google.com/mail/u/0/#inbox',
      'https://mail.google.com/mail/u/0/#search/tent',
      'https://mail.google.com/mail/u/0/#settings/general',
      'https://mail.google.com.evil.example/mail/u/0/#inbox/FMfcgzQbfLmKHCwVZgkKzQdmlZxMWnbp',
      'https://google.com/mail/u/0/#inbox/FMfcgzQbfLmKHCwVZgkKzQdmlZxMWnbp',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && hostIs(url, 'mail.google.com') && gmailThreadId(url) !== null;
  },
  extract(doc, url): TicketContext | null {
    const threadId = gmailThreadId(url);
    if (!threadId) return null;
    const subject = lineOf(queryFirst(doc, S.subject));
    const agentEmail = findEmail(doc.title);
    let messages = agentEmail ? readMessages(doc, agentEmail) : [];
    if (messages.length === 0) messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    const firstCustomer = agentEmail
      ? Array.from(doc.querySelectorAll(`${S.messages[0]} ${S.sender[0]}`)).find(
          (s) => s.getAttribute('email')?.trim().toLowerCase() !== agentEmail,
        )
      : undefined;
    const requester: { name?: string; email?: string } = {};
    if (firstCustomer) {
      const name = lineOf(firstCustomer);
      const email = firstCustomer.getAttribute('email')?.trim().toLowerCase();
      if (name) requester.name = name;
      if (email) requester.email = email;
    }
    return buildContext({
      platform: 'gmail',
      ticketId: threadId,
      subject,
      messages,
      requester,
      channel: 'email',
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
    // No documented thread container: the closest element holding the subject and the first message.
    return commonAncestor(queryFirst(doc, S.subject), queryFirst(doc, S.messages));
  },
};
