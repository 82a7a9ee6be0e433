/**
 * Tone lint: phrases to avoid (the pack's `avoid` list plus a small built-in set) found in the
 * agent's draft. Deterministic and fast: the patterns are compiled once per pack into a word trie
 * (`*` = any one word; no pack-supplied regex ever runs), and a draft is tokenised once and walked
 * through the trie — a 2,000-character draft lints in a few hundred microseconds with hundreds of
 * rules. The lint never changes the draft; showing, replacing and dismissing findings is the
 * caller's job.
 */

import type { AvoidRule } from '../pack/types';
import { BUILTIN_PREFIX, DEFAULT_AVOID } from './defaults';
import { patternWords, tokenize } from './tokens';

export interface LintFinding {
  ruleId: string;
  start: number;
  end: number;
  /** The matched draft text, exactly as written. */
  text: string;
  why: string;
  instead: string[];
  severity: 'info' | 'warning';
  /** True for Tactline's built-in rules (not from the pack). */
  builtin: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  any?: TrieNode;
  /** Rules whose pattern ends here. */
  rules: AvoidRule[];
}

export interface CompiledLint {
  readonly root: TrieNode;
  /** The rules in effect (pack rules plus the built-ins they do not replace). */
  readonly rules: readonly AvoidRule[];
  /** Ids of rules whose pattern has no word to match (ignored). */
  readonly skipped: readonly string[];
}

export interface CompileOptions {
  /** Include Tactline's built-in defaults (default true). */
  defaults?: boolean;
}

function node(): TrieNode {
  return { next: new Map(), rules: [] };
}

function key(words: Array<string | null>): string {
  return words.map((w) => w ?? '*').join(' ');
}

/** Compile once per pack. */
export function compileAvoidRules(rules: readonly AvoidRule[], opts: CompileOptions = {}): CompiledLint {
  const root = node();
  const skipped: string[] = [];
  const used: AvoidRule[] = [];
  const seen = new Set<string>();
  const all = [...rules, ...(opts.defaults === false ? [] : DEFAULT_AVOID)];
  for (const rule of all) {
    const words = typeof rule.pattern === 'string' ? patternWords(rule.pattern) : undefined;
    if (!words) {
      skipped.push(rule.id);
      continue;
    }
    const k = key(words);
    if (seen.has(k)) continue; // the pack's rule replaces a built-in with the same pattern
    seen.add(k);
    let n = root;
    for (const w of words) {
      if (w === null) n = n.any ??= node();
      else {
        let c = n.next.get(w);
        if (!c) n.next.set(w, (c = node()));
        n = c;
      }
    }
    n.rules.push(rule);
    used.push(rule);
  }
  return { root, rules: used, skipped };
}

export interface LintOptions {
  replyMode: 'public' | 'internal';
}

export function lintDraft(draft: string, compiled: CompiledLint, opts: LintOptions): LintFinding[] {
  if (!draft) return [];
  const toks = tokenize(draft);
  const raw: Array<{ rule: AvoidRule; start: number; end: number }> = [];
  const stack: Array<{ n: TrieNode; j: number }> = [];
  for (let i = 0; i < toks.length; i++) {
    const first = compiled.root.next.get(toks[i]!.norm);
    if (!first) continue;
    stack.push({ n: first, j: i + 1 });
    while (stack.length) {
      const { n, j } = stack.pop()!;
      for (const rule of n.rules) {
        if (rule.appliesTo === 'public' && opts.replyMode !== 'public') continue;
        raw.push({ rule, start: toks[i]!.start, end: toks[j - 1]!.end });
      }
      const t = toks[j];
      if (!t || t.breakBefore) continue;
      const c = n.next.get(t.norm);
      if (c) stack.push({ n: c, j: j + 1 });
      if (n.any) stack.push({ n: n.any, j: j + 1 });
    }
  }
  if (raw.length === 0) return [];
  // One finding per rule and start (the longest); a built-in finding overlapped by a pack finding goes.
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LintFinding[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const k = `${r.rule.id}@${r.start}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const builtin = r.rule.id.startsWith(BUILTIN_PREFIX);
    if (builtin && raw.some((o) => !o.rule.id.startsWith(BUILTIN_PREFIX) && o.start < r.end && o.end > r.start)) continue;
    out.push({
      ruleId: r.rule.id,
      start: r.start,
      end: r.end,
      text: draft.slice(r.start, r.end),
      why: r.rule.why,
      instead: [...r.rule.instead],
      severity: r.rule.severity === 'warning' ? 'warning' : 'info',
      builtin,
    });
  }
  return out;
}

/**
 * Replace a finding's text in the draft with one of its alternatives. Returns null when the draft
 * changed since the lint ran (the finding's text is no longer at its offsets), so a stale
 * popover can never overwrite the wrong words. `caret` is where the caret goes afterwards.
 */
export function replaceFinding(
  draft: string,
  finding: Pick<LintFinding, 'start' | 'end' | 'text'>,
  replacement: string,
): { text: string; caret: number } | null {
  if (finding.start < 0 || finding.end > draft.length || draft.slice(finding.start, finding.end) !== finding.text) return null;
  // Keep the original's capitalisation at a sentence start ("Calm down" → "I can see …").
  let rep = replacement;
  const first = finding.text.charAt(0);
  if (rep && first && first === first.toUpperCase() && first !== first.toLowerCase()) rep = rep.charAt(0).toUpperCase() + rep.slice(1);
  return { text: draft.slice(0, finding.start) + rep + draft.slice(finding.end), caret: finding.start + rep.length };
}
