/**
 * Jira Service Management (Atlaskit, ProseMirror editor).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.9 (compiled 2026-11; none checked against a
 * live page). THIN RECORD for messages: comments are `[data-testid^="comment-base-item-"]` (M) and
 * internal ones carry a visibility wrapper (M), but there is **no documented selector for a comment's
 * author or body**, and public comments can come from the customer or an agent. Reading them would mean
 * guessing roles and mixing author names, dates and lozenges into the text, so they are not read.
 * What is read: the summary (H), the reporter as requester (M), and — when the agent selects text —
 * that selection as the customer's message. Reply vs note tabs ("Reply to customer" / "Add internal
 * note") have no documented active-state marker, so the mode is always `public`.
 */
import type { TicketContext } from '../../../guidance/types';
import { isEditable, lineOf, parseNameAndEmail, queryFirst } from '../dom-text';
import { buildContext, firstShown, selectedCustomerMessages, subdomainOf } from './common';
import type { SiteAdapter } from './types';

export const JIRA_SELECTORS = {
  /** Issue summary (toggl 2026-02 — H). */
  summary: ['h1[data-testid="issue.views.issue-base.foundation.summary.heading"]'],
  /** Reporter = requester in JSM (liferay-jira 2026-04 — M). */
  reporter: ['[data-testid="issue.views.field.user.reporter"]'],
  /** Atlaskit ProseMirror editor (Briskine editor-site — M). */
  editor: ['#ak-editor-textarea'],
} as const;

const S = JIRA_SELECTORS;

const KEY = '[A-Z][A-Z0-9_]{0,49}-\\d+';
/** `/browse/{KEY-N}` and queue views `…/queues/custom/{n}/{KEY-N}` (tmetric 2025-10 — H). */
const BROWSE_PATH = new RegExp(`^/browse/(${KEY})/?$`);
const QUEUE_PATH = new RegExp(`^/jira/servicedesk/projects/[A-Z][A-Z0-9_]*/queues/(?:custom|issues)/\\d+/(${KEY})/?$`);
const SELECTED = new RegExp(`^${KEY}$`);

export function jiraIssueKey(url: URL): string | null {
  const m = BROWSE_PATH.exec(url.pathname) ?? QUEUE_PATH.exec(url.pathname);
  if (m) return m[1]!;
  // `?selectedIssue=KEY-N` opens the issue beside a queue or board (tmetric 2025-10 — H).
  const selected = url.searchParams.get('selectedIssue');
  return selected && SELECTED.test(selected) && url.pathname.startsWith('/jira/') ? selected : null;
}

export const jira: SiteAdapter = {
  id: 'jira',
  label: 'Jira Service Management',
  examples: {
    match: [
      'https://northwind-demo.atlassian.net/browse/CARE-412',
      'https://northwind-demo.atlassian.net/jira/servicedesk/projects/CARE/queues/custom/3/CARE-415',
      'https://northwind-demo.atlassian.net/jira/servicedesk/projects/CARE/queues/custom/3?selectedIssue=CARE-416',
    ],
    noMatch: [
      'https://northwind-demo.atlassian.net/jira/servicedesk/projects/CARE/queues/custom/3',
      'https://northwind-demo.atlassian.net/browse/CARE',
      'https://northwind-demo.atlassian.net/wiki/spaces/CARE/pages/1',
      'https://northwind-demo.atlassian.net/servicedesk/customer/portal/2/CARE-412',
      'https://atlassian.net/browse/CARE-412',
      'https://northwind-demo.atlassian.net.evil.example/browse/CARE-412',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'atlassian.net') && jiraIssueKey(url) !== null;
  },
  extract(doc, url): TicketContext | null {
    const key = jiraIssueKey(url);
    if (!key) return null;
    const subject = lineOf(queryFirst(doc, S.summary));
    const messages = selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    return buildContext({
      platform: 'jira',
      ticketId: key,
      subject,
      messages,
      requester: parseNameAndEmail(lineOf(queryFirst(doc, S.reporter))),
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
    // The summary heading's closest <main> (or null → body).
    return queryFirst(doc, S.summary)?.closest('main') ?? null;
  },
};
