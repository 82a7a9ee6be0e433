// @vitest-environment happy-dom
// The "can't read this ticket" report must carry page structure only: no ticket text, no names,
// no e-mail addresses, no attribute values that hold text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrub, structureReport } from '@/entrypoints/lib/structure-report';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'zendesk', '2026-11-24-refund-damaged-tent.html');

describe('redacted page-structure report', () => {
  document.documentElement.innerHTML = readFileSync(FIXTURE, 'utf8').replace(/^<!--[^]*?-->\s*<!doctype html>/i, '');
  const report = structureReport(document, 'zendesk');

  it('shows structure and selector health', () => {
    expect(report).toMatch(/article\[data-test-id="omni-log-comment-item"\]/);
    expect(report).toMatch(/selector health/);
    expect(report).toMatch(/\d+\tsubject\t/);
  });

  it('contains no ticket text, names, e-mails or text-bearing attribute values', () => {
    for (const secret of ['Ada', 'Example', 'unacceptable', 'Ridgeline', 'refund', '€180', 'NW-100234', 'Sam Rivera', 'Public reply', '@example.com', 'Tent arrived']) {
      expect(report.includes(secret), `report leaks "${secret}"`).toBe(false);
    }
  });

  it('scrubs digits, hex ids and e-mail addresses from ids and classes', () => {
    expect(scrub('ticket-48213')).toBe('ticket-N');
    expect(scrub('ada.example@example.com')).toBe('[email]');
    expect(scrub('a1b2c3d4e5f6a7b8c9d0')).toBe('[hex]');
  });
});
