/** Stored pack versions (the last 5): one-click rollback and a diff between any two (limits first). */
import { useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { AdminState, DiffView } from '@/guidance/protocol';
import type { FieldChange, SectionDiff } from '@/guidance/pack/diff';
import { fmtDateTime as fmtDate, t, tn, type MessageKey } from '@/components/i18n';
import { sourceLabel } from '@/components/labels';

const SECTION_KEY: Record<string, MessageKey> = {
  limits: 'hiSecLimits',
  roles: 'hiSecRoles',
  policies: 'hiSecPolicies',
  avoid: 'hiSecAvoid',
  phrases: 'hiSecPhrases',
  scenarios: 'hiSecScenarios',
  intents: 'hiSecIntents',
  segments: 'hiSecSegments',
  rates: 'hiSecRates',
};
const sectionLabel = (s: string) => (SECTION_KEY[s] ? t(SECTION_KEY[s]) : s);

function show(v: unknown): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
}

function Field({ c }: { c: FieldChange }) {
  return (
    <li>
      <code>{c.path}</code>: {c.before === undefined ? t('hiFieldAdded', show(c.after)) : c.after === undefined ? t('hiFieldRemoved', show(c.before)) : <>{show(c.before)} → {show(c.after)}</>}
    </li>
  );
}

function Section({ s }: { s: SectionDiff }) {
  return (
    <section class="tl-diff-section" data-section={s.section}>
      <h4>
        {sectionLabel(s.section)}:{' '}
        {[
          s.added.length && tn(s.added.length, 'hiAdded1', 'hiAdded'),
          s.removed.length && tn(s.removed.length, 'hiRemoved1', 'hiRemoved'),
          s.changed.length && tn(s.changed.length, 'hiChanged1', 'hiChanged'),
        ]
          .filter(Boolean)
          .join(', ') || t('hiReordered')}
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
              {e.changes.length > 30 && <li class="tl-muted">{tn(e.changes.length - 30, 'hiMoreFields1', 'hiMoreFields')}</li>}
            </ul>
          </li>
        ))}
        {s.reordered && (
          <li>
            {t('hiOrder', s.reordered.before.join(' < '), s.reordered.after.join(' < '))}
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

  async function rollback(key: string, name: string, version: number) {
    try {
      onState(await request('admin/rollback', { key }));
      setMsg({ ok: true, text: t('hiActiveAgain', name, version) });
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
      <h2 id="history-h">{t('hiHistory')}</h2>
      <p class="tl-muted">{t('hiIntro')}</p>
      <table class="tl-table" data-testid="history">
        <caption class="tl-sr">{t('hiCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hiPack')}</th>
            <th scope="col">{t('opVersion')}</th>
            <th scope="col">{t('opSource')}</th>
            <th scope="col">{t('opSignedBy')}</th>
            <th scope="col">{t('hiInstalled')}</th>
            <th scope="col">
              <span class="tl-sr">{t('hiAction')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((h) => (
            <tr key={h.key} data-key={h.key} aria-current={h.active ? 'true' : undefined}>
              <td>
                {h.name} {h.active && <span class="tl-tag">{t('hiActive')}</span>}
              </td>
              <td>{h.version}</td>
              <td>{sourceLabel(h.source)}</td>
              <td>{h.signedBy ?? t('opUnsigned')}</td>
              <td>{fmtDate(h.installedAt)}</td>
              <td>
                {!h.active && (
                  <button type="button" class="tl-btn" data-action="rollback" onClick={() => void rollback(h.key, h.name, h.version)}>
                    {t('hiRollBack', h.version)}
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
          <label for="diff-from">{t('hiCompare')}</label>
          <select id="diff-from" value={from} onChange={(e) => setFrom((e.target as HTMLSelectElement).value)}>
            {versions.map((h) => (
              <option key={h.key} value={h.key}>
                {h.name} v{h.version}
              </option>
            ))}
          </select>
          <label for="diff-to">{t('hiWith')}</label>
          <select id="diff-to" value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
            {versions.map((h) => (
              <option key={h.key} value={h.key}>
                {h.name} v{h.version}
              </option>
            ))}
          </select>
          <button type="submit" class="tl-btn">
            {t('hiShow')}
          </button>
        </form>
      )}
      {diff && (
        <div class="tl-report" data-testid="diff" aria-live="polite">
          <h3>
            {diff.from.name} v{diff.from.version} → {diff.to.name} v{diff.to.version}
          </h3>
          {diff.diff.identical ? (
            <p>{t('hiNoChanges')}</p>
          ) : (
            <>
              {diff.diff.sections.map((s) => (
                <Section key={s.section} s={s} />
              ))}
              {diff.diff.settings.length > 0 && (
                <section class="tl-diff-section">
                  <h4>{t('hiSettings')}</h4>
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
