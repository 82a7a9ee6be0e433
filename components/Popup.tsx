/** Toolbar popup: which pack is active, the agent's role, and a search over the whole pack. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { SearchHitView, StatusResult } from '@/guidance/protocol';
import { CanI } from './CanI';
import { fillPlaceholders } from '@/guidance/placeholders';
import { DockSetting, type Dock } from './DockSetting';
import { t } from './i18n';
import { kindLabel, packCountsLine, sourceLabel } from './labels';

export function Popup() {
  const [status, setStatus] = useState<StatusResult | null>(null);
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHitView[]>([]);
  const [copied, setCopied] = useState<string>();
  const [tab, setTab] = useState<'search' | 'cani'>('search');
  const seq = useRef(0);

  useEffect(() => {
    request('status/get', {}).then(setStatus, (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    if (!query.trim()) {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      request('pack/search', { query, limit: 12 }).then(
        (h) => mine === seq.current && setHits(h),
        (e: Error) => setError(e.message),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [query]);

  async function setRole(role: string) {
    setStatus(await request('settings/set', { role }));
  }
  async function setDock(dock: Dock): Promise<boolean> {
    try {
      setStatus(await request('settings/set', { dock }));
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }

  const pack = status?.pack;
  return (
    <main class="tl-page tl-popup">
      <h1>Tactline</h1>
      {error && (
        <p class="tl-error" role="alert">
          {error}
        </p>
      )}
      {pack ? (
        <section aria-labelledby="pack-h">
          <h2 id="pack-h">{t('ppPackH')}</h2>
          <p data-testid="pack-name">
            <strong>{pack.name}</strong> · {t('ppPackMeta', pack.version, sourceLabel(pack.source))}
          </p>
          <p class="tl-muted" data-testid="pack-counts">
            {packCountsLine(pack.counts)}
          </p>
        </section>
      ) : (
        !error && <p class="tl-muted">{t('ppLoading')}</p>
      )}
      {status && status.roles.length > 0 && (
        <p>
          <label for="role">{t('ppRole')} </label>
          <select id="role" value={status.settings.role} disabled={status.lockedSettings.includes('role')} onChange={(e) => void setRole((e.target as HTMLSelectElement).value)}>
            {status.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          {status.lockedSettings.includes('role') && <span class="tl-muted"> {t('ppSetByAdmin')}</span>}
        </p>
      )}
      {status && (
        <DockSetting
          idPrefix="pp-dock"
          value={status.settings.dock}
          locked={status.lockedSettings.includes('dock')}
          lockedText={t('ppSetByAdmin')}
          onChange={setDock}
        />
      )}
      {status?.lastError && (
        <p class="tl-error" role="status">
          {status.lastError.message}
        </p>
      )}
      <div class="tl-tabs" role="tablist" aria-label={t('ppTabs')}>
        <button type="button" role="tab" id="tab-search" aria-selected={tab === 'search'} aria-controls="panel-search" onClick={() => setTab('search')}>
          {t('ppTabSearch')}
        </button>
        <button type="button" role="tab" id="tab-cani" aria-selected={tab === 'cani'} aria-controls="panel-cani" onClick={() => setTab('cani')}>
          {t('ciTitle')}
        </button>
      </div>
      {tab === 'cani' && (
        <section id="panel-cani" role="tabpanel" aria-labelledby="tab-cani">
          <CanI compact />
          <p>
            <a href="/can-i.html" target="_blank" rel="noopener">
              {t('ppOpenCanI')}
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="search-h" id="panel-search" role="tabpanel" hidden={tab !== 'search'}>
        <h2 id="search-h">{t('ppSearchH')}</h2>
        <input
          type="search"
          aria-label={t('ppSearchAria')}
          placeholder={t('ppSearchPh')}
          value={query}
          autoFocus
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <ul class="tl-hits" data-testid="hits">
          {hits.map((h) => (
            <li key={`${h.kind}:${h.id}`}>
              <span class="tl-kind">{kindLabel(h.kind)}</span>{' '}
              <strong>{h.kind === 'phrase' ? fillPlaceholders(h.title, {}).text : h.title}</strong>
              {h.text && h.text !== h.title && <p class="tl-muted">{h.text}</p>}
              {h.kind === 'phrase' && (
                <div class="tl-actions">
                  <button
                    type="button"
                    class="tl-btn"
                    aria-label={t('ppCopyAria')}
                    onClick={() => void navigator.clipboard.writeText(fillPlaceholders(h.title, {}).text).then(() => setCopied(h.id))}
                  >
                    {copied === h.id ? t('ppCopied') : t('ppCopy')}
                  </button>
                </div>
              )}
            </li>
          ))}
          {query.trim() && hits.length === 0 && <li class="tl-muted">{t('ppNoMatch', query)}</li>}
        </ul>
      </section>
    </main>
  );
}
