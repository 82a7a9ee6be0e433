/**
 * Emotion and sentiment on GoEmotions (Demszky et al. 2020), mapped onto Tactline's labels.
 * Headline figures are on the dev split; the lexicon and thresholds were tuned on train only.
 * Run alone: `npx tsx tests/eval/emotion.ts` (add `--train` to also print the train figures,
 * `--errors` to print a sample of dev mistakes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEmotion } from '../../guidance/understand/emotion';
import type { EmotionLabel, SentimentLabel } from '../../guidance/types';
import type { EvalSection } from './types';

const DATA = join(import.meta.dirname, '../../../shared/data/goemotions');

/** GoEmotions label → Tactline emotion (the mapping suggested by shared/data/README.md). */
const EMOTION_MAP: Record<string, EmotionLabel> = {
  anger: 'angry',
  annoyance: 'frustrated',
  confusion: 'confused',
  nervousness: 'anxious',
  fear: 'anxious',
  disappointment: 'disappointed',
  sadness: 'disappointed',
  gratitude: 'grateful',
  joy: 'grateful',
  admiration: 'grateful',
  relief: 'grateful',
  neutral: 'neutral',
};
/** GoEmotions' own sentiment grouping of its labels (ambiguous ones are dropped). */
const POSITIVE = new Set(['admiration', 'amusement', 'approval', 'caring', 'desire', 'excitement', 'gratitude', 'joy', 'love', 'optimism', 'pride', 'relief']);
const NEGATIVE = new Set(['anger', 'annoyance', 'disappointment', 'disapproval', 'disgust', 'embarrassment', 'fear', 'grief', 'nervousness', 'remorse', 'sadness']);

const EMOTIONS: EmotionLabel[] = ['angry', 'frustrated', 'anxious', 'confused', 'disappointed', 'grateful', 'neutral'];
const SENTIMENTS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

interface Row {
  text: string;
  labels: string[];
}

