/**
 * Front.
 *
 * From /work/shared/research/helpdesk-dom.md §1.7 (compiled 2026-11): conversation URLs
 * `https://app.frontapp.com/open/{cnv_…}` (H). **The DOM has only generated styled-components class
 * hashes; no stable selectors are on record (L)** — the Front Plugin SDK is the sane route and needs an
 * admin install. So Tactline reads nothing from the page by itself: the agent's selection is the
 * customer's message; the editor is found the generic way; mode is `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { buildContext, hostIs, selectedCustomerMessages } from './common';
import { findGenericEditor } from './generic';
import type { SiteAdapter } from './types';

const OPEN_PATH = /^\/open\/(cnv_[a-z0-9]+)\/?$/i;

export const front: SiteAdapter = {
  id: 'front',
  label: 'Front',
  examples: {
    match: ['https://app.frontapp.com/open/cnv_1a2b3c4d', 'https://app.frontapp.com/open/cnv_9z8y7x6w'],
    noMatch: [
      'https://app.frontapp.com/inboxes/teams/folders/123',
      'https://app.frontapp.com/open/msg_1a2b3c4d',
      'https://frontapp.com/open/cnv_1a2b3c4d',
      'https://app.frontapp.com.evil.example/open/cnv_1a2b3c4d',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && hostIs(url, 'app.frontapp.com') && OPEN_PATH.test(url.pathname);
  },
  extract(doc, url): TicketContext | null {
    const id = OPEN_PATH.exec(url.pathname)?.[1];
    const messages = selectedCustomerMessages(doc);
    if (!id || messages.length === 0) return null;
    return buildContext({ platform: 'front', ticketId: id, subject: '', messages, replyMode: 'public', url });
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
