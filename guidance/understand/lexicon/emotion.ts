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
angry -3: pissed=0.7 rage raging hate=1.1 hated=1 hating=1 hates=1 hatred despise* loathe* detest*
angry -3: disgust* disgrace* shameful scam scams scammed scammer* fraud* fraudulent thief thieves theft robbed robbery
angry -3: ripoff rip-off cheat cheated cheating liar liars lying=0.6 lied=0.7 incompetent incompetence
angry -3: appalling appalled atrocious unacceptable inexcusable outrageous criminal dare=0.8 racist=0.6 bigot*
angry -3: fuck=1.2 fucking=0.6 fucked=1 fucker* fck* wtf=1.1 stfu asshole* bastard* bitch* dickhead* cunt*
angry -2: bullshit=0.6 hell=0.4 damn=0.35 shut=0.6 kill=0.4 burn=0.4 mad=0.6 rude rudeness arrogant hostile
angry -3: worst=0.6 horrible=0.5 terrible=0.45 awful=0.4 disrespect* insult* disgraceful lawsuit=0.8 sue=0.6
frustrated -2: annoy* irritat* frustrat* aggravat* exasperat* ugh=1.2 argh=1.2 grr* smh=1.1 ffs=1.2 sigh=1
frustrated -2: stupid=1.1 dumb=1.1 dumbass idiot=1 idiots=1.1 idiotic moron* fool=1 foolish=0.8 ridiculous=1.2
frustrated -2: useless pointless hassle nuisance waste=0.8 wasted=0.8 wasting=0.8 absurd nonsense=0.8
frustrated -2: tedious tiresome endless=0.8 unhelpful unresponsive ignored ignoring=0.8 boring=0.6 bored=0.5
frustrated -1: again=0.3 still=0.2 seriously=0.7 honestly=0.3 meh=0.6 whatever=0.4 weird=0.5 creepy=0.5
frustrated -2: sucks=1 suck=0.9 sucked=0.9 shit=0.7 shitty=0.9 crap=0.8 crappy=0.9 bloody=0.5 uncomfortable=0.6
frustrated -2: inconvenien* insane=0.5 crazy=0.4 ugly=0.5 fake=0.4 lame=0.6 unbearable=0.8 nightmare=0.6
anxious -2: worr* anxious anxiety anxieties nervous* scared scary scare=1 scares=1 afraid fear* frighten* terrified
anxious -2: terrifying panic* uneasy stress* dread* alarming alarmed concerned=0.8 concern=0.6 concerns=0.6
anxious -2: horrifying=1 horrified horror=0.8 dangerous=0.7 danger=0.6 unsafe risky=0.6 desperate*
anxious -1: yikes=0.9 eek=0.8 tense insecure paranoi* urgent=0.4 urgently=0.4 threat*=0.4 nightmare=0.5 creepy=0.6
anxious -1: terrible=0.4 horrible=0.35 hacked=0.8
confused -1: confus* puzzl* baff* bewilder* perplex* unclear clueless idk=1.2 dunno=0.9 huh=1.2 hm=0.5 hmm=0.6
confused -1: wondering=0.7 wonder=0.5 curious=0.4 odd=0.4 bizarre=0.5 misunderst*=0.9 unsure=0.8 uncertain=0.6
confused 0: explain=0.5 clarify=0.6 understand=0.4 why=0.3 doubt=0.5 mean=0.2 meant=0.3 guess=0.25 maybe=0.2
disappointed -2: disappoint* letdown underwhelm* unhappy unsatisfied dissatisf* sad sadly sadness sadden* saddest
disappointed -2: unfortunate*=0.9 upset=0.9 heartbr* devastat* depress* miserable regret* pity=0.6 heartbreaking
disappointed -2: miss=0.7 missed=0.5 missing=0.3 lonely cry=0.8 crying=0.9 cried=0.9 tears=0.7 hurt=0.8 hurts=0.9 hurting=0.9
disappointed -2: painful=0.9 pain=0.6 loss=0.7 lost=0.4 lose=0.3 losing=0.4 died=0.5 rip=0.7 condolences=0.9 grief=0.8
disappointed -2: mediocre subpar sorry=0.8 poor=0.7 poorly=0.6 shame=0.5 expected=0.3 lack=0.4 rough=0.5
disappointed -2: bad=0.5 worse=0.4 failed=0.35 fails=0.3 failure=0.4 broken=0.3 damaged=0.35 defective=0.35 broke=0.4
grateful 3: thanks=1.2 thank=1.2 thankful thanx thx ty grateful gratitude appreciat* cheers=0.8 kudos bless*=0.8
grateful 3: awesome amazing excellent fantastic wonderful brilliant superb outstanding incredible stunning
grateful 3: perfect=0.9 beautiful gorgeous lovely love=0.8 loved=0.8 loving=0.6 loves=0.6 adorable cute=0.9
grateful 2: great=1 glad happy=1 happier=0.9 pleased delighted relieved relief=0.9 thankfully helpful kindness
grateful 2: kind=0.6 generous sweet=0.8 nice=0.9 cool=0.8 enjoy*=0.9 fun=0.7 yay congrat* impress* admir* proud=0.8
grateful 2: best=0.8 good=0.75 better=0.3 wow=0.8 legend=0.8 hero=0.8 saved=0.5 blessed=0.8 lucky=0.6 luck=0.7
grateful 2: welcome=0.7 favorite=0.7 favourite=0.7 interesting=0.6 pretty=0.5 delicious handsome genius=0.9 joy
grateful 2: sharing=0.7 advice=0.5 hope=0.35 hopefully=0.35 respect=0.6 fine=0.2 wholesome superb nailed=0.7
- -2: wrong problem problems issue=0.5 issues=0.5 error errors fail fault faulty missing late delay* ugly
- -2: broke lost stolen denied declined refused reject* complain* complaint negative unfair rough
- -2: bad worse horrible terrible awful worst disaster* mess sick ill kill* killed dead die died death
- -2: boring bored lame trash garbage junk wrongly charged=0.5 overcharged double-charged nothing=0.3
- 2: good better fine ok okay=0.5 well=0.3 right=0.2 true=0.2 yes=0.3 agree agreed interesting funny lol
- 2: haha* lmao hilarious smart beautiful win winning won success* solved resolved fixed works=0.4 easy
- 2: fast quick=0.5 safe secure clean fair recommend* satisfied satisfying like=0.4 liked likes=0.4 wish=0.3
- 2: pretty=0.5 super=0.6 hope=0.6 hopefully=0.6 support=0.2 friendly polite welcome care=0.5 caring
- 2: excited exciting laugh* hilarious agree=0.8 agreed=0.8 birthday=0.6 strong=0.5 omg=0.4 bless* luck=0.8
- 2: lucky brave beauty smile* alright=0.6 hug hugs aww aw peace=0.6 epic=0.8 greatest smart correct=0.5
- 2: finally=0.4 wish=0.6 funny haha* lol=0.9 lmao=0.8 rofl=0.8 thankfully delighted relieved enjoy* cute
- -2: embarrass* ashamed awkward=0.8 regret* nasty pathetic guilty cringe* gross=0.8 disagree=0.8 dirty=0.6
- -2: apolog*=0.6 unfortunately sadly scary scared afraid worried anxious nervous sorry miss=0.9
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
