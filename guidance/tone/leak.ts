/**
 * Leak guard: in a public reply, warn about text meant for colleagues only — internal-note
 * phrases from the pack, the approval step and approver roles, the agent's limit figures, and
 * internal wording ("internal note", "escalated to team-lead"). In an internal note everything is
 * fine, so internal mode returns []. Deterministic, no pack-supplied regex.
 */

import type { Pack } from '../pack/types';
import { isCurrencyCode } from '../limits/format';
import { tokenize, type Token } from './tokens';

export type LeakCategory = 'internal-phrase' | 'approver' | 'limit-figure' | 'internal-wording';

export interface LeakFinding {
  ruleId: string;
  category: LeakCategory;
  start: number;
  end: number;
  text: string;
  why: string;
  instead: string[];
  severity: 'info' | 'warning';
}

export interface LeakOptions {
  replyMode: 'public' | 'internal';
  /** When the requester is a colleague, phrases written for internal requesters are fine in a
   *  public reply; only internal-note phrases are flagged. Default 'customer'. */
  requesterKind?: 'customer' | 'colleague';
}

const SHINGLE = 5;
const MIN_SEGMENT = 3;
const PLACEHOLDER_RE = /\{\{[^}]*\}\}/g;

interface PhraseIndex {
  /** n-gram text → phrase id, per n. */
  grams: Map<number, Map<string, string>>;
}

function phraseSegments(text: string): Token[][] {
  return text
    .split(PLACEHOLDER_RE)
    .map((part) => tokenize(part))
    .flatMap((toks) => {
      // Split further at sentence breaks.
      const out: Token[][] = [];
      let cur: Token[] = [];
      for (const t of toks) {
        if (t.breakBefore && cur.length) {
          out.push(cur);
          cur = [];
        }
        cur.push(t);
      }
      if (cur.length) out.push(cur);
      return out;
    });
}

function gramsOf(segments: Token[][]): Array<{ n: number; key: string }> {
  const out: Array<{ n: number; key: string }> = [];
  const longest = Math.max(0, ...segments.map((s) => s.length));
  for (const seg of segments) {
    if (seg.length >= SHINGLE) {
      for (let i = 0; i + SHINGLE <= seg.length; i++) {
        out.push({ n: SHINGLE, key: seg.slice(i, i + SHINGLE).map((t) => t.norm).join(' ') });
      }
    } else if (longest < SHINGLE && seg.length >= MIN_SEGMENT && seg.length === longest) {
      out.push({ n: seg.length, key: seg.map((t) => t.norm).join(' ') });
    }
  }
  return out;
}

const indexCache = new WeakMap<Pack, { colleague: PhraseIndex; customer: PhraseIndex }>();

function phraseIndex(pack: Pack, requesterKind: 'customer' | 'colleague'): PhraseIndex {
  let cached = indexCache.get(pack);
  if (!cached) {
    // N-grams that also occur in customer-facing phrases are ordinary wording, not a leak.
    const common = new Set<string>();
    for (const p of pack.phrases) {
      if (p.kind === 'internal-note' || p.audience === 'internal') continue;
      for (const g of gramsOf(phraseSegments(p.text))) common.add(g.key);
    }
    const build = (include: (kind: string, audience: string) => boolean): PhraseIndex => {
      const grams = new Map<number, Map<string, string>>();
      for (const p of pack.phrases) {
        if (!include(p.kind, p.audience)) continue;
        for (const g of gramsOf(phraseSegments(p.text))) {
          if (common.has(g.key)) continue;
          let m = grams.get(g.n);
          if (!m) grams.set(g.n, (m = new Map()));
          if (!m.has(g.key)) m.set(g.key, p.id);
        }
      }
      return { grams };
    };
    cached = {
      customer: build((kind, audience) => kind === 'internal-note' || audience === 'internal'),
      colleague: build((kind) => kind === 'internal-note'),
    };
    indexCache.set(pack, cached);
  }
  return requesterKind === 'colleague' ? cached.colleague : cached.customer;
}

function internalPhraseFindings(draft: string, toks: Token[], pack: Pack, requesterKind: 'customer' | 'colleague'): LeakFinding[] {
  const idx = phraseIndex(pack, requesterKind);
  const spans: Array<{ id: string; s: number; e: number }> = [];
  for (const [n, map] of idx.grams) {
    for (let i = 0; i + n <= toks.length; i++) {
      let ok = true;
      for (let k = i + 1; k < i + n; k++) if (toks[k]!.breakBefore) ok = false;
      if (!ok) continue;
      const key = toks.slice(i, i + n).map((t) => t.norm).join(' ');
      const id = map.get(key);
      if (id) spans.push({ id, s: i, e: i + n - 1 });
    }
  }
  spans.sort((a, b) => a.s - b.s);
  const merged: Array<{ id: string; s: number; e: number }> = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && last.id === sp.id && sp.s <= last.e + 1) last.e = Math.max(last.e, sp.e);
    else merged.push({ ...sp });
  }
  return merged.map((m) => {
    const start = toks[m.s]!.start;
    const end = toks[m.e]!.end;
    return {
      ruleId: `leak/phrase/${m.id}`,
      category: 'internal-phrase' as const,
      start,
      end,
      text: draft.slice(start, end),
      why: 'This wording comes from an internal-only phrase; customers should not see it in a public reply.',
      instead: ['Move it to an internal note', 'Rephrase it for the customer'],
      severity: 'warning' as const,
    };
  });
}

