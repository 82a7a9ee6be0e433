/**
 * Support-domain synonym groups. Each group maps its members (after folding and stemming) to one
 * concept feature, so "money back", "reimburse" and "refund" share evidence even when a pack's
 * examples use only one of them. Deliberately small and conservative: a wrong synonym costs precision.
 */
import { stem } from './stem';

const GROUPS: string[][] = [
  ['refund', 'reimburse', 'reimbursement', 'repay', 'chargeback', 'moneyback'],
  ['cancel', 'cancellation', 'terminate', 'termination', 'revoke', 'unsubscribe', 'rescind'],
  ['broken', 'damaged', 'defective', 'faulty', 'cracked', 'torn', 'ripped', 'smashed', 'dented', 'shattered', 'busted', 'malfunctioning'],
  ['late', 'delayed', 'overdue', 'slow', 'delay'],
  ['missing', 'lost', 'vanished', 'disappeared'],
  ['parcel', 'package', 'shipment', 'delivery', 'courier', 'postage', 'ship', 'shipping'],
  ['purchase', 'order', 'buy', 'bought'],
  ['wrong', 'incorrect', 'mistaken'],
  ['return', 'exchange'],
  ['replace', 'replacement', 'swap'],
  ['charge', 'bill', 'billed', 'debit', 'debited', 'invoice', 'fee'],
  ['payment', 'pay', 'paid', 'transaction'],
  ['card', 'visa', 'mastercard', 'amex', 'debitcard', 'creditcard'],
  ['password', 'passcode', 'pin', 'login', 'signin'],
  ['account', 'profile', 'membership'],
  ['address', 'location', 'postcode', 'zipcode', 'zip'],
  ['price', 'cost', 'costs', 'pricing', 'expensive', 'cheap'],
  ['discount', 'coupon', 'voucher', 'promo', 'promotion'],
  ['warranty', 'guarantee', 'guaranty'],
  ['complaint', 'complain', 'dissatisfied', 'unhappy', 'unacceptable', 'disappointed', 'terrible', 'awful', 'horrible'],
  ['size', 'fit', 'fits', 'tight', 'loose'],
  ['stock', 'available', 'availability', 'restock'],
  ['track', 'tracking', 'whereabouts'],
  ['speak', 'talk', 'human', 'agent', 'representative'],
  ['newsletter', 'emails', 'mailing', 'spam'],
  ['repair', 'fix', 'mend'],
  ['gift', 'present'],
  ['help', 'assist', 'assistance', 'support'],
  ['change', 'modify', 'edit', 'update', 'alter', 'amend'],
  ['store', 'shop', 'branch', 'outlet'],
];

/** stem → concept id */
export const SYNONYMS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const group of GROUPS) {
    const head = group[0] ?? '';
    const concept = stem(head);
    for (const word of group) {
      if (word.includes(' ')) continue;
      const s = stem(word);
      if (!map.has(s)) map.set(s, concept);
    }
  }
  return map;
})();

export function conceptOf(stemmed: string): string | undefined {
  return SYNONYMS.get(stemmed);
}
