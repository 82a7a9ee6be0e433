/**
 * Zendesk Agent Workspace (React + Garden, CKEditor 5).
 *
 * Every selector below comes from /work/shared/research/helpdesk-dom.md §1.1 (compiled 2026-11 from
 * public extension code and userscripts; NONE checked against a live page). Each carries its source,
 * the source's date where known, and the research confidence (H/M/L). Treat them as hypotheses guarded
 * by the fixtures in tests/fixtures/zendesk/.
 *
 * Several tickets stay mounted at once (workspace tabs): a bare querySelector often hits a hidden
 * ticket, and hidden panes still have an offsetParent, so everything is scoped to the active pane.
 * When the active pane cannot be identified unambiguously, `extract` returns null (stay quiet) rather
 * than read the wrong ticket.
 */
import type { AuthorRole, ReplyMode, TicketContext, TicketMessage } from '../../../guidance/types';
import { fieldValue, isEditable, isHiddenWithin, isoTimestamp, lineOf, LIMITS, parseNameAndEmail, textOf } from '../dom-text';
import { buildContext, channelFromWords, cssString, firstShown, message, subdomainOf } from './common';
import type { SiteAdapter } from './types';

export const ZENDESK_SELECTORS = {
  /** Workspace tab of the ticket in front; `dataset.entityId` = ticket id. Chat tabs carry data-is-chat="true".
   *  Source: (public extension code); alt-copilot; timerchat — research 2026-11 — M. */
  activeTab: ['[data-test-id="header-tab"][aria-current="page"]'],
  /** Ticket panes. `data-ticket-id` on the pane; active one has data-is-active="true".
   *  Source: clockify (2026-03); toggl (2024-10); liferay-zd (2025-08) — H. */
  paneById: (id: string) => [
    `.ticket-panes-grid-layout[data-ticket-id=${cssString(id)}]`,
    `[data-ticket-id=${cssString(id)}]`,
  ],
  activePane: ['.ticket-panes-grid-layout[data-is-active="true"]', '[data-is-active="true"]'],
  anyPane: ['.ticket-panes-grid-layout', '[data-ticket-id]'],
  /** Subject input (read `.value`). Source: toggl (2024-10); clockify (2026-03); tmetric (2024-01) — H.
   *  Legacy `ticket-pane-subject`: older UI generation, same sources — drop once no fixture needs it. */
  subject: ['input[data-test-id="omni-header-subject"]', 'input[data-test-id="ticket-pane-subject"]'],
  /** Conversation log, oldest first. Source: liferay-zd (description.ts); (public extension code); alt-copilot — H/M. */
  logItems: ['[data-test-id="omni-log-container"] article[data-test-id="omni-log-comment-item"]'],
  /** Message body inside an article. Same sources — H/M. */
  messageContent: ['[data-test-id="omni-log-message-content"]'],
  /** Carries `type` = end-user / agent / bot. Source: (public extension code); alt-copilot — M. */
  messageMeta: ['[data-test-id="omni-log-item-message"]'],
  /** Internal-note marker inside an article. Source: liferay-zd (internal) — M. */
  internalNoteTag: ['[data-test-id="omni-log-internal-note-tag"]'],
  /** Author display name. Source: (public extension code); alt-copilot — M. */
  sender: ['[data-test-id="omni-log-item-sender"]'],
  /** Message time. Source: alt-copilot; timerchat — M. */
  timestamp: ['time[data-test-id="timestamp-relative"][datetime]'],
  /** "Via email" / "Via web form" … (localized). Source: liferay-zd; timerchat — M. */
  viaLabel: ['[data-test-id="omni-header-via-label"]'],
  /** Requester field. Source: (public test scripts); Briskine — M. Usually shows the name only. */
  requester: ['[data-test-id="ticket-system-field-requester-select"]'],
  /** Selected tags. Source: clockify (2026-03); tmetric (2024-01) — M. */
  tags: ['[data-test-id="ticket-system-field-tags-item-selected"]'],
  /** Priority combobox value. Source: (public extension code); (public test scripts) — M/L. */
  priority: ['[data-test-id="ticket-fields-priority-select"] [data-garden-id="dropdowns.combobox.value"]'],
  /** Reply editors (CKEditor 5 editable). Source: liferay-zd (reply); alt-copilot — H. */
  editor: [
    '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    '[data-test-id="omnicomposer-plain-text-ckeditor"][contenteditable="true"]',
  ],
  /** Reply channel switcher: data-channel="web" = public reply (documented); "internal" for notes is
   *  inferred from the internal menu item's name — L. Source: liferay-zd (internal) — M. */
  channelSwitcher: ['button[data-test-id="omnichannel-channel-switcher-button"]'],
} as const;

