/**
 * Order, invoice, tracking and ticket references in ticket text ("order #48213", "order no. NW-100234",
 * "invoice INV-2024-001", "tracking number 1Z999AA10123456784", "ticket #5521").
 * A reference value always contains a digit; the label word decides the kind. Carrier formats
 * (UPS 1Z…, Royal Mail/UPU "AB123456789GB") are recognised without a label.
 * Pure, synchronous, never throws; `text.slice(start, end) === ref.text` always holds.
 */
import type { ReferenceSignal } from '../types';
import { hasWord, prepare } from './lexicon/text';

type Kind = ReferenceSignal['kind'];

const LABEL_TAIL = String.raw`(?:\s*(?:number|num|no\.?|nr\.?|n[o°º]\.?|#|id|ref(?:erence)?|code)){0,2}\s*[:#.]?\s*`;
/** The value: starts with a letter/digit/#, contains a digit, 3–30 chars of [A-Z0-9-/_.]. */
const VALUE = String.raw`(#?[A-Za-z0-9](?:[A-Za-z0-9_/-]|\.(?=[A-Za-z0-9])){2,29})`;

interface Labelled {
  need: string[];
  re: RegExp;
  kind: Kind;
}

const LABELLED: Labelled[] = [
  { need: ['tracking', 'track', 'shipment', 'shipments', 'consignment', 'waybill', 'awb', 'parcel', 'parcels', 'package', 'packages'], re: new RegExp(String.raw`\b(?:tracking|track(?:ing)?\s*&\s*trace|shipment|consignment|waybill|awb|parcel|package)(?:s)?\b${LABEL_TAIL}${VALUE}`, 'g'), kind: 'tracking' },
  { need: ['invoice', 'invoices', 'inv', 'bill', 'bills', 'receipt', 'receipts', 'rechnung', 'facture', 'factura', 'fattura', 'factuur'], re: new RegExp(String.raw`\b(?:invoice|inv|bill|receipt|rechnung|facture|factura|fattura|factuur)(?:s)?\b${LABEL_TAIL}${VALUE}`, 'g'), kind: 'invoice' },
  { need: ['order', 'orders', 'ord', 'po', 'purchase', 'purchases', 'bestellung', 'bestellnummer', 'commande', 'pedido', 'ordine', 'bestelling'], re: new RegExp(String.raw`\b(?:purchase\s+order|order|purchase|ord|po|bestellung|bestellnummer|commande|pedido|ordine|bestelling)(?:s)?\b${LABEL_TAIL}${VALUE}`, 'g'), kind: 'order' },
  { need: ['ticket', 'tickets', 'case', 'cases', 'incident', 'request', 'requests', 'complaint', 'claim', 'claims'], re: new RegExp(String.raw`\b(?:ticket|case|incident|request|support\s+request|complaint|claim)(?:s)?\b${LABEL_TAIL}${VALUE}`, 'g'), kind: 'ticket' },
  { need: ['reference', 'ref', 'booking', 'reservation', 'confirmation', 'rma', 'return', 'returns'], re: new RegExp(String.raw`\b(?:reference|ref|booking|reservation|confirmation|rma|return\s+authori[sz]ation|return)(?:s)?\b${LABEL_TAIL}${VALUE}`, 'g'), kind: 'other' },
];

/** Carrier formats recognised without a label. */
const CARRIER: RegExp[] = [
  /\b1Z[0-9A-Z]{16}\b/g, // UPS
  /\b[A-Z]{2}\d{9}[A-Z]{2}\b/g, // UPU S10 (Royal Mail, La Poste, Deutsche Post international …)
];

/** Bare "#48213": a reference of unknown kind (an order in most shops; the label decides). */
const HASH_RE = /(?<![A-Za-z0-9&])#(\d{3,12})\b/g;
/** Follow-on values in a list: "orders #123, #456 and 789". */
const LIST_NEXT_RE = /^(\s*(?:,|and|&|or|\/)\s*)(#?[A-Za-z0-9][A-Za-z0-9_/-]{2,29})/i;

const STOP_VALUES = new Set(['number', 'please', 'status', 'today', 'yesterday', 'tomorrow']);

function hasDigit(s: string): boolean {
  return /\d/.test(s);
}

/** A value that is really a date, a time, an amount or a phone number is not a reference. */
function plausible(value: string): boolean {
  const v = value.replace(/^#/, '');
  if (!hasDigit(v) || v.length < 3) return false;
  if (STOP_VALUES.has(v.toLowerCase())) return false;
  if (/^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(v)) return false; // date
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  if (/^\d+(?:st|nd|rd|th)$/i.test(v)) return false;
  if (/^\d{1,2}(?:am|pm)$/i.test(v)) return false;
  if (/^(?:19|20)\d\d$/.test(v)) return false; // a year
  return true;
}

const MAX_LEN = 200_000;

export function extractReferences(text: string): ReferenceSignal[] {
  try {
    return extract(typeof text === 'string' ? text : String(text ?? ''));
  } catch {
    return [];
  }
}

function extract(input: string): ReferenceSignal[] {
  const text = input.length > MAX_LEN ? input.slice(0, MAX_LEN) : input;
  const out: ReferenceSignal[] = [];
  const taken = (s: number, e: number): boolean => out.some((r) => s < r.end && e > r.start);
  const push = (kind: Kind, value: string, start: number, end: number): void => {
    const v = value.replace(/^#/, '').replace(/[.\-/_]+$/, '');
    if (!plausible(v) || taken(start, end)) return;
    const realEnd = end - (value.length - value.replace(/[.\-/_]+$/, '').length);
    out.push({ kind, value: v, text: text.slice(start, realEnd), start, end: realEnd });
  };

  const prepared = prepare(text);
  for (const { need, re, kind } of LABELLED) {
    if (!hasWord(prepared, need)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(prepared.low)) !== null && guard++ < 500) {
      // Matched on lower-cased text (same offsets): take the value's original spelling.
      const vStartInMatch = m[0].length - (m[1] ?? '').length;
      const value = text.slice(m.index + vStartInMatch, m.index + m[0].length);
      if (!hasDigit(value)) continue;
      const start = m.index;
      let end = m.index + m[0].length;
      push(kind, value, start, end);
      // Lists after a label: "orders #123, #456 and 789".
      for (let k = 0; k < 10; k++) {
        const next = LIST_NEXT_RE.exec(text.slice(end, end + 40));
        if (!next || !hasDigit(next[2] ?? '')) break;
        const vStart = end + (next[1] ?? '').length;
        const vEnd = vStart + (next[2] ?? '').length;
        push(kind, next[2] ?? '', vStart, vEnd);
        end = vEnd;
      }
    }
  }
  for (const re of CARRIER) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) push('tracking', m[0], m.index, m.index + m[0].length);
  }
  HASH_RE.lastIndex = 0;
  let h: RegExpExecArray | null;
  while ((h = HASH_RE.exec(text)) !== null) push('other', h[0], h.index, h.index + h[0].length);

  out.sort((a, b) => a.start - b.start);
  return out;
}