function load(split: 'train' | 'dev'): Row[] {
  const names = readFileSync(join(DATA, 'labels.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const rows: Row[] = [];
  for (const line of readFileSync(join(DATA, `${split}.tsv`), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [text, ids] = line.split('\t');
    if (text === undefined || ids === undefined) continue;
    rows.push({ text, labels: ids.split(',').map((i) => names[Number(i)] ?? '?') });
  }
  return rows;
}

/** Single mapped emotion, or undefined when the row has none of the mapped labels or several that disagree. */
export function goldEmotion(labels: string[]): EmotionLabel | undefined {
  const mapped = new Set(labels.map((l) => EMOTION_MAP[l]).filter((x): x is EmotionLabel => x !== undefined));
  if (mapped.size !== 1) return undefined;
  // A row with a mapped label plus an unmapped one (e.g. "anger, disgust") keeps the mapped one,
  // except neutral+anything (GoEmotions rarely does that; such rows are dropped).
  const only = [...mapped][0]!;
  if (only === 'neutral' && labels.length > 1) return undefined;
  return only;
}

export function goldSentiment(labels: string[]): SentimentLabel | undefined {
  let pos = false;
  let neg = false;
  let neu = false;
  let amb = false;
  for (const l of labels) {
    if (POSITIVE.has(l)) pos = true;
    else if (NEGATIVE.has(l)) neg = true;
    else if (l === 'neutral') neu = true;
    else amb = true;
  }
  if (amb || Number(pos) + Number(neg) + Number(neu) !== 1) return undefined;
  return pos ? 'positive' : neg ? 'negative' : 'neutral';
}

interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { p: number; r: number; f1: number; support: number }>;
}

export function score<L extends string>(gold: L[], pred: L[], classes: readonly L[]): Scores {
  const perClass: Scores['perClass'] = {};
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === c && gold[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    perClass[c] = { p, r, f1, support: tp + fn };
    sum += f1;
  }
  return { n: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1: sum / classes.length, perClass };
}

const f2 = (x: number): number => Math.round(x * 100) / 100;
const f3 = (x: number): number => Math.round(x * 1000) / 1000;

interface SplitResult {
  emo: Scores;
  emoBase: Scores;
  sent: Scores;
  sentBase: Scores;
  droppedEmo: number;
  droppedSent: number;
  total: number;
  emoCounts: Record<string, number>;
  errors: Array<{ text: string; gold: string; pred: string }>;
  ms: number;
}

function majority<L extends string>(gold: L[]): L {
  const counts = new Map<L, number>();
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

export function evaluateSplit(split: 'train' | 'dev'): SplitResult {
  const rows = load(split);
  const eg: EmotionLabel[] = [];
  const ep: EmotionLabel[] = [];
  const sg: SentimentLabel[] = [];
  const sp: SentimentLabel[] = [];
  const errors: SplitResult['errors'] = [];
  const emoCounts: Record<string, number> = {};
  const t0 = performance.now();
  for (const row of rows) {
    const ge = goldEmotion(row.labels);
    const gs = goldSentiment(row.labels);
    if (ge === undefined && gs === undefined) continue;
    const r = detectEmotion(row.text);
    if (ge !== undefined) {
      eg.push(ge);
      ep.push(r.emotion.label);
      emoCounts[ge] = (emoCounts[ge] ?? 0) + 1;
      if (ge !== r.emotion.label && errors.length < 4000) errors.push({ text: row.text, gold: ge, pred: r.emotion.label });
    }
    if (gs !== undefined) {
      sg.push(gs);
      sp.push(r.sentiment.label);
    }
  }
  const ms = performance.now() - t0;
  const em = majority(eg);
  const sm = majority(sg);
  return {
    emo: score(eg, ep, EMOTIONS),
    emoBase: score(eg, eg.map(() => em), EMOTIONS),
    sent: score(sg, sp, SENTIMENTS),
    sentBase: score(sg, sg.map(() => sm), SENTIMENTS),
    droppedEmo: rows.length - eg.length,
    droppedSent: rows.length - sg.length,
    total: rows.length,
    emoCounts,
    errors,
    ms,
  };
}

export async function evaluate(): Promise<EvalSection> {
  const title = 'Emotion and sentiment — GoEmotions dev (Reddit comments, mapped)';
  if (!existsSync(join(DATA, 'dev.tsv'))) return { title, rows: [], notes: [`data not found at ${DATA}`] };
  const dev = evaluateSplit('dev');
  const rows: EvalSection['rows'] = [
    { task: 'emotion (7 labels)', metric: 'macro-F1', tactline: f3(dev.emo.macroF1), 'majority baseline': f3(dev.emoBase.macroF1), accuracy: f3(dev.emo.accuracy), n: dev.emo.n },
    { task: 'sentiment (neg/neu/pos)', metric: 'macro-F1', tactline: f3(dev.sent.macroF1), 'majority baseline': f3(dev.sentBase.macroF1), accuracy: f3(dev.sent.accuracy), n: dev.sent.n },
  ];
  for (const c of EMOTIONS) {
    const pc = dev.emo.perClass[c]!;
    rows.push({ task: `emotion: ${c}`, metric: 'F1 (P / R)', tactline: f3(pc.f1), 'majority baseline': f3(dev.emoBase.perClass[c]!.f1), accuracy: `${f2(pc.p)} / ${f2(pc.r)}`, n: pc.support });
  }
  for (const c of SENTIMENTS) {
    const pc = dev.sent.perClass[c]!;
    rows.push({ task: `sentiment: ${c}`, metric: 'F1 (P / R)', tactline: f3(pc.f1), 'majority baseline': f3(dev.sentBase.perClass[c]!.f1), accuracy: `${f2(pc.p)} / ${f2(pc.r)}`, n: pc.support });
  }
  return {
    title,
    rows,
    notes: [
      `Label mapping (shared/data/README.md): anger→angry, annoyance→frustrated, confusion→confused, nervousness/fear→anxious, disappointment/sadness→disappointed, gratitude/joy/admiration/relief→grateful, neutral→neutral.`,
      `Emotion: of ${dev.total} dev rows, ${dev.droppedEmo} are dropped — rows carrying none of the mapped labels (amusement, approval, caring, curiosity, desire, disapproval, disgust, embarrassment, excitement, grief, love, optimism, pride, realization, remorse, surprise only), rows whose mapped labels disagree (e.g. anger + gratitude) and neutral rows with another label.`,
      `Sentiment: GoEmotions' own grouping (positive: admiration, amusement, approval, caring, desire, excitement, gratitude, joy, love, optimism, pride, relief; negative: anger, annoyance, disappointment, disapproval, disgust, embarrassment, fear, grief, nervousness, remorse, sadness; neutral). ${dev.droppedSent} rows dropped: ambiguous labels (confusion, curiosity, realization, surprise) or mixed polarity.`,
      `Reference: a lexicon scorer (VADER or AFINN-165) gets about 0.63 sentiment macro-F1 on GoEmotions (shared/data/README.md). Majority baseline = always the most frequent class of the split.`,
      `Tuned on GoEmotions train only (lexicon entries, weights, thresholds); dev was not used for tuning. Reddit is not support mail: support-specific cues ("third time I'm writing", "still waiting") rarely fire here.`,
    ],
  };
}

// Run alone for tuning.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const splits: Array<'train' | 'dev'> = process.argv.includes('--train') ? ['train', 'dev'] : ['dev'];
  for (const s of splits) {
    const r = evaluateSplit(s);
    console.log(`${s}: emotion macro-F1 ${f3(r.emo.macroF1)} (base ${f3(r.emoBase.macroF1)}) acc ${f3(r.emo.accuracy)} n=${r.emo.n}; sentiment macro-F1 ${f3(r.sent.macroF1)} (base ${f3(r.sentBase.macroF1)}) acc ${f3(r.sent.accuracy)} n=${r.sent.n}; ${r.ms.toFixed(0)} ms`);
    console.log('  per-class emotion', Object.entries(r.emo.perClass).map(([k, v]) => `${k}:${f2(v.f1)}(p${f2(v.p)} r${f2(v.r)} n${v.support})`).join(' '));
    console.log('  per-class sentiment', Object.entries(r.sent.perClass).map(([k, v]) => `${k}:${f2(v.f1)}(p${f2(v.p)} r${f2(v.r)})`).join(' '));
    if (process.argv.includes('--errors') && s === 'train') {
      for (const e of r.errors.slice(0, 60)) console.log(`   [${e.gold}→${e.pred}] ${e.text.slice(0, 140)}`);
    }
  }
}