/** Sentence ranges (token index spans) of the draft. */
function sentences(toks: Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  for (let i = 1; i <= toks.length; i++) {
    if (i === toks.length || toks[i]!.breakBefore) {
      out.push([s, i - 1]);
      s = i;
    }
  }
  return out;
}

function seqAt(toks: Token[], i: number, words: string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    const t = toks[i + k];
    if (!t || t.norm !== words[k] || (k > 0 && t.breakBefore)) return false;
  }
  return true;
}

const APPROVAL_WORDS = new Set([
  'approve', 'approves', 'approved', 'approving', 'approval', 'approvals', 'authorise', 'authorize', 'authorised',
  'authorized', 'authorisation', 'authorization', 'escalate', 'escalated', 'escalating', 'escalation', 'sign-off',
  'signoff', 'permission', 'ok', 'okay', 'greenlight', 'clearance', 'sign',
]);

const LIMIT_WORDS = new Set([
  'limit', 'limits', 'authorised', 'authorized', 'authority', 'allowed', 'permitted', 'threshold', 'cap', 'maximum', 'max', 'approve', 'approval',
]);

/** Fixed internal wording, as word sequences. */
const INTERNAL_WORDING: Array<{ words: string[]; why: string }> = [
  { words: ['internal', 'note'], why: 'Mentions an internal note.' },
  { words: ['internal', 'only'], why: 'Marked internal only.' },
  { words: ['internal', 'use'], why: 'Marked for internal use.' },
  { words: ['do', 'not', 'share'], why: 'Text marked not to be shared.' },
  { words: ['not', 'customer', 'facing'], why: 'Text marked as not customer-facing.' },
  { words: ['my', 'limit'], why: 'Talks about your approval limit.' },
  { words: ['our', 'limit'], why: 'Talks about internal approval limits.' },
  { words: ['approval', 'limit'], why: 'Talks about internal approval limits.' },
  { words: ['approval', 'band'], why: 'Talks about internal approval bands.' },
  { words: ['never', 'rule'], why: 'Talks about internal rules.' },
  { words: ['fraud', 'check'], why: 'Mentions an internal fraud check.' },
  { words: ['risk', 'score'], why: 'Mentions an internal risk score.' },
];

function roleWordings(pack: Pack): Array<{ id: string; label: string; words: string[] }> {
  const out: Array<{ id: string; label: string; words: string[] }> = [];
  for (const r of pack.roles) {
    const variants = new Set([r.label, r.id, r.id.replace(/[-_]+/g, ' ')]);
    for (const v of variants) {
      const words = tokenize(v).map((t) => t.norm);
      if (words.length && !out.some((o) => o.words.join(' ') === words.join(' '))) out.push({ id: r.id, label: r.label, words });
    }
  }
  // Longest first, so "senior agent" wins over "agent".
  return out.sort((a, b) => b.words.length - a.words.length);
}

function approverIds(pack: Pack): Set<string> {
  const ids = new Set<string>();
  for (const l of pack.limits) {
    for (const b of l.approvals) ids.add(b.approver);
    if (l.window?.exceptionApprover) ids.add(l.window.exceptionApprover);
    if (l.perPeriod?.approver) ids.add(l.perPeriod.approver);
  }
  return ids;
}

function limitFigures(pack: Pack): Set<number> {
  const figures = new Set<number>();
  for (const l of pack.limits) {
    if (!isCurrencyCode(l.unit) && l.unit !== 'percent') continue;
    for (const v of Object.values(l.maxByRole)) if (typeof v === 'number' && v > 0) figures.add(v);
    for (const b of l.approvals) if (b.above > 0) figures.add(b.above);
    for (const n of l.never) if (typeof n.value === 'number' && n.value > 0) figures.add(n.value);
  }
  return figures;
}

const NUMBER_RE = /(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:[.,\u00A0\u202F ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\p{N}])/gu;

