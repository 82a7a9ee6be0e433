/**
 * Tactline's own compact emotion/sentiment lexicon, written for support tickets (and checked against
 * general English). Each line: `label valence: word word word*`.
 * - label: the emotion the word points to, or `-` for sentiment only.
 * - valence: -4..4 (VADER-like scale), the word's polarity before negation/intensifiers.
 * - a trailing `*` makes the entry a prefix ("frustrat*" matches frustrated, frustrating, frustration).
 * - a word may carry its own weight for the emotion with `=w` (default 1), e.g. `mad=0.6`.
 * Multi-word cues live in emotion.ts as precompiled patterns.
 */
export const EMOTION_LEXICON = `
angry -3: angry angrier angriest anger furious* livid outrage* enrag* infuriat* incens* irate fuming
angry -3: pissed rage raging hate=0.8 hated=0.8 hating=0.8 hates=0.8 hatred despise* loathe* detest*
angry -3: disgust* disgrace* shameful scam scams scammed scammer* fraud* fraudulent thief thieves theft robbed robbery
angry -3: ripoff rip-off cheat cheated cheating liar liars lying=0.6 lied=0.7 incompetent incompetence
angry -3: appalling appalled atrocious unacceptable inexcusable outrageous criminal shame=0.5
angry -3: fuck* fck* wtf bullshit bs=0.6 asshole* bastard* idiot* moron* dumbass stfu screw=0.6 screwed=0.6
angry -2: stupid=0.7 dumb=0.6 shit=0.6 shitty=0.7 crap=0.6 crappy=0.7 damn=0.5 damned=0.5 hell=0.4 mad=0.6
angry -3: worst=0.6 horrible=0.5 terrible=0.5 awful=0.5 disrespect* insult* rude rudeness arrogant hostile
angry -2: lawyer=0.7 lawsuit=0.8 sue=0.6 chargeback=0.6 trading=0 disgraceful
frustrated -2: annoy* irritat* frustrat* aggravat* exasperat* infuriating=0.5 ugh=1.2 argh=1.2 grr* smh
frustrated -2: useless pointless hassle nuisance waste=0.8 wasted=0.8 wasting=0.8 ridiculous=1.2 absurd
frustrated -2: nonsense=0.8 joke=0.4 tedious tiresome endless=0.8 unhelpful unresponsive ignored ignoring=0.8
frustrated -1: again=0.35 still=0.25 yet=0.15 seriously=0.5 honestly=0.3 ffs=1.2 sigh=1 meh=0.6
frustrated -2: sucks=1 suck=0.9 sucked=0.9 unbearable=0.8 fed=0 inconvenien* incompeten*=0.3 bloody=0.5
anxious -2: worr* anxious anxiety anxieties nervous* scared scary scare=0.8 afraid fear* frighten* terrified
anxious -2: terrifying panic* uneasy stress* dread* alarming alarmed concerned=0.8 concern=0.6 concerns=0.6
anxious -2: desperate* urgent=0.5 urgently=0.5 asap=0.4 unsafe danger* risk=0.4 risky=0.6 threat*=0.5
anxious -1: hopefully=0.35 hope=0.3 hoping=0.4 pray*=0.5 yikes=0.8 eek=0.8 tense insecure paranoi*
confused -1: confus* puzzl* baff* bewilder* perplex* unclear clueless mislead*=0.5 misleading=0.5
confused -1: huh=1.2 wondering=0.7 wonder=0.5 curious=0.4 weird=0.6 strange=0.6 odd=0.5 bizarre=0.6
confused 0: understand=0 explain=0.4 clarify=0.6 clarification=0.6 mean=0 sense=0 idea=0 sure=0 why=0.35
confused 0: how=0.15 what=0.1 which=0.1 unsure=0.8 uncertain=0.6 misunderst*=0.9 lost=0.3
disappointed -2: disappoint* letdown underwhelm* unhappy unsatisfied dissatisf* sad sadly sadness sadden*
disappointed -2: unfortunate*=0.7 upset=0.8 heartbr* devastat* depress* depressing miserable regret* pity=0.6
disappointed -2: miss=0.5 missed=0.4 lonely cry=0.8 crying=0.8 tears=0.7 hurt=0.6 hurts=0.6 painful=0.5
disappointed -2: mediocre subpar sorry=0.35 poor=0.5 poorly=0.5 shame=0.5 expected=0.3 rip=0.6 sucks=0.3
disappointed -2: bad=0.3 worse=0.4 failed=0.3 fails=0.3 failure=0.4 broken=0.25 damaged=0.3 defective=0.3
grateful 3: thanks thank thankful thanx thx ty grateful gratitude appreciat* cheers=0.6 kudos bless*=0.7
grateful 3: awesome=0.8 amazing=0.8 excellent=0.8 fantastic=0.8 wonderful=0.8 brilliant=0.8 superb=0.8
grateful 3: perfect=0.6 outstanding=0.8 incredible=0.6 beautiful=0.7 gorgeous=0.7 lovely=0.8 love=0.6
grateful 2: loved=0.6 loving=0.5 loves=0.5 great=0.6 glad=0.9 happy=0.8 happier=0.7 pleased=0.8 delighted
grateful 2: relieved relief=0.8 helpful=0.9 kind=0.5 kindness generous sweet=0.6 nice=0.5 cool=0.4
grateful 2: enjoy*=0.6 fun=0.5 yay=0.8 congrat*=0.8 impress*=0.8 admir*=0.9 respect=0.5 proud=0.5
grateful 2: best=0.5 good=0.3 better=0.2 wow=0.4 legend=0.7 hero=0.7 saved=0.4 blessed=0.7 lucky=0.5
- -2: wrong problem problems issue=0.5 issues=0.5 error errors fail fault faulty missing late delay* ugly
- -2: broke lost stolen denied declined refused reject* complain* complaint angrily negative unfair
- -2: bad worse horrible terrible awful worst disaster* mess sick ill kill* killed dead die died death
- -2: boring bored lame trash garbage junk wrongly charged=0.5 overcharged double-charged nothing=0.3
- 2: good better fine ok okay=0.5 well=0.3 right=0.2 true=0.2 yes=0.3 agree agreed interesting funny lol
- 2: haha* lmao hilarious smart beautiful win winning won success* solved resolved fixed works=0.4 easy
- 2: fast quick=0.5 safe secure clean fair recommend* satisfied satisfying like=0.4 liked likes=0.4 wish=0.3
- 2: pretty=0.5 super=0.6 hope=0.5 hopefully=0.5 support=0.2 friendly polite welcome care=0.5 caring
`;

