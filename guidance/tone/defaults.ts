/**
 * Tactline's small built-in set of phrases to avoid in customer replies. A pack rule with the same
 * pattern replaces the built-in one; packs can add as many as they like.
 */

import type { AvoidRule } from '../pack/types';

export const BUILTIN_PREFIX = 'tactline/';

export const DEFAULT_AVOID: readonly AvoidRule[] = [
  {
    id: 'tactline/calm-down',
    pattern: 'calm down',
    why: 'Telling someone to calm down dismisses their feelings and usually makes them angrier.',
    instead: ['I can see why this is upsetting', 'I understand this is frustrating'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/as-i-said',
    pattern: 'as I said before',
    why: 'Sounds impatient and blames the reader for not listening.',
    instead: ['To recap', 'Just to confirm'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/as-i-already-said',
    pattern: 'as I already said',
    why: 'Sounds impatient and blames the reader for not listening.',
    instead: ['To recap', 'Just to confirm'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/you-need-to',
    pattern: 'you need to',
    why: 'Reads as an order. Asking or offering keeps the customer on your side.',
    instead: ['Could you', 'The next step is to', 'If you can'],
    severity: 'info',
    appliesTo: 'any',
  },
  {
    id: 'tactline/obviously',
    pattern: 'obviously',
    why: 'What is obvious to you may not be to the customer; the word can sound condescending.',
    instead: ['(leave it out)', 'As you may know'],
    severity: 'info',
    appliesTo: 'any',
  },
  {
    id: 'tactline/you-should-have',
    pattern: 'you should have',
    why: 'Blames the customer for something that cannot be changed now.',
    instead: ['Next time, it helps to', 'From here, the best option is'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/you-failed-to',
    pattern: 'you failed to',
    why: 'Blames the customer.',
    instead: ['It looks like we did not receive', 'We still need'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/per-my-last',
    pattern: 'per my last email',
    why: 'Widely read as passive-aggressive.',
    instead: ['As mentioned in my earlier email', 'To recap'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/not-my-job',
    pattern: 'not my job',
    why: 'Tells the customer you will not help; say who will.',
    instead: ['The right team for this is', 'Let me get this to the colleague who can help'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/nothing-we-can-do',
    pattern: "there's nothing we can do",
    why: 'Closes the conversation; say what you can do instead.',
    instead: ['What I can do is', 'Here are the options I have'],
    severity: 'warning',
    appliesTo: 'any',
  },
  {
    id: 'tactline/no-offense',
    pattern: 'no offense',
    why: 'Announces that what follows may offend.',
    instead: ['(rephrase the sentence that follows)'],
    severity: 'info',
    appliesTo: 'any',
  },
  {
    id: 'tactline/to-be-honest',
    pattern: 'to be honest',
    why: 'Suggests the rest of the message may not be honest.',
    instead: ['(leave it out)'],
    severity: 'info',
    appliesTo: 'any',
  },
];