function numberOf(token: string): number | undefined {
  token = token.replace(/[\u00A0\u202F ]/g, '');
  if (!/^\d[\d,.]*$/.test(token)) return undefined;
  // "1,000" / "1.000" thousands, "100.50" / "100,50" / "1,000.50" decimals.
  const last = Math.max(token.lastIndexOf(','), token.lastIndexOf('.'));
  const decimals = last >= 0 && token.length - last - 1 <= 2;
  const t = decimals
    ? `${token.slice(0, last).replace(/[.,]/g, '')}.${token.slice(last + 1)}`
    : token.replace(/[.,]/g, '');
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export function checkLeaks(draft: string, pack: Pack, opts: LeakOptions): LeakFinding[] {
  if (opts.replyMode !== 'public' || !draft.trim()) return [];
  const toks = tokenize(draft);
  const findings: LeakFinding[] = [];
  const push = (f: Omit<LeakFinding, 'text'>): void => {
    if (findings.some((o) => o.ruleId === f.ruleId && o.start === f.start)) return;
    findings.push({ ...f, text: draft.slice(f.start, f.end) });
  };

  findings.push(...internalPhraseFindings(draft, toks, pack, opts.requesterKind ?? 'customer'));

  const roles = roleWordings(pack);
  const approvers = approverIds(pack);
  const figures = limitFigures(pack);

  for (const [s, e] of sentences(toks)) {
    const words = new Set(toks.slice(s, e + 1).map((t) => t.norm));
    const hasApproval = [...words].some((w) => APPROVAL_WORDS.has(w));
    const hasLimitWord = [...words].some((w) => LIMIT_WORDS.has(w));

    // Approver roles with approval wording; "escalated to <role>" also when the role is not an approver.
    const covered = new Set<number>();
    for (let i = s; i <= e; i++) {
      if (covered.has(i)) continue;
      for (const r of roles) {
        if (i + r.words.length - 1 > e || !seqAt(toks, i, r.words)) continue;
        const last = i + r.words.length - 1;
        for (let k = i; k <= last; k++) covered.add(k);
        const escalatedTo = i >= 2 && toks[i - 1]!.norm === 'to' && /^escalat/.test(toks[i - 2]!.norm);
        if (escalatedTo) {
          push({
            ruleId: 'leak/internal-wording',
            category: 'internal-wording',
            start: toks[i - 2]!.start,
            end: toks[last]!.end,
            why: 'Names the internal escalation path.',
            instead: ['I have asked a colleague to look at this', 'I am checking this with my team'],
            severity: 'warning',
          });
        } else if (hasApproval && approvers.has(r.id) && (r.words.length > 1 || r.words[0] !== 'agent')) {
          push({
            ruleId: `leak/approver/${r.id}`,
            category: 'approver',
            start: toks[i]!.start,
            end: toks[last]!.end,
            why: `Mentions who approves (${r.label}) in a public reply; the approval step is internal.`,
            instead: ['I am checking this for you', 'I will confirm the next step shortly'],
            severity: 'info',
          });
        }
        break;
      }
    }

    // Limit figures: a number equal to a limit figure in a sentence about limits/authority.
    if (hasLimitWord || hasApproval) {
      const from = toks[s]!.start;
      const to = toks[e]!.end;
      const text = draft.slice(from, to);
      NUMBER_RE.lastIndex = 0;
      for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
        const v = numberOf(m[0]);
        if (v === undefined || !figures.has(v)) continue;
        let start = from + m.index;
        let end = start + m[0].length;
        // Include a currency symbol written right before the number.
        while (start > from && /[^\s\p{L}\p{N}.,;!?()]/u.test(draft[start - 1]!)) start--;
        // Widen to the nearest limit word before the figure (else after it), for a readable underline.
        let before: Token | undefined;
        let after: Token | undefined;
        for (let k = s; k <= e; k++) {
          const t = toks[k]!;
          if (!LIMIT_WORDS.has(t.norm) && !APPROVAL_WORDS.has(t.norm)) continue;
          if (t.end <= start && start - t.end <= 40) before = t;
          if (t.start >= end && t.start - end <= 40 && !after) after = t;
        }
        if (before) start = before.start;
        else if (after) end = after.end;
        push({
          ruleId: 'leak/limit-figure',
          category: 'limit-figure',
          start,
          end,
          why: 'Reveals an internal limit figure to the customer.',
          instead: ['Say what you can do, not what you may do', 'I can offer …'],
          severity: 'warning',
        });
      }
    }

    // Fixed internal wording.
    for (let i = s; i <= e; i++) {
      for (const w of INTERNAL_WORDING) {
        if (i + w.words.length - 1 > e || !seqAt(toks, i, w.words)) continue;
        if (findings.some((f) => f.start < toks[i + w.words.length - 1]!.end && f.end > toks[i]!.start)) continue;
        push({
          ruleId: 'leak/internal-wording',
          category: 'internal-wording',
          start: toks[i]!.start,
          end: toks[i + w.words.length - 1]!.end,
          why: w.why + ' Customers should not see internal process in a public reply.',
          instead: ['Move it to an internal note', 'Rephrase it for the customer'],
          severity: 'warning',
        });
      }
    }
  }
  return findings.sort((a, b) => a.start - b.start || b.end - a.end);
}
