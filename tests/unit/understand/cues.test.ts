import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectRepeatContact, detectUrgency } from '../../../guidance/understand/cues';

const texts = (ev: Array<{ text: string }>) => ev.map((e) => e.text);

describe('detectRepeatContact', () => {
  it.each([
    ["This is the third time I'm writing about this.", ["third time I'm writing"]],
    ['I have already contacted you twice.', ['I have already contacted you twice']],
    ["I've emailed you before about the same problem.", ["I've emailed you before"]],
    ['Still waiting for an answer.', ['Still waiting']],
    ['Still no reply from anyone', ['Still no reply']],
    ['As I said in my last email, the zip is broken.', ['As I said in my last email']],
    ['Following up on my previous message.', ['Following up on', 'my previous message']],
    ['Nobody has got back to me.', ['Nobody has got back']],
    ['I have sent 4 emails already', ['4 emails already']],
    ['Writing again because nothing happened.', ['Writing again']],
  ])('%s', (text, expected) => {
    expect(texts(detectRepeatContact(text))).toEqual(expected);
  });

  it('a first contact has no repeat cue', () => {
    expect(detectRepeatContact('Hello, my jacket arrived with a broken zip. Can you help?')).toEqual([]);
    expect(detectRepeatContact('I washed it 5 times and it shrank.')).toEqual([]);
    expect(detectRepeatContact('I ordered two times the same size by mistake.')).toEqual([]);
  });

  it('offsets slice back', () => {
    const text = 'Hi. This is my second email, still no response.';
    for (const e of detectRepeatContact(text)) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(detectRepeatContact(text).length).toBe(2);
  });
});

describe('detectUrgency', () => {
  it.each([
    ['URGENT: the payment failed', 'high', ['URGENT']],
    ['Please fix this as soon as possible', 'high', ['as soon as possible']],
    ['I need it by tomorrow for the wedding', 'high', ['by tomorrow', 'for the wedding']],
    ['My account was hacked and there are unauthorized payments', 'high', ['account was hacked', 'unauthorized payments']],
    ['I cannot log in to pay my bill', 'high', ['cannot log in']],
    ['No rush, whenever you get a chance', 'low', ['No rush', 'whenever you get a chance']],
    ["It's not urgent, just curious", 'low', ['not urgent', 'just curious']],
    ['Where is my parcel?', 'normal', []],
  ])('%s → %s', (text, level, evidence) => {
    const r = detectUrgency(text);
    expect(r.level).toBe(level);
    expect(texts(r.evidence)).toEqual(evidence);
  });

  it('negated urgency is not urgency', () => {
    expect(detectUrgency('This is not urgent.').level).toBe('low');
    expect(detectUrgency('nothing urgent here').level).not.toBe('high');
  });

  it('never throws and offsets always slice back (property)', () => {
    const cueish = fc.array(fc.constantFrom('urgent', 'not', 'no rush', 'still', 'waiting', 'third', 'time', "I'm", 'writing', ' ', '!', 'again', 'by', 'tomorrow'), { maxLength: 30 }).map((a) => a.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), cueish), (text) => {
        for (const e of [...detectRepeatContact(text), ...detectUrgency(text).evidence]) expect(text.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 400 },
    );
  });
});
