/**
 * Options page (admins and agents): the active pack, where packs come from (pack URL, file
 * import, enterprise policy), update now, history with rollback and diff, the update log, stale
 * content, agent settings, and the what-if tester. Everything goes through privileged `admin/*`
 * messages; the page itself holds no pack logic. Text only (no HTML rendering), native controls,
 * every control labelled.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import { discardStaged, stageFile } from '@/entrypoints/lib/staging';
import type { AdminState, ImportResult, UpdateNowResult } from '@/guidance/protocol';
import { browser } from 'wxt/browser';
import { CustomDomains } from '@/components/CustomDomains';
import { addDomain, listDomains, normaliseHost, originPatterns } from '@/entrypoints/lib/domains';
import { HistorySection } from './History';
import { WhatIf } from './WhatIf';
import { InsightsSection } from './Insights';
import { ReplyAssistSection } from './ReplyAssist';
import { DockSetting } from '@/components/DockSetting';
import { fmtDateTime, fmtNumber, t, tn, type MessageKey } from '@/components/i18n';
import { fmtMinutes, packCountsLine, sourceLabel, staleReason } from '@/components/labels';

/** A date and time in the UI language ("—" for none). */
export const fmtDate = fmtDateTime;
export { sourceLabel };

const OUTCOME_KEY: Record<string, MessageKey> = {
  installed: 'opOutInstalled',
  unchanged: 'opOutUnchanged',
  'not-modified': 'opOutNotModified',
  rejected: 'opOutRejected',
  failed: 'opOutFailed',
  'rolled-back': 'opOutRolledBack',
};
const outcomeText = (o: string) => (OUTCOME_KEY[o] ? t(OUTCOME_KEY[o]) : o);

