// The manifest's host list must cover every SaaS adapter's ticket URLs (self-hosted helpdesks and the
// generic adapter run on custom domains granted at runtime), and nothing broader than needed.
import { describe, expect, it } from 'vitest';
import { SUPPORTED_MATCHES, matchesPattern } from '@/entrypoints/lib/hosts';
import { adapters } from '@/entrypoints/lib/adapters/registry';

const SELF_HOSTED = new Set(['freescout', 'osticket', 'generic', 'demo']);

describe('supported hosts', () => {
  it('never asks for all URLs', () => {
    for (const p of SUPPORTED_MATCHES) {
      expect(p).not.toMatch(/<all_urls>|^\*:\/\/\*\/|^https?:\/\/\*\//);
      expect(p.startsWith('https://')).toBe(true);
    }
  });
  for (const adapter of adapters.filter((a) => !SELF_HOSTED.has(a.id))) {
    it(`covers every example ticket URL of ${adapter.label}`, () => {
      expect(adapter.examples.match.length).toBeGreaterThan(0);
      for (const u of adapter.examples.match) {
        const url = new URL(u);
        expect(SUPPORTED_MATCHES.some((p) => matchesPattern(p, url)), `${u} is not covered by the manifest`).toBe(true);
      }
    });
  }
  it('matches patterns like the browser does', () => {
    expect(matchesPattern('https://*.zendesk.com/*', new URL('https://acme.zendesk.com/agent/tickets/1'))).toBe(true);
    expect(matchesPattern('https://*.zendesk.com/*', new URL('https://zendesk.com.evil.example/agent'))).toBe(false);
    expect(matchesPattern('https://*.zendesk.com/*', new URL('http://acme.zendesk.com/'))).toBe(false);
    expect(matchesPattern('https://mail.google.com/*', new URL('https://mail.google.com/mail/u/0/#inbox/abc'))).toBe(true);
  });
});
