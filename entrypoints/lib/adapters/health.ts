/**
 * Selector health: how many elements each documented selector of an adapter finds on a page.
 *
 * Every selector is a hypothesis (see the research note); this makes a broken one visible without
 * reading any page text: the result holds selector strings and counts only, so it can go into the
 * "Tactline can't read this ticket" report as is. Selectors that need a ticket id (functions) are
 * skipped. Light DOM only.
 */
import type { Platform } from '../../../guidance/types';
import { FREESCOUT_SELECTORS } from './freescout';
import { FRESHDESK_SELECTORS } from './freshdesk';
import { FRESHSERVICE_SELECTORS } from './freshservice';
import { GMAIL_SELECTORS } from './gmail';
import { HELPSCOUT_SELECTORS } from './helpscout';
import { HUBSPOT_SELECTORS } from './hubspot';
import { INTERCOM_SELECTORS } from './intercom';
import { JIRA_SELECTORS } from './jira';
import { OSTICKET_SELECTORS } from './osticket';
import { SALESFORCE_SELECTORS } from './salesforce';
import { SERVICENOW_SELECTORS } from './servicenow';
import { ZENDESK_SELECTORS } from './zendesk';
import { ZOHO_SELECTORS } from './zoho';

type SelectorTable = Readonly<Record<string, unknown>>;

const TABLES: Partial<Record<Platform, SelectorTable>> = {
  zendesk: ZENDESK_SELECTORS,
  freshdesk: FRESHDESK_SELECTORS,
  salesforce: SALESFORCE_SELECTORS,
  helpscout: HELPSCOUT_SELECTORS,
  jira: JIRA_SELECTORS,
  gmail: GMAIL_SELECTORS,
  freescout: FREESCOUT_SELECTORS,
  osticket: OSTICKET_SELECTORS,
  zoho: ZOHO_SELECTORS,
  servicenow: SERVICENOW_SELECTORS,
  intercom: INTERCOM_SELECTORS,
  hubspot: HUBSPOT_SELECTORS,
  freshservice: FRESHSERVICE_SELECTORS,
  // gorgias, front, generic: no documented selectors.
};

export interface SelectorCount {
  /** Name of the entry in the adapter's selector table ("subject", "editor", …). */
  name: string;
  selector: string;
  count: number;
}

/** Count matches of every documented selector of `platform` in `doc` ([] when it has none). */
export function selectorHealth(doc: Document, platform: Platform): SelectorCount[] {
  const table = TABLES[platform];
  if (!table) return [];
  const out: SelectorCount[] = [];
  for (const [name, value] of Object.entries(table)) {
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
    for (const selector of list) {
      if (typeof selector !== 'string') continue;
      let count: number;
      try {
        count = doc.querySelectorAll(selector).length;
      } catch {
        count = -1; // invalid in this browser
      }
      out.push({ name, selector, count });
    }
  }
  return out;
}
