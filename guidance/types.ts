/**
 * Core contracts of Tactline's pure guidance engine.
 *
 * Everything in `guidance/` is plain data and plain functions: no `browser.*`, no DOM globals.
 * Site adapters produce a `TicketContext`; `analyze()` turns it into `Signals`; `suggest()` turns
 * signals into ranked `Suggestion`s; `decide()` answers "may I do this?".
 */

/** Helpdesks Tactline knows. `generic` is the fallback adapter on any page the user enables. */
export type Platform =
  | 'zendesk'
  | 'freshdesk'
  | 'salesforce'
  | 'hubspot'
  | 'intercom'
  | 'helpscout'
  | 'gorgias'
  | 'front'
  | 'zoho'
  | 'servicenow'
  | 'jira'
  | 'freshservice'
  | 'gmail'
  | 'freescout'
  | 'osticket'
  | 'generic'
  | 'demo';

/** Who wrote a message in the ticket thread. `internal` = internal note visible to colleagues only. */
export type AuthorRole = 'customer' | 'agent' | 'internal';

export type ReplyMode = 'public' | 'internal';

export type Channel = 'email' | 'web' | 'chat' | 'phone' | 'social' | 'api' | 'other';

export interface TicketMessage {
  role: AuthorRole;
  /** Display name of the author when the page shows one. */
  author?: string;
  /** Plain text (never HTML), trimmed, signatures and quoted history removed where the adapter can tell. */
  text: string;
  /** ISO 8601 timestamp when the page shows one. */
  at?: string;
}

export interface Requester {
  name?: string;
  email?: string;
}

export interface TicketContext {
  platform: Platform;
  /** The helpdesk's own ticket id/number as shown to agents ("48213", "KEY-12", "500…"). */
  ticketId: string;
  subject: string;
  /** Oldest first. */
  messages: TicketMessage[];
  /** Text of the newest message whose role is `customer`, or '' when there is none. */
  latestCustomerMessage: string;
  requester: Requester;
  tags: string[];
  priority?: string;
  channel?: Channel;
  /** Which editor the agent is currently writing in. */
  replyMode: ReplyMode;
  /** Name of the signed-in agent when the page shows it (fills `{{agent.name}}`). */
  agentName?: string;
  /** ISO date of the ticket's newest message or of reading the page; "today" for relative dates. */
  referenceDate?: string;
  /** Page URL the context was read from (never sent anywhere). */
  url?: string;
}

/** A span of source text that caused a signal: shown to the agent as the "why". */
export interface Evidence {
  /** The matched text, as it appears in the ticket. */
  text: string;
  /** Offsets into the analysed text (`Signals.text`), when known. */
  start?: number;
  end?: number;
}

export interface IntentCandidate {
  id: string;
  label: string;
  /** Calibrated 0..1; candidates under the pack's threshold are dropped, so [] means "no intent fits". */
  score: number;
  evidence: Evidence[];
}

export type EmotionLabel =
  | 'angry'
  | 'frustrated'
  | 'anxious'
  | 'confused'
  | 'disappointed'
  | 'grateful'
  | 'neutral';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface EmotionSignal {
  label: EmotionLabel;
  score: number;
  evidence: Evidence[];
}

export interface SentimentSignal {
  label: SentimentLabel;
  /** -1..1 polarity. */
  score: number;
}

export interface AmountSignal {
  /** Numeric value in major units (180.5 for "€180,50"). For ranges, the upper bound. */
  value: number;
  /** ISO 4217 code; undefined when the text gives none and the pack has no default. */
  currency?: string;
  /** True when the currency was inferred from the pack default, not written in the text. */
  currencyAssumed?: boolean;
  /** Lower bound when the text gives a range ("150-200 EUR"). */
  min?: number;
  text: string;
  start: number;
  end: number;
  /** Where it was found. */
  source: 'ticket' | 'draft';
}

export type DateKind = 'order' | 'delivery' | 'purchase' | 'return' | 'contact' | 'event' | 'unknown';

export interface DateSignal {
  /** ISO date (YYYY-MM-DD) resolved against the reference date. */
  date: string;
  /** What the date is about, when the wording tells ("delivered on 3 March" → delivery). */
  kind: DateKind;
  /** Days between the date and the reference date (positive = in the past). */
  daysAgo: number;
  text: string;
  start: number;
  end: number;
}

export interface ReferenceSignal {
  kind: 'order' | 'invoice' | 'ticket' | 'tracking' | 'other';
  value: string;
  text: string;
  start: number;
  end: number;
}

export interface Signals {
  /** The analysed text (latest customer message weighted first); offsets in evidence refer to it. */
  text: string;
  /** ISO 639-1 code of the ticket language ("en", "de", …) or "und" when unsure. */
  language: string;
  languageConfidence: number;
  intents: IntentCandidate[];
  emotion: EmotionSignal;
  sentiment: SentimentSignal;
  amounts: AmountSignal[];
  dates: DateSignal[];
  references: ReferenceSignal[];
  requesterKind: 'customer' | 'colleague';
  /** Customer says they contacted before ("third time I'm writing", "still waiting"). */
  repeatContact: boolean;
  urgency: 'low' | 'normal' | 'high';
  /** Short human-readable notes for the sidebar's "what we detected" panel. */
  notes: string[];
}

export type SuggestionKind = 'phrase' | 'policy' | 'limit' | 'scenario';

export interface Suggestion {
  kind: SuggestionKind;
  /** Id of the pack entry (phrase id, policy id, limit id, scenario id). */
  id: string;
  /** Title for policies/limits, the phrase text (with placeholders) for phrases. */
  title: string;
  /** Body/summary shown under the title. */
  text: string;
  score: number;
  /** Human-readable reason, e.g. "matched: refund, damaged · mood: angry". */
  reason: string;
  /** Phrase kind / audience when kind = phrase. */
  phraseKind?: string;
  audience?: 'customer' | 'internal' | 'any';
  /** http(s) link for policies (never any other scheme). */
  url?: string;
}
