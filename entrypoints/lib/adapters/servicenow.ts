/**
 * ServiceNow (classic forms; Service Operations Workspace).
 *
 * From /work/shared/research/helpdesk-dom.md §1.8 (SN Utils `arnoudkooi/ServiceNow-Utils`; public test
 * scripts; compiled 2026-11; none checked against a live page).
 * - Classic UI: the form lives in `iframe#gsft_main`; the content script runs in that frame
 *   (`all_frames`), whose URL is `/{table}.do?sys_id={32 hex}` — H. The outer Next Experience shell
 *   (`/now/nav/ui/classic/params/target/…`) is NOT claimed, so only the form frame shows Tactline.
 * - Fields: DOM ids `{table}.{field}`; `incident.short_description` is documented (H). Description and
 *   number are read with the same id pattern (an inference). The Description is taken as the caller's
 *   message (it is the caller's issue as recorded; an agent may have typed it during a call).
 *   The activity stream has no documented entry markup, so comments and work notes are not read.
 * - Editors: `#activity-stream-comments-textarea` (customer-visible), `#activity-stream-work_notes-
 *   textarea` (internal), or one box `#activity-stream-textarea` whose work-notes toggle is not
 *   documented (treated as public) — H (public test scripts).
 * - Mode: `internal` while the work-notes box has focus, else `public`.
 * - Workspace (`/now/sow/record/{table}/{sys_id}`): deep shadow DOM with no documented selectors; the
 *   URL is claimed so Tactline can say it cannot read the ticket, and `extract` returns null.
 */
import type { ReplyMode, TicketContext } from '../../../guidance/types';
import { fieldValue, isEditable, isHiddenWithin, LIMITS } from '../dom-text';
import { buildContext, message, subdomainOf } from './common';
import type { SiteAdapter } from './types';

export const SERVICENOW_SELECTORS = {
  field: (table: string, name: string) => `[id="${table}.${name}"]`,
  comments: '#activity-stream-comments-textarea',
  workNotes: '#activity-stream-work_notes-textarea',
  single: '#activity-stream-textarea',
} as const;

const S = SERVICENOW_SELECTORS;

/** Task-type tables whose records are tickets (incidents, requests, cases, problems, changes). */
const TICKET_TABLES = new Set([
  'incident', 'incident_task', 'sc_request', 'sc_req_item', 'sc_task', 'problem', 'problem_task', 'change_request',
  'change_task', 'task', 'sn_customerservice_case', 'sn_hr_core_case', 'interaction',
]);
const CLASSIC_PATH = /^\/([a-z0-9_]+)\.do$/;
const SOW_PATH = /^\/now\/sow\/record\/([a-z0-9_]+)\/([0-9a-f]{32})\/?$/;
const SYS_ID = /^[0-9a-f]{32}$/;

function classicRecord(url: URL): { table: string; sysId: string } | null {
  const table = CLASSIC_PATH.exec(url.pathname)?.[1];
  const sysId = url.searchParams.get('sys_id');
  return table && TICKET_TABLES.has(table) && sysId && SYS_ID.test(sysId) ? { table, sysId } : null;
}

function sowRecord(url: URL): { table: string; sysId: string } | null {
  const m = SOW_PATH.exec(url.pathname);
  return m && TICKET_TABLES.has(m[1]!) ? { table: m[1]!, sysId: m[2]! } : null;
}

function shown(doc: Document, selector: string): HTMLElement | null {
  const el = doc.querySelector(selector);
  return el && isEditable(el) && !isHiddenWithin(el) ? el : null;
}

function mode(doc: Document): ReplyMode {
  const notes = doc.querySelector(S.workNotes);
  return notes && doc.activeElement === notes ? 'internal' : 'public';
}

export const servicenow: SiteAdapter = {
  id: 'servicenow',
  label: 'ServiceNow',
  examples: {
    match: [
      'https://northwinddemo.service-now.com/incident.do?sys_id=9d385017c611228701d22104cc95c371',
      'https://northwinddemo.service-now.com/sc_req_item.do?sys_id=aeed229047801200e0ef563dbb9a71c2&sysparm_view=',
      'https://northwinddemo.service-now.com/now/sow/record/incident/9d385017c611228701d22104cc95c371',
    ],
    noMatch: [
      'https://northwinddemo.service-now.com/incident_list.do?sysparm_query=active%3Dtrue',
      'https://northwinddemo.service-now.com/sys_user.do?sys_id=9d385017c611228701d22104cc95c371',
      'https://northwinddemo.service-now.com/incident.do?sys_id=-1',
      'https://northwinddemo.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D9d385017c611228701d22104cc95c371',
      'https://service-now.com/incident.do?sys_id=9d385017c611228701d22104cc95c371',
      'https://northwinddemo.service-now.com.evil.example/incident.do?sys_id=9d385017c611228701d22104cc95c371',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'service-now.com') && (classicRecord(url) !== null || sowRecord(url) !== null);
  },
  extract(doc, url): TicketContext | null {
    const rec = classicRecord(url);
    if (!rec) return null; // workspace: nothing documented to read
    const subject = fieldValue(doc.querySelector(S.field(rec.table, 'short_description')));
    const description = fieldValue(doc.querySelector(S.field(rec.table, 'description')), LIMITS.messageChars, true);
    if (!subject && !description) return null;
    const number = fieldValue(doc.querySelector(S.field(rec.table, 'number')));
    return buildContext({
      platform: 'servicenow',
      ticketId: number || rec.sysId,
      subject,
      messages: description ? [message('customer', description)] : [],
      replyMode: mode(doc),
      url,
    });
  },
  findEditor(doc, m) {
    if (m === 'internal') return shown(doc, S.workNotes);
    return shown(doc, S.comments) ?? shown(doc, S.single);
  },
  activeMode(doc) {
    return mode(doc);
  },
  ticketRoot() {
    return null; // the form frame is small: watch its body
  },
};