export function Options() {
  const [state, setState] = useState<AdminState | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [updateResult, setUpdateResult] = useState<UpdateNowResult | null>(null);
  const [updateSeq, setUpdateSeq] = useState(0);

  async function refresh() {
    try {
      setState(await request('admin/state', {}));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  useEffect(() => {
    void refresh();
  }, []);

  async function updateNow() {
    setBusy(true);
    setUpdateResult(null);
    try {
      const r = await request('admin/update-now', {});
      setUpdateResult(r);
      setState(r.state);
      setUpdateSeq((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const pack = state?.pack;
  const active = state?.history.find((h) => h.active);
  return (
    <div class="tl-options">
      <nav class="tl-nav" aria-label={t('opNav')}>
        <strong class="tl-brand">Tactline</strong>
        <ul>
          <li><a href="#pack">{t('opActivePack')}</a></li>
          <li><a href="#sources">{t('opSources')}</a></li>
          <li><a href="#history">{t('hiHistory')}</a></li>
          <li><a href="#log">{t('opLog')}</a></li>
          <li><a href="#stale">{t('opStale')}</a></li>
          <li><a href="#settings">{t('opSettings')}</a></li>
          <li><a href="#sites">{t('cdSites')}</a></li>
          <li><a href="#whatif">{t('wiTitle')}</a></li>
          <li><a href="#insights">{t('inNav')}</a></li>
          <li><a href="#policy">{t('opNavPolicy')}</a></li>
        </ul>
      </nav>
      <main class="tl-page tl-main">
        <h1>{t('opH1')}</h1>
        {error && (
          <p class="tl-error" role="alert">
            {error}
          </p>
        )}
        {state?.lastError && (
          <p class="tl-banner tl-banner-bad" role="status" data-testid="last-error">
            {state.lastError.message} <span class="tl-muted">({fmtDate(state.lastError.at)})</span>
          </p>
        )}

        <section id="pack" aria-labelledby="pack-h" class="tl-card">
          <h2 id="pack-h">{t('opActivePack')}</h2>
          {pack ? (
            <dl class="tl-facts" data-testid="current-pack">
              <dt>{t('opName')}</dt>
              <dd data-testid="pack-name">{pack.name}</dd>
              <dt>{t('opVersion')}</dt>
              <dd data-testid="pack-version">{pack.version}</dd>
              <dt>{t('opPackId')}</dt>
              <dd>
                <code>{pack.id}</code>
              </dd>
              <dt>{t('opSource')}</dt>
              <dd data-testid="pack-source">{sourceLabel(pack.source)}</dd>
              <dt>{t('opSignedBy')}</dt>
              <dd data-testid="pack-signed">{pack.signedBy ?? t('opUnsigned')}</dd>
              <dt>{t('opUpdated')}</dt>
              <dd>{fmtDate(pack.installedAt ?? active?.installedAt)}</dd>
              <dt>{t('opContent')}</dt>
              <dd>{packCountsLine(pack.counts, true)}</dd>
            </dl>
          ) : (
            !error && <p class="tl-muted">{t('ppLoading')}</p>
          )}
        </section>

        {state && (
          <Sources
            state={state}
            busy={busy}
            updateResult={updateResult}
            updateSeq={updateSeq}
            onUpdateNow={updateNow}
            onState={setState}
            onRefresh={refresh}
          />
        )}
        {state && <HistorySection state={state} onState={setState} />}
        {state && <UpdateLog state={state} />}
        {state && <Stale state={state} />}
        {state && <SettingsSection state={state} onRefresh={refresh} />}
        {state && (
          <div id="sites" class="tl-card">
            <CustomDomains locked={state.lockedSettings} />
            <PolicySites sites={state.policy.enabledSites} />
          </div>
        )}
        {state && <ReplyAssistSection />}
        {state && <WhatIf state={state} />}
        {state && <InsightsSection />}
        {state && <PolicySection state={state} />}
      </main>
    </div>
  );
}

function Sources({
  state,
  busy,
  updateResult,
  updateSeq,
  onUpdateNow,
  onState,
  onRefresh,
}: {
  state: AdminState;
  busy: boolean;
  updateResult: UpdateNowResult | null;
  updateSeq: number;
  onUpdateNow: () => void;
  onState: (s: AdminState) => void;
  onRefresh: () => Promise<void>;
}) {
  const sub = state.subscription;
  const [url, setUrl] = useState(sub.urlSource === 'user' ? (sub.url ?? '') : '');
  const [urlMsg, setUrlMsg] = useState<{ ok: boolean; text: string }>();
  const [importResult, setImportResult] = useState<(ImportResult & { file: string }) | null>(null);
  const [packFile, setPackFile] = useState<File | null>(null);
  const [sigFile, setSigFile] = useState<File | null>(null);
  const [importing, setImporting] = useState(false);

  async function saveUrl(e: Event) {
    e.preventDefault();
    try {
      onState(await request('admin/set-pack-url', { url }));
      setUrlMsg({ ok: true, text: url.trim() ? t('opUrlSaved') : t('opUrlRemoved') });
    } catch (err) {
      setUrlMsg({ ok: false, text: (err as Error).message });
    }
  }

  async function doImport(e: Event) {
    e.preventDefault();
    if (!packFile) return;
    setImporting(true);
    try {
      const text = await packFile.text();
      const signature = sigFile ? await sigFile.text() : undefined;
      // Hand the file over through the extension's IndexedDB (much faster than messaging megabytes);
      // the background takes and deletes the record, and this page deletes it if the send failed.
      // Where IndexedDB is unavailable, the text goes in the message as before.
      const staged = await stageFile({ text, filename: packFile.name, signature }).catch(() => undefined);
      let r: ImportResult;
      try {
        r = await request('pack/import', staged ? { staged } : { text, filename: packFile.name, signature });
      } finally {
        if (staged) await discardStaged(staged).catch(() => undefined);
      }
      setImportResult({ ...r, file: packFile.name });
      await onRefresh();
    } catch (err) {
      setImportResult({ ok: false, errors: [(err as Error).message], file: packFile.name });
    } finally {
      setImporting(false);
    }
  }

  return (
    <section id="sources" aria-labelledby="sources-h" class="tl-card">
      <h2 id="sources-h">{t('opSources')}</h2>
      <p class="tl-muted">{t('opSourcesIntro')}</p>

      <h3>{t('opSrcUrl')}</h3>
      <dl class="tl-facts" data-testid="subscription">
        <dt>{t('opUrl')}</dt>
        <dd data-testid="subscription-url">
          {sub.url ? <code>{sub.url}</code> : <span class="tl-muted">{t('opNone')}</span>}
          {sub.urlSource === 'policy' && <span class="tl-tag">{t('opSetByPolicy')}</span>}
        </dd>
        <dt>{t('opSignatures')}</dt>
        <dd>{sub.signatureRequired ? t('opSigRequired', sub.trustedKeys.join(', ')) : t('opSigOptional')}</dd>
        <dt>{t('opChecked')}</dt>
        <dd>
          {t('opEvery', fmtMinutes(sub.intervalMinutes))} · {t('opLastCheck', fmtDate(sub.lastCheckAt), fmtDate(sub.lastSuccessAt))}
          {sub.failures > 0 && ` · ${tn(sub.failures, 'opFailures1', 'opFailures', fmtDate(sub.nextAttemptAt))}`}
        </dd>
      </dl>
      <p>
        <button type="button" class="tl-btn tl-primary" data-action="update-now" onClick={onUpdateNow} disabled={busy || !sub.url} aria-describedby="update-status">
          {busy ? t('opChecking') : t('opUpdateNow')}
        </button>{' '}
        <span id="update-status" role="status" aria-live="polite" data-testid="update-result" data-outcome={updateResult?.outcome ?? ''} data-seq={updateSeq} class={updateResult?.outcome === 'rejected' ? 'tl-error' : ''}>
          {updateResult?.message ?? (!sub.url ? t('opSetUrlFirst') : '')}
        </span>
      </p>
      {updateResult && updateResult.details.length > 0 && <ProblemList lines={updateResult.details} label={t('opProblems')} />}
      {sub.urlLocked ? (
        <p class="tl-muted">{t('opUrlManaged')}</p>
      ) : (
        <form onSubmit={saveUrl} class="tl-row">
          <label for="pack-url">{t('opUrlLabel')}</label>
          <input
            id="pack-url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/guidance/pack.json"
            value={url}
            pattern="https://.*"
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
            aria-describedby="pack-url-help pack-url-msg"
          />
          <button type="submit" class="tl-btn">
            {t('opSave')}
          </button>
          <small id="pack-url-help" class="tl-muted">
            {sub.signatureRequired ? t('opUrlHelpSigned') : t('opUrlHelpUnsigned')}
          </small>
          <span id="pack-url-msg" role="status" class={urlMsg && !urlMsg.ok ? 'tl-error' : 'tl-muted'}>
            {urlMsg?.text}
          </span>
        </form>
      )}

      <h3>{t('opImportH')}</h3>
      <form onSubmit={doImport} class="tl-form-grid">
        <label for="pack-file">{t('opPackFile')}</label>
        <input id="pack-file" type="file" accept=".json,.yaml,.yml,application/json" onChange={(e) => setPackFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        <label for="sig-file">{sub.signatureRequired ? t('opSigFileReq') : t('opSigFileOpt')}</label>
        <input id="sig-file" type="file" accept=".sig,application/json,text/plain" onChange={(e) => setSigFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        <span />
        <p>
          <button type="submit" class="tl-btn" disabled={!packFile || importing}>
            {importing ? t('opChecking') : t('opImport')}
          </button>
        </p>
      </form>
      {importResult && (
        <div class="tl-report" data-testid="import-report" role="status" aria-live="polite">
          {importResult.ok ? (
            <p>
              {importResult.unchanged
                ? t('opImportSame', importResult.file, importResult.pack?.version ?? '?')
                : t('opImportOk', importResult.file, importResult.pack?.name ?? '?', importResult.pack?.version ?? '?')}
            </p>
          ) : (
            <>
              <p class="tl-error">
                {importResult.stage ? t('opImportFailedAt', importResult.file, importResult.stage) : t('opImportFailed', importResult.file)}
              </p>
              <ProblemList lines={importResult.errors} label={t('opReport')} />
            </>
          )}
          {importResult.warnings && importResult.warnings.length > 0 && <ProblemList lines={importResult.warnings} label={t('opWarnings')} />}
        </div>
      )}
    </section>
  );
}

/** One line per problem, its JSON path first. */
export function ProblemList({ lines, label }: { lines: string[]; label: string }) {
  return (
    <div>
      <h4 class="tl-sub">
        {label} ({fmtNumber(lines.length)})
      </h4>
      <ul class="tl-problems" data-testid="problems">
        {lines.slice(0, 200).map((line, i) => {
          const m = /^(\/[^:\s]*):\s(.*)$/.exec(line);
          return (
            <li key={i}>
              {m ? (
                <>
                  <code>{m[1]}</code> {m[2]}
                </>
              ) : (
                line
              )}
            </li>
          );
        })}
        {lines.length > 200 && <li class="tl-muted">{t('opMore', fmtNumber(lines.length - 200))}</li>}
      </ul>
    </div>
  );
}

function UpdateLog({ state }: { state: AdminState }) {
  return (
    <section id="log" aria-labelledby="log-h" class="tl-card">
      <h2 id="log-h">{t('opLog')}</h2>
      {state.log.length === 0 ? (
        <p class="tl-muted">{t('opNoUpdates')}</p>
      ) : (
        <table class="tl-table" data-testid="log">
          <caption class="tl-sr">{t('opLogCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('opWhen')}</th>
              <th scope="col">{t('opResult')}</th>
              <th scope="col">{t('opSource')}</th>
              <th scope="col">{t('opDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {state.log.map((e, i) => (
              <tr key={`${e.at}-${i}`} data-outcome={e.outcome}>
                <td>{fmtDate(e.at)}</td>
                <td>
                  <span class={`tl-pill tl-pill-${e.outcome}`}>{outcomeText(e.outcome)}</span>
                  {e.repeat && e.repeat > 1 ? <span class="tl-muted"> ×{e.repeat}</span> : null}
                </td>
                <td>
                  {sourceLabel(e.source)}
                  {e.origin && (
                    <>
                      <br />
                      <small class="tl-muted tl-break">{e.origin}</small>
                    </>
                  )}
                </td>
                <td>
                  {e.stage && e.outcome !== 'installed' ? <span class="tl-muted">[{e.stage}] </span> : null}
                  {e.message}
                  {e.details && e.details.length > 0 && (
                    <details>
                      <summary>{tn(e.details.length, 'opLines1', 'opLines')}</summary>
                      <ProblemList lines={e.details} label={t('opDetails')} />
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const STALE_KEY = { expired: 'opStExpired', 'review-overdue': 'opStOverdue', 'expires-soon': 'opStSoon' } as const satisfies Record<string, MessageKey>;

function Stale({ state }: { state: AdminState }) {
  return (
    <section id="stale" aria-labelledby="stale-h" class="tl-card">
      <h2 id="stale-h">{t('opStale')}</h2>
      <p class="tl-muted">
        {t('opStaleIntro')}{' '}
        {state.reviewIntervalDays ? tn(state.reviewIntervalDays, 'opInterval1', 'opInterval') : t('opIntervalNone')}
      </p>
      {state.stale.length === 0 ? (
        <p data-testid="stale-none">{t('opStaleNone')}</p>
      ) : (
        <ul class="tl-problems" data-testid="stale">
          {state.stale.map((s) => (
            <li key={`${s.kind}-${s.id}-${s.severity}`}>
              <span class={`tl-pill tl-pill-${s.severity}`}>{t(STALE_KEY[s.severity])}</span> <strong>{s.title}</strong>{' '}
              <code>{s.kind === 'policy' ? `policies/${s.id}` : s.id}</code> — {staleReason(s)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SettingsSection({ state, onRefresh }: { state: AdminState; onRefresh: () => Promise<void> }) {
  const locked = new Set(state.lockedSettings);
  const [name, setName] = useState(state.settings.agentName);
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  async function save(patch: Parameters<typeof request<'settings/set'>>[1]): Promise<boolean> {
    try {
      await request('settings/set', patch);
      setMsg({ ok: true, text: t('opSaved') });
      await onRefresh();
      return true;
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
      return false;
    }
  }
  return (
    <section id="settings" aria-labelledby="settings-h" class="tl-card">
      <h2 id="settings-h">{t('opSettings')}</h2>
      <div class="tl-grid">
        <label>
          {t('ciRole')}
          <select
            id="role"
            data-testid="role"
            value={state.settings.role}
            disabled={locked.has('role')}
            onChange={(e) => void save({ role: (e.target as HTMLSelectElement).value })}
          >
            {state.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          {locked.has('role') && <small data-testid="role-locked">{t('opSetByOrg')}</small>}
        </label>
        <label>
          {t('opAgentName', '{{agent.name}}')}
          <input
            id="agent-name"
            value={name}
            disabled={locked.has('agentName')}
            maxLength={200}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            onBlur={() => name !== state.settings.agentName && void save({ agentName: name })}
          />
          {locked.has('agentName') && <small>{t('opSetByOrg')}</small>}
        </label>
        <DockSetting value={state.settings.dock} locked={locked.has('dock')} lockedText={t('opSetByOrg')} onChange={(dock) => save({ dock })} />
      </div>
      <p role="status" class={msg && !msg.ok ? 'tl-error' : 'tl-muted'}>
        {msg?.text}
      </p>
    </section>
  );
}

/**
 * Sites pre-set by policy (`enabledSites`). Policy cannot grant host permissions, so each needs one
 * click here: the browser asks, then the site is added with source "policy".
 */
function PolicySites({ sites }: { sites: string[] }) {
  const [added, setAdded] = useState<string[]>([]);
  const [msg, setMsg] = useState<string>();
  useEffect(() => {
    void listDomains().then((d) => setAdded(d.map((x) => x.host)));
  }, []);
  const hosts = [...new Set(sites.map((s) => normaliseHost(s)).filter((h): h is string => !!h))];
  if (hosts.length === 0) return null;
  function allow(host: string) {
    // permissions.request must run inside the click, before any other await.
    browser.permissions.request({ origins: originPatterns(host) }).then(
      async (granted) => {
        if (!granted) return setMsg(t('opPermDenied', host));
        setAdded((await addDomain(host, 'generic', 'policy')).map((x) => x.host));
        setMsg(t('opNowReads', host));
      },
      (e: Error) => setMsg(e.message),
    );
  }
  return (
    <div>
      <h3>{t('opOrgSites')}</h3>
      <ul class="tl-problems">
        {hosts.map((h) => (
          <li key={h}>
            <strong>{h}</strong>{' '}
            {added.includes(h) ? (
              <span class="tl-muted">{t('opEnabled')}</span>
            ) : (
              <button type="button" class="tl-btn" onClick={() => allow(h)}>
                {t('opAllowOn', h)}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p role="status" class="tl-muted">
        {msg}
      </p>
    </div>
  );
}

function PolicySection({ state }: { state: AdminState }) {
  const p = state.policy;
  return (
    <section id="policy" aria-labelledby="policy-h" class="tl-card">
      <h2 id="policy-h">{t('opPolicyH')}</h2>
      {!p.present ? (
        <p class="tl-muted" data-testid="policy-none">
          {t('opNoPolicy')}
          {p.readError ? ` (${p.readError})` : ''}
        </p>
      ) : (
        <dl class="tl-facts" data-testid="policy">
          <dt>{t('opSrcUrl')}</dt>
          <dd>{p.packUrl ? <code>{p.packUrl}</code> : '—'}</dd>
          <dt>{t('opTrustedKeys')}</dt>
          <dd>{p.publicKeys.length ? p.publicKeys.join(', ') : '—'}</dd>
          <dt>{t('ciRole')}</dt>
          <dd data-testid="policy-role">{p.role ?? '—'}</dd>
          <dt>{t('opLocked')}</dt>
          <dd>{p.lockedSettings.length ? p.lockedSettings.join(', ') : '—'}</dd>
          <dt>{t('opExtraSites')}</dt>
          <dd>{p.enabledSites.length ? p.enabledSites.join(', ') : '—'}</dd>
          <dt>{t('opUpdateInterval')}</dt>
          <dd>{p.updateIntervalMinutes ? fmtMinutes(p.updateIntervalMinutes) : t('opIntervalDefault', fmtMinutes(30))}</dd>
        </dl>
      )}
      {p.problems.length > 0 && (
        <div class="tl-report" role="status">
          <p class="tl-error">{t('opPolicyIgnored')}</p>
          <ul class="tl-problems" data-testid="policy-problems">
            {p.problems.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
