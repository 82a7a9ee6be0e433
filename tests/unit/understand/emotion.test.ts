import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectEmotion } from '../../../guidance/understand/emotion';

const label = (t: string): string => detectEmotion(t).emotion.label;
const sentiment = (t: string): string => detectEmotion(t).sentiment.label;

describe('detectEmotion: labels', () => {
  it.each([
    ["This is the third time I'm writing and I'm still waiting for my refund!!!", 'frustrated'],
    ['My order never arrived and the tracking page isn’t working.', 'frustrated'],
    ['Great, another delay. Just what I needed.', 'frustrated'],
    ['Thanks for nothing.', 'angry'],
    ['This is UNACCEPTABLE. I want my money back.', 'angry'],
    ['You people are scammers and I will report you to trading standards.', 'angry'],
    ["I don't understand why I was charged twice???", 'confused'],
    ['Can you explain what this fee means? It makes no sense to me.', 'confused'],
    ["I'm really worried my package won't arrive in time for the wedding.", 'anxious'],
    ['I am scared someone has used my card, I do not recognise these payments.', 'anxious'],
    ['I am so disappointed with the jacket, I expected better from you.', 'disappointed'],
    ['I am not happy with the quality at all.', 'disappointed'],
    ['Thank you so much, you were really helpful!', 'grateful'],
    ['Brilliant service, the replacement arrived today. Much appreciated!', 'grateful'],
  ])('%s → %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('out-of-scope, factual text is neutral', () => {
    expect(label('Please send me the invoice for order 48213 to the billing address on file.')).toBe('neutral');
    expect(label('The parcel weighs 2 kg and measures 30 x 20 x 10 cm.')).toBe('neutral');
    expect(label('')).toBe('neutral');
  });

  it('a polite closing "thanks in advance" does not turn a request into gratitude', () => {
    expect(label('Could you update my delivery address to 12 Example Street? Thanks in advance.')).toBe('neutral');
  });

  it('thanks at the end of a complaint stays a complaint', () => {
    expect(label("This is the second time I've written and still no reply. Thanks.")).toBe('frustrated');
  });

  it('"sorry to bother you" is politeness, not disappointment', () => {
    expect(label('Sorry to bother you, could you tell me when the store opens?')).toBe('neutral');
  });
});

describe('detectEmotion: negation, intensifiers, caps, punctuation', () => {
  it('negation flips positive words ("not happy", "not helpful")', () => {
    expect(sentiment('I am happy with it')).toBe('positive');
    expect(sentiment('I am not happy with it')).toBe('negative');
    expect(sentiment('The agent was not helpful')).toBe('negative');
  });

  it('negated negative words are softened, not made negative ("not bad", "no problem")', () => {
    expect(sentiment('Not bad at all')).not.toBe('negative');
    expect(label('No problem, take your time.')).toBe('neutral');
  });

  it('intensifiers raise the score', () => {
    const plain = detectEmotion('I am disappointed').emotion.score;
    const boosted = detectEmotion('I am extremely disappointed').emotion.score;
    expect(boosted).toBeGreaterThan(plain);
    const p1 = detectEmotion('This is bad').sentiment.score;
    const p2 = detectEmotion('This is really bad').sentiment.score;
    expect(p2).toBeLessThan(p1);
  });

  it('all-caps words count more', () => {
    const lower = detectEmotion('this is ridiculous').sentiment.score;
    const caps = detectEmotion('this is RIDICULOUS').sentiment.score;
    expect(caps).toBeLessThan(lower);
  });

  it('repeated exclamation marks make a complaint angrier', () => {
    const calm = detectEmotion('Where is my refund.').emotion;
    const loud = detectEmotion('Where is my refund, this is ridiculous!!!').emotion;
    expect(calm.label).toBe('neutral');
    expect(loud.label).toBe('frustrated');
    expect(loud.evidence.some((e) => e.text === '!!!')).toBe(true);
  });

  it('"?!" and "???" read as frustration/confusion', () => {
    expect(label('Why was I charged again?!?! This is a joke.')).toBe('frustrated');
    expect(label('What does this charge mean???')).toBe('confused');
  });
});

describe('detectEmotion: evidence', () => {
  it('evidence spans slice back to the text', () => {
    const text = 'Hi, this is the third time I am writing. Still waiting for my refund!!!';
    const r = detectEmotion(text);
    expect(r.emotion.label).toBe('frustrated');
    expect(r.emotion.evidence.length).toBeGreaterThan(0);
    for (const e of r.emotion.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(r.emotion.evidence.map((e) => e.text)).toContain('Still waiting');
  });

  it('negation evidence covers the negator and the word', () => {
    const text = 'Honestly I am not happy.';
    const r = detectEmotion(text);
    expect(r.emotion.label).toBe('disappointed');
    expect(r.emotion.evidence[0]?.text).toBe('not happy');
  });

  it('sarcasm evidence is the whole cue', () => {
    const r = detectEmotion('Oh great, another delay.');
    expect(r.emotion.label).toBe('frustrated');
    expect(r.emotion.evidence[0]?.text).toBe('Oh great, another');
    expect(r.sentiment.label).toBe('negative');
  });

  it('scores and polarity stay in range', () => {
    for (const t of ['!!!!!!!!', 'HATE HATE HATE HATE', 'thanks '.repeat(200), 'not not not not happy']) {
      const r = detectEmotion(t);
      expect(r.emotion.score).toBeGreaterThanOrEqual(0);
      expect(r.emotion.score).toBeLessThanOrEqual(1);
      expect(r.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(r.sentiment.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('detectEmotion: robustness', () => {
  it('never throws and evidence offsets always slice back (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.lorem({ maxCount: 40 })), (text) => {
        const r = detectEmotion(text);
        for (const e of r.emotion.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
        expect(Number.isFinite(r.sentiment.score)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('handles non-string input defensively', () => {
    expect(detectEmotion(undefined as unknown as string).emotion.label).toBe('neutral');
  });

  it('has no catastrophic backtracking on long or repetitive input', () => {
    // Must finish (a catastrophic regex would hang and hit the test timeout); speed is measured by `npm run bench`.
    for (const text of [
      "I ordered a jacket and it still hasn't arrived, this is the third time I'm writing! ".repeat(40),
      'third time '.repeat(2000),
      'great, '.repeat(3000),
      '!?'.repeat(5000),
      'a'.repeat(50_000),
    ]) {
      detectEmotion(text);
    }
  });
});
