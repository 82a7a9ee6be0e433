/**
 * Local insights from the content script: fire-and-forget reports to the background, which checks
 * the switch, the pack and the rate limit. Never throws and never delays the UI; a failed report
 * (background asleep, extension reloaded) is simply not counted.
 */
import { request } from '@/entrypoints/lib/messaging';
import type { PageInsightEvent } from '@/guidance/protocol';

export type InsightEvent = PageInsightEvent;

export function recordInsight(event: InsightEvent): void {
  try {
    void request('insights/record', event).catch(() => undefined);
  } catch {
    /* the extension context is gone (reloaded): nothing to count */
  }
}
