/**
 * Options → Sites: add a company's own helpdesk domain (self-hosted FreeScout/osTicket, a vanity
 * domain, or any page to read with the generic adapter). The browser asks the user for that one host
 * at the moment they click Add (optional host permission); removing it gives the permission back.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { addDomain, listDomains, normaliseHost, originPatterns, removeDomain, type CustomDomain } from '@/entrypoints/lib/domains';
import type { Platform } from '@/guidance/types';
import { t } from './i18n';

/** Product names stay as they are; only the generic choice is translated (see adapterLabel). */
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

export function adapterLabel(id: string): string {
  if (id === 'generic') return t('cdGeneric');
  return ADAPTER_CHOICES.find(([a]) => a === id)?.[1] ?? id;
}

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
      setMessage({ kind: 'error', text: t('cdNotHost', host) });
      return;
    }
    // permissions.request must run inside the click, before any other await.
    browser.permissions.request({ origins: originPatterns(h) }).then(
      async (granted) => {
        if (!granted) {
          setMessage({ kind: 'error', text: t('cdDenied', h) });
          return;
        }
        try {
          setDomains(await addDomain(h, adapter));
          setHost('');
          setMessage({ kind: 'ok', text: t('cdAdded', h) });
        } catch (error) {
          setMessage({ kind: 'error', text: (error as Error).message });
        }
      },
      (error: Error) => setMessage({ kind: 'error', text: error.message }),
    );
  }

  async function remove(h: string) {
    setDomains(await removeDomain(h));
    setMessage({ kind: 'ok', text: t('cdRemoved', h) });
  }

  return (
    <section aria-labelledby="sites-h" data-testid="sites">
      <h2 id="sites-h">{t('cdSites')}</h2>
      <p class="tl-muted">{t('cdIntro')}</p>
      <ul class="tl-hits">
        {domains.map((d) => (
          <li key={d.host} data-host={d.host}>
            <strong>{d.host}</strong> · {adapterLabel(d.adapter)}
            {d.source === 'policy' ? (
              <span class="tl-muted"> {t('ppSetByAdmin')}</span>
            ) : (
              <button type="button" class="tl-btn" aria-label={t('cdRemoveAria', d.host)} onClick={() => void remove(d.host)} disabled={locked.includes('enabledSites')}>
                {t('cdRemove')}
              </button>
            )}
          </li>
        ))}
        {domains.length === 0 && <li class="tl-muted">{t('cdNone')}</li>}
      </ul>
      <form onSubmit={add} class="tl-grid">
        <label>
          {t('cdDomain')}
          <input value={host} placeholder="help.example.org" onInput={(e) => setHost((e.target as HTMLInputElement).value)} />
        </label>
        <label class="tl-span2">
          {t('cdHelpdesk')}
          <select value={adapter} onChange={(e) => setAdapter((e.target as HTMLSelectElement).value as Platform)}>
            {ADAPTER_CHOICES.map(([id]) => (
              <option key={id} value={id}>
                {adapterLabel(id)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="tl-btn" data-action="add-domain">
          {t('cdAdd')}
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