const S = ZENDESK_SELECTORS;

/** `/agent/tickets/{id}` and `/agent/tickets/{id}/events` (tmetric 2024-01; liferay-zd 2025-08 — H). */
const TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/events)?\/?$/;

export function zendeskTicketIdFromPath(url: URL): string | null {
  return TICKET_PATH.exec(url.pathname)?.[1] ?? null;
}

/** Path-only check, used for custom (host-mapped) domains. */
export function isZendeskTicketPath(url: URL): boolean {
  return zendeskTicketIdFromPath(url) !== null;
}

/** Id of the workspace tab in front, when the header shows one (and it is not a chat tab). */
function activeTabId(doc: Document): string | null {
  const tab = doc.querySelector(S.activeTab[0]);
  if (!tab || tab.getAttribute('data-is-chat') === 'true') return null;
  const id = tab.getAttribute('data-entity-id');
  return id && /^\d+$/.test(id) ? id : null;
}

/**
 * The pane of the ticket `id`: a pane carrying that id (the active one if the id is mounted twice),
 * else the single active pane, else — when the page has no pane markup at all — null.
 */
function paneFor(doc: Document, id: string | null): Element | null {
  if (id) {
    for (const sel of S.paneById(id)) {
      const panes = Array.from(doc.querySelectorAll(sel));
      if (panes.length === 1) return panes[0]!;
      if (panes.length > 1) {
        const active = panes.filter((p) => p.getAttribute('data-is-active') === 'true');
        return active.length === 1 ? active[0]! : null;
      }
    }
  }
  for (const sel of S.activePane) {
    const active = Array.from(doc.querySelectorAll(sel)).filter((el) => el.querySelector(S.logItems[0]) || el.querySelector(S.subject.join(',')));
    if (active.length === 1) {
      const paneId = active[0]!.getAttribute('data-ticket-id');
      // An active pane that says it belongs to another ticket is a transition state: stay quiet.
      if (id && paneId && paneId !== id) return null;
      return active[0]!;
    }
    if (active.length > 1) return null;
  }
  return null;
}

/** Resolve the ticket in front: id (URL is authoritative; the active tab must agree) and its pane. */
function resolve(doc: Document, url?: URL): { id: string; pane: Element } | null {
  const urlId = url ? zendeskTicketIdFromPath(url) : null;
  const tabId = activeTabId(doc);
  // During a tab switch the URL and the header can disagree for a moment; the observer re-runs.
  if (urlId && tabId && urlId !== tabId) return null;
  const id = urlId ?? tabId;
  const pane = paneFor(doc, id);
  if (pane) {
    const paneId = pane.getAttribute('data-ticket-id');
    const finalId = id ?? (paneId && /^\d+$/.test(paneId) ? paneId : null);
    return finalId ? { id: finalId, pane } : null;
  }
  // No pane markup at all (a single-ticket layout): accept the document only if exactly one log exists.
  if (id && doc.querySelectorAll(S.anyPane.join(',')).length === 0 && doc.querySelectorAll('[data-test-id="omni-log-container"]').length === 1) {
    return { id, pane: doc.documentElement };
  }
  return null;
}

function roleOf(article: Element): AuthorRole | null {
  if (article.querySelector(S.internalNoteTag[0])) return 'internal';
  const type = article.querySelector(S.messageMeta[0])?.getAttribute('type')?.toLowerCase();
  if (type === 'end-user') return 'customer';
  // Bot answers (Zendesk AI agents, triggers) speak for the company, like an agent.
  if (type === 'agent' || type === 'bot') return 'agent';
  return null; // unknown type: do not guess who wrote it
}

