/**
 * Salesforce Service Cloud, Lightning console (Case records).
 *
 * Selectors from /work/shared/research/helpdesk-dom.md §1.3 (compiled 2026-11; none checked against a
 * live page).
 * - Fields: `[data-target-selection-name="sfdc:RecordField.Case.{Field}"]` wrapping
 *   `lightning-formatted-text` (Description: `lightning-formatted-rich-text`) — H (public extension
 *   code; public Selenium suites). Subject, CaseNumber, Status, Priority, Description are named by the
 *   research; Origin, ContactId and ContactEmail are standard Case fields read through the same
 *   documented wrapper pattern (an inference: whether they are on the page layout varies by org).
 * - Feed `article.cuf-feedItem` — M, but **customer vs agent is not documented (L)**, so the feed is
 *   NOT read. The only message is the Case Description, as the customer's (Email-to-Case / Web-to-Case
 *   put the customer's text there; an agent may have typed it from a phone call).
 * - Console keeps several records mounted: each field is taken from the first *visible* match
 *   (public extension code — M). Visibility: markup first (hidden / aria-hidden / inline display:none),
 *   then `checkVisibility()` where the browser has it.
 * - Native shadow DOM in some orgs (salesforce/lwc#1587, cypress-io/cypress#29294): when the light DOM
 *   has no match, open shadow roots are searched and read (closed roots cannot be, and then nothing is
 *   returned).
 * - Editor: the Chatter composer is Quill `div.ql-editor` (public test scripts — M); the e-mail
 *   composer is unknown (L). Mode cannot be told from the public record, so it is always `public`;
 *   the focused editor (or the first visible Quill editor) is handed out for public replies only.
 */
import type { TicketContext } from '../../../guidance/types';
import { isEditable, isHiddenComposed, parseNameAndEmail, queryAllDeep, textOf } from '../dom-text';
import { buildContext, channelFromWords, commonAncestor, message, selectedCustomerMessages, subdomainOf } from './common';
import type { SiteAdapter } from './types';

const field = (name: string) => `[data-target-selection-name="sfdc:RecordField.Case.${name}"]`;

export const SALESFORCE_SELECTORS = {
  subject: field('Subject'),
  caseNumber: field('CaseNumber'),
  priority: field('Priority'),
  description: field('Description'),
  origin: field('Origin'),
  contact: field('ContactId'),
  contactEmail: field('ContactEmail'),
  /** Value element inside a field wrapper. */
  value: 'lightning-formatted-text, lightning-formatted-rich-text, lightning-formatted-email, a',
  /** Chatter composer (Quill). */
  editor: 'div.ql-editor[contenteditable="true"]',
} as const;

const S = SALESFORCE_SELECTORS;

/** `/lightning/r/Case/{500…}/view` (+ `?ws=` in the console) — tmetric 2024-01; clockify — H. */
const CASE_PATH = /^\/lightning\/r\/Case\/(500[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)\/view\/?$/;

export function isSalesforceCasePath(url: URL): boolean {
  return CASE_PATH.test(url.pathname);
}

function isShown(el: Element): boolean {
  if (isHiddenComposed(el)) return false;
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el) : true;
}

/** First visible field wrapper (light DOM, else open shadow roots). */
function fieldWrapper(doc: Document, selector: string): Element | null {
  let list = Array.from(doc.querySelectorAll(selector));
  if (list.length === 0) list = queryAllDeep(doc, selector, 20);
  return list.find(isShown) ?? null;
}

/** The value element inside a wrapper, looking through the wrapper's shadow root when it has one. */
function valueOf(wrapper: Element | null): Element | null {
  if (!wrapper) return null;
  return queryAllDeep(wrapper, S.value, 1)[0] ?? null;
}

function fieldText(doc: Document, selector: string, multiline = false): string {
  const value = valueOf(fieldWrapper(doc, selector));
  return multiline ? textOf(value, { shadow: true }) : textOf(value, { shadow: true, multiline: false, maxChars: 500 });
}

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  label: 'Salesforce Service Console',
  examples: {
    match: [
      'https://northwind-demo.lightning.force.com/lightning/r/Case/500Hs00001Xa1b2QAA/view',
      'https://northwind-demo.lightning.force.com/lightning/r/Case/500Hs00001Xc9d8QAB/view?ws=%2Flightning%2Fr%2FCase%2F500Hs00001Xc9d8QAB%2Fview',
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/500Hs00001Xa1b2/view',
    ],
    noMatch: [
      'https://northwind-demo.lightning.force.com/lightning/o/Case/list?filterName=Recent',
      'https://northwind-demo.lightning.force.com/lightning/r/Account/001Hs00001Xa1b2QAA/view',
      'https://northwind-demo.lightning.force.com/lightning/r/Case/500Hs00001Xa1b2QAA/related/CaseComments/view',
      'https://northwind-demo.lightning.force.com/lightning/page/home',
      'https://lightning.force.com/lightning/r/Case/500Hs00001Xa1b2QAA/view',
      'https://northwind-demo.lightning.force.com.evil.example/lightning/r/Case/500Hs00001Xa1b2QAA/view',
    ],
  },
  matchesUrl(url) {
    return url.protocol === 'https:' && subdomainOf(url, 'lightning.force.com') && isSalesforceCasePath(url);
  },
  extract(doc, url): TicketContext | null {
    const recordId = CASE_PATH.exec(url.pathname)?.[1];
    if (!recordId) return null;
    const subject = fieldText(doc, S.subject);
    const description = fieldText(doc, S.description, true);
    const messages = description ? [message('customer', description)] : selectedCustomerMessages(doc);
    if (!subject && messages.length === 0) return null;
    const requester = {
      ...parseNameAndEmail(fieldText(doc, S.contact)),
      ...parseNameAndEmail(fieldText(doc, S.contactEmail)),
    };
    return buildContext({
      platform: 'salesforce',
      ticketId: recordId,
      subject,
      messages,
      requester,
      priority: fieldText(doc, S.priority) || undefined,
      channel: channelFromWords(fieldText(doc, S.origin)),
      replyMode: 'public',
      url,
    });
  },
  findEditor(doc, mode) {
    if (mode !== 'public') return null;
    let active: Element | null = doc.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const focused = active?.closest(S.editor) ?? null;
    if (focused && isEditable(focused)) return focused as HTMLElement;
    const first = Array.from(doc.querySelectorAll(S.editor)).find(isShown) ?? queryAllDeep(doc, S.editor, 20).find(isShown);
    return first && isEditable(first) ? (first as HTMLElement) : null;
  },
  activeMode() {
    return 'public';
  },
  ticketRoot(doc) {
    // No documented record container; the closest element holding the visible Subject field and the
    // Description is watched when both are in the light DOM, else the whole body.
    const subject = fieldWrapper(doc, S.subject);
    const description = fieldWrapper(doc, S.description);
    return commonAncestor(subject, description);
  },
};
