/**
 * HubSpot help desk and ticket records.
 *
 * From /work/shared/research/helpdesk-dom.md §1.4 (compiled 2026-11; none checked against a live page).
 * - URLs (H: hs-refined; clockify): help desk `app.hubspot.com/help-desk/{portal}/view/{viewId}/ticket/{id}`
 *   and ticket records `/contacts/{portal}/record/0-5/{id}` (object type 0-5 = tickets).
 * - Help desk header `[data-application-name="svh-help-desk"] [role=heading]` and contact
 *   `[data-selenium-test="contact-chicklet-title-link"]` (clockify 2026-03 — M).
 * - Reply vs note from the URL hash: `#email`, `#live-chat` (public), `#comment` (internal)
 *   (svendvd/HubSpotSendProtector — M).
 * - THIN RECORD: **messages and the editor have no public selectors (L)**. Messages come only from the
 *   agent's selection; the editor is found the generic way (focused, else the largest visible editor).
 */
import type { ReplyMode, TicketContext } from '../../../guidance/types';
import { lineOf, parseNameAndEmail, queryFirst } from '../dom-text';
import { buildContext, hostIs, selectedCustomerMessages } from './common';
import { findGenericEditor } from './generic';
import type { SiteAdapter } from './types';

export const HUBSPOT_SELECTORS = {
  header: ['[data-application-name="svh-help-desk"] [role="heading"]', '[data-application-name="svh-help-desk"] [role=heading]'],
  contact: ['[data-selenium-test="contact-chicklet-title-link"]'],
  app: ['[data-application-name="svh-help-desk"]'],
} as const;

const S = HUBSPOT_SELECTORS;

const HELP_DESK_PATH = /^\/help-desk\/(\d+)\/view\/[\w-]+\/ticket\/(\d+)\/?$/;
const RECORD_PATH = /^\/contacts\/(\d+)\/record\/0-5\/(\d+)\/?$/;

function ticketId(url: URL): string | null {
  return (HELP_DESK_PATH.exec(url.pathname) ?? RECORD_PATH.exec(url.pathname))?.[2] ?? null;
}

function modeFromHash(hash: string): ReplyMode {
  return hash === '#comment' ? 'internal' : 'public';
}

function docHash(doc: Document): string {
  try {
    return new URL(doc.URL).hash;
  } catch {
    return '';
  }
}

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  label: 'HubSpot',
  examples: {
    match: [
      'https://app.hubspot.com/help-desk/24681357/view/all-open/ticket/90210001#email',
      'https://app.hubspot.com/contacts/24681357/record/0-5/90210002',
    ],
    noMatch: [
      'https://app.hubspot.com/help-desk/24681357/view/all-open',
      'https://app.hubspot.com/contacts/24681357/record/0-1/5501',
      'https://app.hubspot.com/contacts/24681357/objects/0-5/views/all/list',
      'https://www.hubspot.com/help-desk/24681357/view/all-open/ticket/90210001',
      'https://app.hubspot.com.evil.example/help-desk/24681357/view/all-open/ticket/90210001',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && hostIs(url, 'app.hubspot.com') && ticketId(url) !== null;
  },
  extract(doc, url): TicketContext | null {
    const id = ticketId(url);
    if (!id) return null;
    const subject = lineOf(queryFirst(doc, S.header));
    const messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({
      platform: 'hubspot',
      ticketId: id,
      subject,
      messages,
      requester: parseNameAndEmail(lineOf(queryFirst(doc, S.contact))),
      replyMode: modeFromHash(url.hash),
      url,
    });
  },
  findEditor(doc, mode) {
    return modeFromHash(docHash(doc)) === mode ? findGenericEditor(doc) : null;
  },
  activeMode(doc) {
    return modeFromHash(docHash(doc));
  },
  ticketRoot(doc) {
    return queryFirst(doc, S.app);
  },
};