/** Words that, when negated ("never arrived", "isn't working"), signal a failed expectation in support. */
export const EXPECTATION_WORDS =
  'work works working worked arrive arrives arrived arriving receive received receiving deliver delivered ' +
  'come came respond responded reply replied answer answered help helped helping fix fixed resolve resolved ' +
  'refund refunded show showed shown get got load loads loading open opens charge connect connects sync ' +
  'happen happened turn turned start started update updated process processed ship shipped sent heard ' +
  'solved solve';

/** Negators: flip the polarity of a sentiment word up to 3 tokens later. */
export const NEGATORS =
  "not no never none nobody nothing neither nor without cannot cant can't won't wont don't dont doesn't " +
  "doesnt didn't didnt isn't isnt aren't arent wasn't wasnt weren't werent haven't havent hasn't hasnt " +
  "hadn't hadnt shouldn't shouldnt wouldn't wouldnt couldn't couldnt mustn't ain't aint hardly barely " +
  'n\'t neednt needn\'t';

/** Intensifiers (booster) and their multiplier on the next sentiment word. */
export const BOOSTERS: Record<string, number> = {
  absolutely: 1.35, completely: 1.35, extremely: 1.5, incredibly: 1.4, really: 1.25, so: 1.25, very: 1.3,
  totally: 1.35, utterly: 1.45, super: 1.3, truly: 1.3, seriously: 1.25, highly: 1.3, deeply: 1.35,
  terribly: 1.4, awfully: 1.35, insanely: 1.4, ridiculously: 1.4, beyond: 1.3, quite: 1.1, too: 1.15,
  most: 1.2, more: 1.1, such: 1.2, fucking: 1.5, freaking: 1.4, damn: 1.3, bloody: 1.3, hugely: 1.35,
  majorly: 1.3, especially: 1.15, particularly: 1.15, thoroughly: 1.3, entirely: 1.2, fully: 1.1,
  slightly: 0.6, somewhat: 0.7, little: 0.75, bit: 0.75, kinda: 0.75, sorta: 0.75, barely: 0.6,
  marginally: 0.6, partly: 0.7, fairly: 0.85, rather: 0.9, mildly: 0.6,
};
