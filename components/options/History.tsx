/** Stored pack versions (the last 5): one-click rollback and a diff between any two (limits first). */
import { useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { AdminState, DiffView } from '@/guidance/protocol';
import type { FieldChange, SectionDiff } from '@/guidance/pack/diff';
import { fmtDate, sourceLabel } from './Options';

const SECTION_LABEL: Record<string, string> = {
  limits: 'Limits',
  roles: 'Roles',
  policies: 'Policies',
  avoid: 'Phrases to avoid',
  phrases: 'Phrases',
  scenarios: 'Scenarios',
  intents: 'Intents',
  segments: 'Segments',
  rates: 'Exchange rates',
};

function show(v: unknown): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

function Field({ c }: { c: FieldChange }) {
  return (
    <li>
      <code>{c.path}</code>: {c.before === undefined ? <>added {show(c.after)}</> : c.after === undefined ? <>removed (was {show(c.before)})</> : <>{show(c.before)} → {show(c.after)}</>}
    </li>
  );
}

function Section({ s }: { s: SectionDiff }) {
  return (
    <section class="tl-diff-section" data-section={s.section}>
      <h4>
        {SECTION_LABEL[s.section] ?? s.section}: {[s.added.length && `${s.added.length} added`, s.removed.length && `${s.removed.length} removed`, s.changed.length && `${s.changed.length} changed`].filter(Boolean).join(', ') || 'reordered'}
      </h4>
      <ul>
        {s.added.map((e) => (
          <li key={`a-${e.id}`} class="tl-added">
            + <strong>{e.label}</strong> <code>{e.id}</code>
          </li>
        ))}
        {s.removed.map((e) => (
          <li key={`r-${e.id}`} class="tl-removed">
            − <strong>{e.label}</strong> <code>{e.id}</code>
          </li>
        ))}
        {s.changed.map((e) => (
          <li key={`c-${e.id}`}>
            ~ <strong>{e.label}</strong> <code>{e.id}</code>
            <ul>
              {e.changes.slice(0, 30).map((c, i) => (
                <Field key={i} c={c} />
              ))}
              {e.changes.length > 30 && <li class="tl-muted">…and {e.changes.length - 30} more fields</li>}
            </ul>
          </li>
        ))}
        {s.reordered && (
          <li>
            Order changed: {s.reordered.before.join(' < ')} → {s.reordered.after.join(' < ')}
          </li>
        )}
      </ul>
    </section>
  );
}

export function HistorySection({ state, onState }: { state: AdminState; onState: (s: AdminState) => void }) {
  const versions = state.history;
  const activeKey = versions.find((h) => h.active)?.key;
  const [from, setFrom] = useState(versions[1]?.key ?? versions[0]?.key ?? '');
  const [to, setTo] = useState(activeKey ?? versions[0]?.key ?? '');
  const [diff, setDiff] = useState<DiffView | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();

  async function rollback(key: string, label: string) {
    try {
      onState(await request('admin/rollback', { key }));
      setMsg({ ok: true, text: `${label} is active again. Automatic updates only install versions newer than the highest one seen.` });
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  }
  async function showDiff(e: Event) {
    e.preventDefault();
    try {
      setDiff(await request('admin/diff', { from, to }));
      setMsg(undefined);
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    }
  }

  return (
    <section id="history" aria-labelledby="history-h" class="tl-card">
      <h2 id="history-h">History</h2>
      <p class="tl-muted">
        The last 5 versions are kept. Rolling back re-activates a stored version on this browser only; automatic updates never install a
        version at or below the highest one already installed, so the rollback holds until a newer version is published.
      </p>
      <table class="tl-table" data-testid="history">
        <caption class="tl-sr">Stored pack versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Pack</th>
            <th scope="col">Version</th>
            <th scope="col">Source</th>
            <th scope="col">Signed by</th>
            <th scope="col">Installed</th>
            <th scope="col">
              <span class="tl-sr">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((h) => (
            <tr key={h.key} data-key={h.key} aria-current={h.active ? 'true' : undefined}>
              <td>
                {h.name} {h.active && <span class="tl-tag">active</span>}
              </td>
              <td>{h.version}</td>
              <td>{sourceLabel(h.source)}</td>
              <td>{h.signedBy ?? 'Unsigned'}</td>
              <td>{fmtDate(h.installedAt)}</td>
              <td>
                {!h.active && (
                  <button type="button" class="tl-btn" data-action="rollback" onClick={() => void rollback(h.key, `${h.name} version ${h.version}`)}>
                    Roll back to v{h.version}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" class={msg && !msg.ok ? 'tl-error' : 'tl-muted'} data-testid="history-msg">
        {msg?.text}
      </p>
      {versions.length > 1 && (
        <form class="tl-row" onSubmit={showDiff}>
          <label for="diff-from">Compare</label>
          <select id="diff-from" value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
            {versions.map((h) => (
              <option key={h.key} value={h.key}>
                {h.name} v{h.version}
              </option>
            ))}
          </select>
          <label for="diff-to">with</label>
          <select id="diff-to" value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
            {versions.map((h) => (
              <option key={h.key} value={h.key}>
                {h.name} v{h.version}
              </option>
            ))}
          </select>
          <button type="submit" class="tl-btn">
            Show changes
          </button>
        </form>
      )}
      {diff && (
        <div class="tl-report" data-testid="diff" aria-live="polite">
          <h3>
            {diff.from.name} v{diff.from.version} → {diff.to.name} v{diff.to.version}
          </h3>
          {diff.diff.identical ? (
            <p>No content changes.</p>
          ) : (
            <>
              {diff.diff.sections.map((s) => (
                <Section key={s.section} s={s} />
              ))}
              {diff.diff.settings.length > 0 && (
                <section class="tl-diff-section">
                  <h4>Pack settings</h4>
                  <ul>
                    {diff.diff.settings.map((c, i) => (
                      <Field key={i} c={c} />
                    ))}
                  </ul>
                </section>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
