/**
 * Options page (admins and agents): the active pack, where packs come from (pack URL, file
 * import, enterprise policy), update now, history with rollback and diff, the update log, stale
 * content, agent settings, and the what-if tester. Everything goes through privileged `admin/*`
 * messages; the page itself holds no pack logic. Text only (no HTML rendering), native controls,
 * every control labelled.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { AdminState, ImportResult, UpdateNowResult } from '@/guidance/protocol';
import { browser } from 'wxt/browser';
import { CustomDomains } from '@/components/CustomDomains';
import { addDomain, listDomains, normaliseHost, originPatterns } from '@/entrypoints/lib/domains';
import { HistorySection } from './History';
import { WhatIf } from './WhatIf';

export function fmtDate(iso?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const SOURCE_LABEL: Record<string, string> = {
  bundled: 'Bundled default',
  file: 'Imported file',
  url: 'Pack URL',
  policy: 'Enterprise policy URL',
  rollback: 'Rollback',
};
export const sourceLabel = (s: string) => SOURCE_LABEL[s] ?? s;

const OUTCOME_LABEL: Record<string, string> = {
  installed: 'Installed',
  unchanged: 'Unchanged',
  'not-modified': 'Not modified',
  rejected: 'Rejected',
  failed: 'Failed',
  'rolled-back': 'Rolled back',
};

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
      <nav class="tl-nav" aria-label="Sections">
        <strong class="tl-brand">Tactline</strong>
        <ul>
          <li><a href="#pack">Active pack</a></li>
          <li><a href="#sources">Pack sources</a></li>
          <li><a href="#history">History</a></li>
          <li><a href="#log">Update log</a></li>
          <li><a href="#stale">Stale content</a></li>
          <li><a href="#settings">Your settings</a></li>
          <li><a href="#sites">Sites</a></li>
          <li><a href="#whatif">What-if tester</a></li>
          <li><a href="#policy">Policy</a></li>
        </ul>
      </nav>
      <main class="tl-page tl-main">
        <h1>Guidance pack and settings</h1>
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
          <h2 id="pack-h">Active pack</h2>
          {pack ? (
            <dl class="tl-facts" data-testid="current-pack">
              <dt>Name</dt>
              <dd data-testid="pack-name">{pack.name}</dd>
              <dt>Version</dt>
              <dd data-testid="pack-version">{pack.version}</dd>
              <dt>Pack id</dt>
              <dd>
                <code>{pack.id}</code>
              </dd>
              <dt>Source</dt>
              <dd data-testid="pack-source">{sourceLabel(pack.source)}</dd>
              <dt>Signed by</dt>
              <dd data-testid="pack-signed">{pack.signedBy ?? 'Unsigned'}</dd>
              <dt>Updated</dt>
              <dd>{fmtDate(pack.installedAt ?? active?.installedAt)}</dd>
              <dt>Content</dt>
              <dd>
                {pack.counts.intents} intents · {pack.counts.phrases} phrases · {pack.counts.policies} policies · {pack.counts.limits} limits ·{' '}
                {pack.counts.avoid} phrases to avoid · {pack.counts.scenarios} scenarios
              </dd>
            </dl>
          ) : (
            !error && <p class="tl-muted">Loading…</p>
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
        {state && <WhatIf state={state} />}
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
      setUrlMsg({ ok: true, text: url.trim() ? 'Saved. Use “Update now” to fetch it right away.' : 'Pack URL removed.' });
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
      const r = await request('pack/import', { text, filename: packFile.name, signature });
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
      <h2 id="sources-h">Pack sources</h2>
      <p class="tl-muted">
        Order of precedence: the bundled default, then an imported file or the pack URL (whichever is newer), then your organisation’s
        policy. A new pack only replaces the active one after every check passes; otherwise the working pack stays.
      </p>

      <h3>Pack URL</h3>
      <dl class="tl-facts" data-testid="subscription">
        <dt>URL</dt>
        <dd data-testid="subscription-url">
          {sub.url ? <code>{sub.url}</code> : <span class="tl-muted">None</span>}
          {sub.urlSource === 'policy' && <span class="tl-tag">set by policy</span>}
        </dd>
        <dt>Signatures</dt>
        <dd>
          {sub.signatureRequired ? `Required — trusted keys: ${sub.trustedKeys.join(', ')}` : 'Not required (no trusted keys in policy): packs are installed unsigned'}
        </dd>
        <dt>Checked</dt>
        <dd>
          every {sub.intervalMinutes} minutes · last check {fmtDate(sub.lastCheckAt)} · last success {fmtDate(sub.lastSuccessAt)}
          {sub.failures > 0 && ` · ${sub.failures} failed attempt(s), next try ${fmtDate(sub.nextAttemptAt)}`}
        </dd>
      </dl>
      <p>
        <button type="button" class="tl-btn tl-primary" data-action="update-now" onClick={onUpdateNow} disabled={busy || !sub.url} aria-describedby="update-status">
          {busy ? 'Checking…' : 'Update now'}
        </button>{' '}
        <span id="update-status" role="status" aria-live="polite" data-testid="update-result" data-outcome={updateResult?.outcome ?? ''} data-seq={updateSeq} class={updateResult?.outcome === 'rejected' ? 'tl-error' : ''}>
          {updateResult?.message ?? (!sub.url ? 'Set a pack URL to enable updates.' : '')}
        </span>
      </p>
      {updateResult && updateResult.details.length > 0 && <ProblemList lines={updateResult.details} label="Problems found" />}
      {sub.urlLocked ? (
        <p class="tl-muted">The pack URL is managed by your organisation’s policy.</p>
      ) : (
        <form onSubmit={saveUrl} class="tl-row">
          <label for="pack-url">Pack URL (https only)</label>
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
            Save
          </button>
          <small id="pack-url-help" class="tl-muted">
            {sub.signatureRequired ? 'Packs from this URL must be signed with one of the trusted keys.' : 'Without trusted keys in policy, packs from this URL are installed unsigned.'}
          </small>
          <span id="pack-url-msg" role="status" class={urlMsg && !urlMsg.ok ? 'tl-error' : 'tl-muted'}>
            {urlMsg?.text}
          </span>
        </form>
      )}

      <h3>Import a pack file</h3>
      <form onSubmit={doImport} class="tl-form-grid">
        <label for="pack-file">Pack file (JSON or YAML)</label>
        <input id="pack-file" type="file" accept=".json,.yaml,.yml,application/json" onChange={(e) => setPackFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        <label for="sig-file">Signature file (.sig){sub.signatureRequired ? ' — required' : ' — optional'}</label>
        <input id="sig-file" type="file" accept=".sig,application/json,text/plain" onChange={(e) => setSigFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        <span />
        <p>
          <button type="submit" class="tl-btn" disabled={!packFile || importing}>
            {importing ? 'Checking…' : 'Validate and import'}
          </button>
        </p>
      </form>
      {importResult && (
        <div class="tl-report" data-testid="import-report" role="status" aria-live="polite">
          {importResult.ok ? (
            <p>
              {importResult.unchanged
                ? `${importResult.file} is the pack already stored (version ${importResult.pack?.version}). Nothing changed.`
                : `${importResult.file}: installed ${importResult.pack?.name} version ${importResult.pack?.version}.`}
            </p>
          ) : (
            <>
              <p class="tl-error">
                {importResult.file} was not imported{importResult.stage ? ` (${importResult.stage} check)` : ''}. The working pack stays active.
              </p>
              <ProblemList lines={importResult.errors} label="Validation report" />
            </>
          )}
          {importResult.warnings && importResult.warnings.length > 0 && <ProblemList lines={importResult.warnings} label="Warnings" />}
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
        {label} ({lines.length})
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
        {lines.length > 200 && <li class="tl-muted">…and {lines.length - 200} more</li>}
      </ul>
    </div>
  );
}

function UpdateLog({ state }: { state: AdminState }) {
  return (
    <section id="log" aria-labelledby="log-h" class="tl-card">
      <h2 id="log-h">Update log</h2>
      {state.log.length === 0 ? (
        <p class="tl-muted">No updates yet.</p>
      ) : (
        <table class="tl-table" data-testid="log">
          <caption class="tl-sr">Pack updates, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Result</th>
              <th scope="col">Source</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {state.log.map((e, i) => (
              <tr key={`${e.at}-${i}`} data-outcome={e.outcome}>
                <td>{fmtDate(e.at)}</td>
                <td>
                  <span class={`tl-pill tl-pill-${e.outcome}`}>{OUTCOME_LABEL[e.outcome] ?? e.outcome}</span>
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
                      <summary>{e.details.length} line(s)</summary>
                      <ProblemList lines={e.details} label="Details" />
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

const STALE_LABEL = { expired: 'Expired', 'review-overdue': 'Review overdue', 'expires-soon': 'Expires soon' } as const;

function Stale({ state }: { state: AdminState }) {
  return (
    <section id="stale" aria-labelledby="stale-h" class="tl-card">
      <h2 id="stale-h">Stale content</h2>
      <p class="tl-muted">
        Expired policies and policies whose last verification is older than the pack’s review interval
        {state.reviewIntervalDays ? ` (${state.reviewIntervalDays} days)` : ' (the pack sets none)'}.
      </p>
      {state.stale.length === 0 ? (
        <p data-testid="stale-none">Nothing is stale.</p>
      ) : (
        <ul class="tl-problems" data-testid="stale">
          {state.stale.map((s) => (
            <li key={`${s.kind}-${s.id}-${s.severity}`}>
              <span class={`tl-pill tl-pill-${s.severity}`}>{STALE_LABEL[s.severity]}</span> <strong>{s.title}</strong>{' '}
              <code>{s.kind === 'policy' ? `policies/${s.id}` : s.id}</code> — {s.reason}
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
  async function save(patch: Parameters<typeof request<'settings/set'>>[1]) {
    try {
      await request('settings/set', patch);
      setMsg({ ok: true, text: 'Saved.' });
      await onRefresh();
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  }
  return (
    <section id="settings" aria-labelledby="settings-h" class="tl-card">
      <h2 id="settings-h">Your settings</h2>
      <div class="tl-grid">
        <label>
          Role
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
          {locked.has('role') && <small data-testid="role-locked">Set by your organisation</small>}
        </label>
        <label>
          Your name (fills {'{{agent.name}}'})
          <input
            id="agent-name"
            value={name}
            disabled={locked.has('agentName')}
            maxLength={200}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            onBlur={() => name !== state.settings.agentName && void save({ agentName: name })}
          />
          {locked.has('agentName') && <small>Set by your organisation</small>}
        </label>
        <label>
          Sidebar side
          <select id="dock" value={state.settings.dock} disabled={locked.has('dock')} onChange={(e) => void save({ dock: (e.target as HTMLSelectElement).value as 'left' | 'right' })}>
            <option value="right">Right</option>
            <option value="left">Left</option>
          </select>
          {locked.has('dock') && <small>Set by your organisation</small>}
        </label>
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
        if (!granted) return setMsg(`Permission for ${host} was not granted.`);
        setAdded((await addDomain(host, 'generic', 'policy')).map((x) => x.host));
        setMsg(`Tactline now reads tickets on ${host}.`);
      },
      (e: Error) => setMsg(e.message),
    );
  }
  return (
    <div>
      <h3>Sites from your organisation</h3>
      <ul class="tl-problems">
        {hosts.map((h) => (
          <li key={h}>
            <strong>{h}</strong>{' '}
            {added.includes(h) ? (
              <span class="tl-muted">enabled</span>
            ) : (
              <button type="button" class="tl-btn" onClick={() => allow(h)}>
                Allow Tactline on {h}
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
      <h2 id="policy-h">Enterprise policy</h2>
      {!p.present ? (
        <p class="tl-muted" data-testid="policy-none">
          No policy is set for this browser.{p.readError ? ` (${p.readError})` : ''}
        </p>
      ) : (
        <dl class="tl-facts" data-testid="policy">
          <dt>Pack URL</dt>
          <dd>{p.packUrl ? <code>{p.packUrl}</code> : '—'}</dd>
          <dt>Trusted keys</dt>
          <dd>{p.publicKeys.length ? p.publicKeys.join(', ') : '—'}</dd>
          <dt>Role</dt>
          <dd data-testid="policy-role">{p.role ?? '—'}</dd>
          <dt>Locked settings</dt>
          <dd>{p.lockedSettings.length ? p.lockedSettings.join(', ') : '—'}</dd>
          <dt>Extra helpdesk sites</dt>
          <dd>{p.enabledSites.length ? p.enabledSites.join(', ') : '—'}</dd>
          <dt>Update interval</dt>
          <dd>{p.updateIntervalMinutes ? `${p.updateIntervalMinutes} minutes` : 'default (30 minutes)'}</dd>
        </dl>
      )}
      {p.problems.length > 0 && (
        <div class="tl-report" role="status">
          <p class="tl-error">Some policy values were ignored:</p>
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