function readMessages(pane: Element): TicketMessage[] {
  const out: TicketMessage[] = [];
  for (const article of Array.from(pane.querySelectorAll(S.logItems[0]))) {
    if (isHiddenWithin(article, pane)) continue;
    const role = roleOf(article);
    if (!role) continue;
    const content = article.querySelector(S.messageContent[0]);
    const text = textOf(content, { maxChars: LIMITS.messageChars });
    if (!text) continue;
    const author = lineOf(article.querySelector(S.sender[0])) || undefined;
    const at = isoTimestamp(article.querySelector(S.timestamp[0])?.getAttribute('datetime'));
    out.push(message(role, text, author, at));
  }
  return out;
}

function modeOf(pane: ParentNode): ReplyMode {
  const button = pane.querySelector(S.channelSwitcher[0]);
  const channel = button?.getAttribute('data-channel')?.toLowerCase();
  return channel === 'internal' ? 'internal' : 'public';
}

function editorIn(pane: Element): HTMLElement | null {
  for (const sel of S.editor) {
    const el = firstShown(Array.from(pane.querySelectorAll(sel)), pane);
    if (el && isEditable(el)) return el as HTMLElement;
  }
  return null;
}

/** The URL of the document the adapter reads, when it is a real page (parsed fixtures have about:blank). */
function docUrl(doc: Document): URL | undefined {
  try {
    const u = new URL(doc.URL);
    return u.protocol === 'about:' ? undefined : u;
  } catch {
    return undefined;
  }
}

export const zendesk: SiteAdapter = {
  id: 'zendesk',
  label: 'Zendesk',
  examples: {
    match: [
      'https://northwind-demo.zendesk.com/agent/tickets/48213',
      'https://northwind-demo.zendesk.com/agent/tickets/48213/events',
      'https://acme.zendesk.com/agent/tickets/7',
    ],
    noMatch: [
      'https://northwind-demo.zendesk.com/agent/filters/360001',
      'https://northwind-demo.zendesk.com/agent/dashboard',
      'https://northwind-demo.zendesk.com/agent/tickets/new/1',
      'https://northwind-demo.zendesk.com/agent/users/1234/requested_tickets',
      'https://northwind-demo.zendesk.com/hc/en-us/requests/48213',
      'https://zendesk.com/agent/tickets/48213',
      'https://notzendesk.com/agent/tickets/48213',
      'https://zendesk.com.evil.example/agent/tickets/48213',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'zendesk.com') && isZendeskTicketPath(url);
  },
  extract(doc, url): TicketContext | null {
    const found = resolve(doc, url);
    if (!found) return null;
    const { id, pane } = found;
    const subject = fieldValue(pane.querySelector(S.subject.join(',')));
    const messages = readMessages(pane);
    if (!subject && messages.length === 0) return null;
    // The requester field usually shows a name; an address is taken only if the field really shows one.
    const requester = parseNameAndEmail(lineOf(pane.querySelector(S.requester[0])));
    const tags = Array.from(pane.querySelectorAll(S.tags[0]))
      .filter((el) => !isHiddenWithin(el, pane))
      .map((el) => lineOf(el));
    return buildContext({
      platform: 'zendesk',
      ticketId: id,
      subject,
      messages,
      requester,
      tags,
      priority: lineOf(pane.querySelector(S.priority[0])) || undefined,
      channel: channelFromWords(lineOf(pane.querySelector(S.viaLabel[0]))),
      replyMode: modeOf(pane),
      url,
    });
  },
  findEditor(doc, mode) {
    const found = resolve(doc, docUrl(doc));
    if (!found) return null;
    // One CKEditor serves both modes; the channel switcher decides. Hand it out only for the mode that
    // is active, so an internal-only phrase is never inserted into a public reply by mistake.
    if (modeOf(found.pane) !== mode) return null;
    return editorIn(found.pane);
  },
  activeMode(doc) {
    const found = resolve(doc, docUrl(doc));
    return found ? modeOf(found.pane) : 'public';
  },
  ticketRoot(doc) {
    return resolve(doc, docUrl(doc))?.pane ?? null;
  },
};
