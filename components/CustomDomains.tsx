/**
 * Options → Sites: add a company's own helpdesk domain (self-hosted FreeScout/osTicket, a vanity
 * domain, or any page to read with the generic adapter). The browser asks the user for that one host
 * at the moment they click Add (optional host permission); removing it gives the permission back.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { addDomain, listDomains, normaliseHost, originPatterns, removeDomain, type CustomDomain } from '@/entrypoints/lib/domains';
import type { Platform } from '@/guidance/types';

export const ADAPTER_CHOICES: Array<[Platform, string]> = [
  ['generic', 'Any page (generic: selection or main content)'],
  ['freescout', 'FreeScout'],
  ['osticket', 'osTicket'],
  ['zendesk', 'Zendesk'],
  ['freshdesk', 'Freshdesk'],
  ['helpscout', 'Help Scout'],
  ['jira', 'Jira Service Management'],
  ['servicenow', 'ServiceNow'],
  ['zoho', 'Zoho Desk'],
  ['salesforce', 'Salesforce'],
];

export function CustomDomains({ locked = [] }: { locked?: string[] }) {
  const [domains, setDomains] = useState<CustomDomain[]>([]);
  const [host, setHost] = useState('');
  const [adapter, setAdapter] = useState<Platform>('generic');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  useEffect(() => {
    void listDomains().then(setDomains);
  }, []);

  function add(e: Event) {
    e.preventDefault();
    const h = normaliseHost(host);
    if (!h) {
      setMessage({ kind: 'error', text: `“${host}” is not a host name. Example: help.example.org` });
      return;
    }
    // permissions.request must run inside the click, before any other await.
    browser.permissions.request({ origins: originPatterns(h) }).then(
      async (granted) => {
        if (!granted) {
          setMessage({ kind: 'error', text: `Permission for ${h} was not granted; nothing was added.` });
          return;
        }
        try {
          setDomains(await addDomain(h, adapter));
          setHost('');
          setMessage({ kind: 'ok', text: `Tactline now reads tickets on ${h}. Reload open tabs of that site.` });
        } catch (error) {
          setMessage({ kind: 'error', text: (error as Error).message });
        }
      },
      (error: Error) => setMessage({ kind: 'error', text: error.message }),
    );
  }

  async function remove(h: string) {
    setDomains(await removeDomain(h));
    setMessage({ kind: 'ok', text: `Removed ${h}; Tactline no longer has access to it.` });
  }

  return (
    <section aria-labelledby="sites-h" data-testid="sites">
      <h2 id="sites-h">Sites</h2>
      <p class="tl-muted">Zendesk, Freshdesk, Salesforce, HubSpot, Intercom, Help Scout, Gorgias, Front, Zoho Desk, ServiceNow, Jira, Freshservice and Gmail work out of the box. Add your own helpdesk domain here.</p>
      <ul class="tl-hits">
        {domains.map((d) => (
          <li key={d.host} data-host={d.host}>
            <strong>{d.host}</strong> · {ADAPTER_CHOICES.find(([id]) => id === d.adapter)?.[1] ?? d.adapter}
            {d.source === 'policy' ? (
              <span class="tl-muted"> (set by your admin)</span>
            ) : (
              <button type="button" class="tl-btn" aria-label={`Remove ${d.host}`} onClick={() => void remove(d.host)} disabled={locked.includes('enabledSites')}>
                Remove
              </button>
            )}
          </li>
        ))}
        {domains.length === 0 && <li class="tl-muted">No custom domains yet.</li>}
      </ul>
      <form onSubmit={add} class="tl-grid">
        <label>
          Domain
          <input value={host} placeholder="help.example.org" onInput={(e) => setHost((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Helpdesk
          <select value={adapter} onChange={(e) => setAdapter((e.target as HTMLSelectElement).value as Platform)}>
            {ADAPTER_CHOICES.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="tl-btn" data-action="add-domain">
          Add domain
        </button>
      </form>
      {message && (
        <p class={message.kind === 'error' ? 'tl-error' : 'tl-muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
