/**
 * URL predicates: every adapter claims all its own example URLs, rejects its negative examples, and no
 * adapter claims another adapter's positive examples (catches "the list view matched as a ticket" and
 * loose host matching). The generic fallback can run on any web page by design, so it is exempt from
 * claiming others' URLs, but no specific adapter may claim the generic examples.
 */
import { describe, expect, it } from 'vitest';
import { adapterFor, adapters, allAdapters, customDomainMatches, selfHostedAdapters } from '../../../entrypoints/lib/adapters/registry';
import { generic } from '../../../entrypoints/lib/adapters/generic';
import { ADAPTER_HOST_PATTERNS, patternCovers } from '../../../entrypoints/lib/adapters/hosts';

describe('adapter example URLs', () => {
  it('every adapter has positive and negative examples and a unique id', () => {
    const ids = new Set<string>();
    for (const a of allAdapters) {
      expect(a.examples.match.length, a.id).toBeGreaterThan(0);
      expect(a.examples.noMatch.length, a.id).toBeGreaterThan(0);
      expect(ids.has(a.id), a.id).toBe(false);
      ids.add(a.id);
    }
  });

  for (const a of allAdapters) {
    it(`${a.id} claims its own examples`, () => {
      for (const u of a.examples.match) expect(a.matchesUrl(new URL(u)), u).toBe(true);
    });
    it(`${a.id} rejects its negative examples`, () => {
      for (const u of a.examples.noMatch) expect(a.matchesUrl(new URL(u)), u).toBe(false);
    });
  }

  it('no specific adapter claims another adapter’s example URLs', () => {
    for (const owner of allAdapters) {
      for (const u of owner.examples.match) {
        for (const other of allAdapters) {
          if (other === owner || other === generic) continue;
          expect(other.matchesUrl(new URL(u)), `${other.id} claims ${owner.id}'s ${u}`).toBe(false);
        }
      }
    }
  });

  it('adapterFor returns the owner for every specific adapter example, and nothing for negatives', () => {
    for (const a of adapters) {
      for (const u of a.examples.match) expect(adapterFor(new URL(u))?.id, u).toBe(a.id);
      for (const u of a.examples.noMatch) {
        const got = adapterFor(new URL(u));
        expect(got === null || got.id !== a.id, `${u} → ${got?.id}`).toBe(true);
      }
    }
  });

  it('self-hosted adapters run only on domains the user mapped to them', () => {
    for (const a of selfHostedAdapters) {
      for (const u of a.examples.match) {
        const url = new URL(u);
        expect(adapterFor(url), u).toBeNull();
        expect(adapterFor(url, { customDomains: [{ host: url.hostname, adapter: a.id }] })?.id, u).toBe(a.id);
      }
      for (const u of a.examples.noMatch) {
        const url = new URL(u);
        expect(adapterFor(url, { customDomains: [{ host: url.hostname, adapter: a.id }] }), u).toBeNull();
      }
    }
  });

  it('the generic adapter is never chosen by URL alone', () => {
    expect(adapterFor(new URL('https://support.example.org/tickets/1042'))).toBeNull();
  });
});

describe('host patterns for the manifest', () => {
  it('cover every example URL of every hosted adapter', () => {
    for (const a of adapters) {
      for (const u of a.examples.match) {
        expect(ADAPTER_HOST_PATTERNS.some((p) => patternCovers(p, new URL(u))), u).toBe(true);
      }
    }
  });

  it('do not cover look-alike hosts', () => {
    for (const u of ['https://zendesk.com.evil.example/', 'https://notzendesk.com/', 'https://secure.helpscout.net.evil.example/', 'http://mail.google.com/']) {
      expect(ADAPTER_HOST_PATTERNS.some((p) => patternCovers(p, new URL(u))), u).toBe(false);
    }
  });
});

describe('custom domains', () => {
  const customDomains = [
    { host: 'support.acme.example', adapter: 'zendesk' as const },
    { host: '*.help.example.org', adapter: 'generic' as const },
  ];

  it('maps an exact host to the chosen adapter, checking its ticket path', () => {
    const a = adapterFor(new URL('https://support.acme.example/agent/tickets/77'), { customDomains });
    expect(a?.id).toBe('zendesk');
    expect(a?.matchesUrl(new URL('https://support.acme.example/agent/tickets/78'))).toBe(true);
    expect(a?.matchesUrl(new URL('https://other.example/agent/tickets/78'))).toBe(false);
    expect(adapterFor(new URL('https://support.acme.example/agent/filters/1'), { customDomains })).toBeNull();
  });

  it('applies each adapter’s own path rule on a custom domain', () => {
    const sn = [{ host: 'itsm.acme.example', adapter: 'servicenow' as const }];
    expect(adapterFor(new URL('https://itsm.acme.example/incident.do?sys_id=9d385017c611228701d22104cc95c371'), { customDomains: sn })?.id).toBe('servicenow');
    expect(adapterFor(new URL('https://itsm.acme.example/incident_list.do'), { customDomains: sn })).toBeNull();
    const fd = [{ host: 'help.acme.example', adapter: 'freshdesk' as const }];
    expect(adapterFor(new URL('https://help.acme.example/a/tickets/12'), { customDomains: fd })?.id).toBe('freshdesk');
    expect(adapterFor(new URL('https://help.acme.example/a/tickets/filters/all'), { customDomains: fd })).toBeNull();
  });

  it('never matches by substring', () => {
    expect(adapterFor(new URL('https://evilsupport.acme.example/agent/tickets/77'), { customDomains })).toBeNull();
    expect(adapterFor(new URL('https://support.acme.example.evil.test/agent/tickets/77'), { customDomains })).toBeNull();
    expect(customDomainMatches(new URL('https://xhelp.example.org/'), '*.help.example.org')).toBe(false);
  });

  it('supports "*." entries for a domain and its subdomains', () => {
    expect(adapterFor(new URL('https://help.example.org/t/5'), { customDomains })?.id).toBe('generic');
    expect(adapterFor(new URL('https://eu.help.example.org/t/5'), { customDomains })?.id).toBe('generic');
  });

  it('built-in adapters win over custom entries, and non-web schemes are refused', () => {
    const a = adapterFor(new URL('https://northwind-demo.zendesk.com/agent/tickets/1'), {
      customDomains: [{ host: 'northwind-demo.zendesk.com', adapter: 'generic' }],
    });
    expect(a?.id).toBe('zendesk');
    expect(adapterFor(new URL('file:///tmp/x.html'), { customDomains: [{ host: '', adapter: 'generic' }] })).toBeNull();
  });
});
