import type { Platform, ReplyMode, TicketContext } from '../../../guidance/types';

export type { Platform, ReplyMode, TicketContext };

/**
 * One helpdesk's page reader. Adapters are plain objects whose methods never use `this`, so the
 * registry may copy them (custom domains). Every method only reads the page; none mutates it.
 */
export interface SiteAdapter {
  id: Platform;                       // from guidance/types.ts
  label: string;                      // "Zendesk"
  /** Example URLs this adapter must claim, and ones it must not. */
  examples: { match: string[]; noMatch: string[] };
  /** Does this URL show a single ticket this adapter can read? Exact host or suffix matching, never `includes`. */
  matchesUrl(url: URL): boolean;
  /** Read the visible/active ticket. Returns null when it cannot read one (then Tactline stays quiet). */
  extract(doc: Document, url: URL): TicketContext | null;
  /** The reply editor for the active ticket in the given mode, or null; and which mode is active now. */
  findEditor(doc: Document, mode: ReplyMode): HTMLElement | null;
  activeMode(doc: Document): ReplyMode;
  /** Element that contains the ticket (for the shared observer to watch); null → document.body. */
  ticketRoot(doc: Document): Element | null;
  /** Where the sidebar may dock without covering the host's own controls (optional hint). */
  dockHint?: 'right' | 'left';
}
