/**
 * Options → Local insights: the off switch, a period picker and small charts (plain SVG/CSS, no
 * chart library) of the counts kept in this browser, each with a table a screen reader can read;
 * CSV/JSON export and clear. All data comes from privileged `insights/*` messages; titles come from
 * the active pack (the background resolves them), never from a helpdesk page.
 */
import { useEffect, useState } from 'preact/hooks';
import { request } from '@/entrypoints/lib/messaging';
import type { InsightsView } from '@/guidance/protocol';
import type { DayPoint, LimitOutcome, LimitRow } from '@/guidance/insights';
import { t, type MessageKey } from '@/components/i18n';
import './insights.css';

const PERIODS = [7, 30, 90] as const;
const OUTCOMES: Array<[LimitOutcome, MessageKey]> = [
  ['allowed', 'inOutAllowed'],
  ['needs-approval', 'inOutApproval'],
  ['not-allowed', 'inOutNot'],
  ['needs-info', 'inOutInfo'],
];

/** "2026-11-24" → a short local date ("24 Nov"), read as a calendar day (no time-zone shift). */
function shortDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
const num = (n: number) => n.toLocaleString();
const pct = (r: number) => r.toLocaleString(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** Save text as a file through a Blob URL (nothing leaves the browser). */
export function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function InsightsSection() {
  const [days, setDays] = useState<number>(30);
  const [view, setView] = useState<InsightsView | null>(null);
  const [error, setError] = useState<string>();
  const [msg, setMsg] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The switch position while the change is being saved (shown at once, not after the round trip). */
  const [pendingOn, setPendingOn] = useState<boolean | null>(null);

  async function load(d = days) {
    try {
      setView(await request('insights/get', { days: d }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  useEffect(() => {
    void load(days);
  }, [days]);

  async function toggle(on: boolean) {
    setBusy(true);
    setPendingOn(on);
    try {
      await request('settings/set', { insights: on });
      await load();
      setMsg(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPendingOn(null);
      setBusy(false);
    }
  }

  async function exportAs(format: 'csv' | 'json') {
    try {
      const file = await request('insights/export', { format, days });
      download(file.filename, file.mime, file.text);
      setMsg(t('inExported', file.filename));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function clear() {
    setBusy(true);
    try {
      setView(await request('insights/clear', {}));
      await load();
      setMsg(t('inCleared'));
      setConfirming(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const s = view?.summary;
  const empty = !!s && s.totals.phrasesInserted + s.totals.avoidFired + s.totals.avoidAccepted + s.totals.avoidDismissed + s.totals.limitChecks === 0;
  return (
    <section id="insights" aria-labelledby="insights-h" class="tl-card tl-insights" data-testid="insights">
      <h2 id="insights-h">{t('inTitle')}</h2>
      <p>{t('inIntro')}</p>
      <p class="tl-muted" data-testid="insights-privacy">
        {t('inPrivacy')}
      </p>
      {error && (
        <p class="tl-error" role="alert">
          {error}
        </p>
      )}
      {!view ? (
        !error && <p class="tl-muted">{t('inLoading')}</p>
      ) : (
        <>
          <div class="tl-in-controls">
            <div class="tl-in-switch">
              <input
                id="insights-on"
                type="checkbox"
                data-testid="insights-switch"
                checked={pendingOn ?? view.enabled}
                disabled={view.locked || busy}
                aria-describedby="insights-switch-help"
                onChange={(e) => void toggle((e.target as HTMLInputElement).checked)}
              />
              <label for="insights-on">{t('inSwitch')}</label>
              <small id="insights-switch-help" class="tl-muted">
                {view.locked ? t('inLocked') : t('inSwitchHelp')}
              </small>
            </div>
            <fieldset class="tl-in-period">
              <legend>{t('inPeriod')}</legend>
              {PERIODS.map((d) => (
                <label key={d}>
                  <input type="radio" name="insights-period" value={d} checked={days === d} onChange={() => setDays(d)} />
                  {t('inDays', d)}
                </label>
              ))}
            </fieldset>
          </div>
          {!view.enabled && (
            <p class="tl-in-note" data-testid="insights-off">
              {t('inOffNote')}
            </p>
          )}
          {s && (
            <>
              <dl class="tl-in-totals" data-testid="insights-totals">
                <div>
                  <dt>{t('inTotPhrases')}</dt>
                  <dd data-testid="insights-phrases-total">{num(s.totals.phrasesInserted)}</dd>
                </div>
                <div>
                  <dt>{t('inTotAvoid')}</dt>
                  <dd>{num(s.totals.avoidFired)}</dd>
                </div>
                <div>
                  <dt>{t('inTotAccepted')}</dt>
                  <dd>{num(s.totals.avoidAccepted)}</dd>
                </div>
                <div>
                  <dt>{t('inTotLimits')}</dt>
                  <dd data-testid="insights-limits-total">{num(s.totals.limitChecks)}</dd>
                </div>
              </dl>
              {empty ? (
                <div class="tl-in-empty" data-testid="insights-empty">
                  <h3>{t('inEmptyH')}</h3>
                  <p>{t('inEmpty')}</p>
                </div>
              ) : (
                <div class="tl-in-charts">
                  <PerDay series={s.series} total={s.totals.phrasesInserted} />
                  <TopPhrases rows={s.phrases.slice(0, 10)} />
                  <AvoidChart rows={s.avoid.slice(0, 10)} />
                  <LimitsChart rows={s.limits} />
                </div>
              )}
              {s.dropped > 0 && <p class="tl-muted">{t('inDropped', s.dropped)}</p>}
            </>
          )}
          <div class="tl-row tl-in-actions">
            <button type="button" class="tl-btn" data-action="insights-csv" onClick={() => void exportAs('csv')}>
              {t('inExportCsv')}
            </button>
            <button type="button" class="tl-btn" data-action="insights-json" onClick={() => void exportAs('json')}>
              {t('inExportJson')}
            </button>
            {!confirming ? (
              <button type="button" class="tl-btn" data-action="insights-clear" onClick={() => setConfirming(true)}>
                {t('inClear')}
              </button>
            ) : (
              <span class="tl-in-confirm" role="group" aria-labelledby="insights-confirm-q">
                <span id="insights-confirm-q">{t('inClearConfirm')}</span>{' '}
                <button type="button" class="tl-btn tl-danger" data-action="insights-clear-yes" disabled={busy} onClick={() => void clear()} ref={(el) => el?.focus()}>
                  {t('inClearYes')}
                </button>{' '}
                <button type="button" class="tl-btn" data-action="insights-clear-no" onClick={() => setConfirming(false)}>
                  {t('inCancel')}
                </button>
              </span>
            )}
          </div>
          <p class="tl-muted">
            <small>
              {t('inExportHelp')} {t('inRetention', view.retentionDays)}
            </small>
          </p>
          <p role="status" class="tl-muted" data-testid="insights-msg">
            {msg}
          </p>
        </>
      )}
    </section>
  );
}

/** Bar sparkline of phrases inserted per day, with the numbers as a table under "Show as table". */
function PerDay({ series, total }: { series: DayPoint[]; total: number }) {
  const max = Math.max(1, ...series.map((p) => p.phrasesInserted));
  const busiest = series.reduce<DayPoint | undefined>((b, p) => (p.phrasesInserted > (b?.phrasesInserted ?? 0) ? p : b), undefined);
  const first = series[0]?.date ?? '';
  const last = series[series.length - 1]?.date ?? '';
  const summary = busiest
    ? t('inPerDaySummary', num(total), shortDate(first), shortDate(last), shortDate(busiest.date), num(busiest.phrasesInserted))
    : t('inPerDayNone', shortDate(first), shortDate(last));
  const W = 100 / series.length;
  return (
    <figure class="tl-in-chart" data-testid="insights-per-day">
      <figcaption>
        <h3>{t('inPerDay')}</h3>
      </figcaption>
      <svg class="tl-in-spark" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={summary}>
        <line x1="0" y1="39.5" x2="100" y2="39.5" class="tl-in-axis" />
        {series.map((p, i) => {
          const h = (p.phrasesInserted / max) * 38;
          return p.phrasesInserted > 0 ? <rect key={p.date} x={i * W + W * 0.15} y={39 - h} width={W * 0.7} height={h} class="tl-in-bar" /> : null;
        })}
      </svg>
      <p class="tl-in-axis-labels" aria-hidden="true">
        <span>{shortDate(first)}</span>
        <span>{shortDate(last)}</span>
      </p>
      <p class="tl-muted tl-in-summary" aria-hidden="true">
        {summary}
      </p>
      <details>
        <summary>{t('inShowTable')}</summary>
        <table class="tl-table">
          <caption class="tl-sr">{t('inPerDay')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inColDate')}</th>
              <th scope="col">{t('inColCount')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.date}>
                <td>{shortDate(p.date)}</td>
                <td>{num(p.phrasesInserted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** A right-aligned column header for numbers. */
function NumTh({ k }: { k: MessageKey }) {
  return (
    <th scope="col" class="tl-num">
      {t(k)}
    </th>
  );
}

/** One bar inside its track; nothing at all for zero (so an empty bar never looks like a small one). */
function Fill({ share, kind }: { share: number; kind?: 'fired' | 'taken' }) {
  return share > 0 ? <span class={`tl-in-fill${kind ? ` tl-in-${kind}` : ''}`} style={{ width: `${Math.min(1, share) * 100}%` }} /> : null;
}

function Gone({ known }: { known: boolean }) {
  return known ? null : <span class="tl-tag">{t('inGone')}</span>;
}

/** Horizontal bars inside a real table: the numbers are the text equivalent. */
function TopPhrases({ rows }: { rows: Array<{ id: string; title: string; known: boolean; count: number }> }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div class="tl-in-chart" data-testid="insights-top-phrases">
      <h3 id="in-top-h">{t('inTopPhrases')}</h3>
      {rows.length === 0 ? (
        <p class="tl-muted">{t('inPhrasesNone')}</p>
      ) : (
        <table class="tl-table tl-in-bars" aria-labelledby="in-top-h">
          <thead>
            <tr>
              <th scope="col">{t('inColPhrase')}</th>
              <NumTh k={'inColTimes'} />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-phrase-id={r.id}>
                <td>
                  <span class="tl-in-label">{r.title}</span> <code class="tl-muted">{r.id}</code> <Gone known={r.known} />
                  <span class="tl-in-track" aria-hidden="true">
                    <Fill share={r.count / max} />
                  </span>
                </td>
                <td class="tl-num">{num(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Found vs. taken per avoid-rule: two bars each, and the rate. */
function AvoidChart({ rows }: { rows: Array<{ id: string; title: string; known: boolean; fired: number; accepted: number; dismissed: number; acceptanceRate: number | null }> }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.fired, r.accepted)));
  return (
    <div class="tl-in-chart" data-testid="insights-avoid">
      <h3 id="in-avoid-h">{t('inAvoidH')}</h3>
      {rows.length === 0 ? (
        <p class="tl-muted">{t('inAvoidNone')}</p>
      ) : (
        <table class="tl-table tl-in-bars" aria-labelledby="in-avoid-h">
          <thead>
            <tr>
              <th scope="col">{t('inColRule')}</th>
              <NumTh k={'inColFired'} />
              <NumTh k={'inColAccepted'} />
              <NumTh k={'inColDismissed'} />
              <NumTh k={'inColRate'} />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-rule-id={r.id}>
                <td>
                  <span class="tl-in-label">“{r.title}”</span> <Gone known={r.known} />
                  <span class="tl-in-track" aria-hidden="true">
                    <Fill share={r.fired / max} kind="fired" />
                  </span>
                  <span class="tl-in-track" aria-hidden="true">
                    <Fill share={r.accepted / max} kind="taken" />
                  </span>
                </td>
                <td class="tl-num">{num(r.fired)}</td>
                <td class="tl-num">{num(r.accepted)}</td>
                <td class="tl-num">{num(r.dismissed)}</td>
                <td class="tl-num">{r.acceptanceRate === null ? t('inRateNone') : pct(r.acceptanceRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && (
        <p class="tl-in-legend" aria-hidden="true">
          <span class="tl-in-key tl-in-fired" /> {t('inColFired')} <span class="tl-in-key tl-in-taken" /> {t('inColAccepted')}
        </p>
      )}
    </div>
  );
}

/** One stacked bar per limit (outcomes), in a table whose cells give the numbers. */
function LimitsChart({ rows }: { rows: LimitRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <div class="tl-in-chart tl-in-wide" data-testid="insights-limits">
      <h3 id="in-limits-h">{t('inLimitsH')}</h3>
      {rows.length === 0 ? (
        <p class="tl-muted">{t('inLimitsNone')}</p>
      ) : (
        <>
          <table class="tl-table tl-in-bars" aria-labelledby="in-limits-h">
            <thead>
              <tr>
                <th scope="col">{t('inColLimit')}</th>
                {OUTCOMES.map(([o, key]) => (
                  <NumTh key={o} k={key} />
                ))}
                <NumTh k={'inColTotal'} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-limit={r.id}>
                  <td>
                    <span class="tl-in-label">{r.title}</span> <Gone known={r.known} />
                    <span class="tl-in-stack" aria-hidden="true" style={{ width: `${(r.total / max) * 100}%` }}>
                      {OUTCOMES.map(([o]) => (r.outcomes[o] > 0 ? <span key={o} class={`tl-in-seg tl-in-${o}`} style={{ flexGrow: r.outcomes[o] }} /> : null))}
                    </span>
                    <small class="tl-muted">{t('inSources', num(r.sources.ticket), num(r.sources['can-i']))}</small>
                  </td>
                  {OUTCOMES.map(([o]) => (
                    <td key={o} class="tl-num">
                      {num(r.outcomes[o])}
                    </td>
                  ))}
                  <td class="tl-num">{num(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="tl-in-legend" aria-hidden="true">
            {OUTCOMES.map(([o, key]) => (
              <span key={o}>
                <span class={`tl-in-key tl-in-${o}`} /> {t(key)}{' '}
              </span>
            ))}
          </p>
        </>
      )}
    </div>
  );
}
