/**
 * Short imperative titles from a request sentence: "Could you please review the Q4 proposal by
 * Friday?" -> "Review the Q4 proposal". The deadline words are dropped (the deadline has its own
 * field) and "me/my" become the asker, since the title is read later by the person, not the sender.
 */
import { IMPERATIVE_VERBS } from './features';

/** Longest title; longer ones are cut at a word boundary with an ellipsis. */
export const MAX_TITLE = 80;

const FILLER_RE =
  /^(?:also|and|so|but|oh|ok|okay|btw|by the way|just|hey|quick (?:question|request|favou?r)|one more thing|p\.?s\.?|one last thing|lastly|finally|in the meantime|meanwhile|when you (?:get|have) a (?:chance|moment|sec(?:ond)?|minute))\b[,:;!-]*\s+/i;
const EXTRA_VERBS = new Set(
  'approve arrange change circulate compile create double-check finalize handle issue leave organize use move save close decide draft double prepare proofread sort share take make write have give update schedule complete provide confirm check'.split(
    ' ',
  ),
);
/**
 * One polite phrase at the end ("…, please.", "thanks!"); `tidy` strips up to four. A repeated group
 * with its own end anchor would retry from every word and be quadratic on a long run of them.
 */
const TRAILING_RE =
  /(?<!\s)(?:\s*[,;])?\s*(?:please|pls|thanks|thank you|if possible|if you can|when you (?:get|have) a (?:chance|moment|sec(?:ond)?|minute)|at your earliest convenience|for (?:me|us)|asap|as soon as possible)\s*[.?!]*$/i;

/** Patterns that wrap a request; the captured group is the thing to do. */
const WRAPPERS: RegExp[] = [
  /^i (?:was|am) (?:wondering|hoping) (?:if|whether) you (?:could|can|would|might) (?:please |kindly |possibly )*(.+)/i,
  /^(?:could|can|would|will|won't|can't|couldn't) (?:you|u) (?:please |kindly |possibly |maybe |also |quickly |just |still )*(.+)/i,
  /^(?:(?:i|we)(?:'d| would) (?:really )?(?:like|love|want)|(?:i|we) (?:need|want)|(?:i|we) would need) (?:for )?you to (?:please )?(.+)/i,
  /^(?:i|we)(?:'d| would) (?:really |greatly )?appreciate (?:it )?if you (?:could|can|would) (?:please )?(.+)/i,
  /^it would be (?:great|helpful|good|nice|ideal|wonderful) if you (?:could|can) (?:please )?(.+)/i,
  /^(?:please|pls|plz|kindly)[,:]? (?:do )?(.+)/i,
  /^(?:don't forget to|do not forget to|remember to|make sure (?:to|that you|you)|be sure to|don't forget) (.+)/i,
  /^(?:can|could) (?:i|we) (?:ask|get) you to (?:please )?(.+)/i,
];
// "Do you know who owns X?" asks to be told who owns X.
const TELL_WRAPPER = /^(?:do|would) you (?:know|remember|happen to know|have any idea) ((?:who|whom|what|when|where|which|how|whether|if)\b.+)/i;
const GERUND_WRAPPER = /^(?:would|do) you mind (\w+ing)\b(.*)/i;
/** Patterns checked before the generic ones because they would read badly through them. */
const EARLY_WRAPPERS: RegExp[] = [
  /^(?:would|will|could|can|are|were) you (?:be )?(?:able|willing|available|free|happy|up) (?:to|for) (?!it\b|that\b|this\b)(.+)/i,
  /^did you (?:get|have) (?:a )?(?:chance|time|a moment|a minute) to (.+)/i,
  /^(?:have you had|did you have) (?:a )?(?:chance|time) to (.+)/i,
];
const QUESTION_START_RE = /^(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should|shall|may|might|what|when|where|who|whom|which|why|how|any)\b/i;
// Trailing purpose clauses explain the request; the title keeps only the request.
const PURPOSE_RE = /(?<![\s,]),?\s+(?:so (?:that )?(?:we|i|they|you|she|he|it)|as (?:we|i)|because|since|in order to|as soon as (?:we|i))\b.*$/i;
const VOCATIVE_RE = /^(?:@[\w.-]+(?:\s+[A-Z][\w-]+)?\s*[,:]?|[A-Z][a-z]+\s*[,:])\s+/;
/** A title too thin to act on ("Take a look", "Send it"). */
export function isVagueTitle(title: string): boolean {
  if (/^(?:Answer \S+ question about|Reply to \S+ about) /.test(title)) return false;
  const words = title.replace(/^Reply to [^:]{1,60}:\s*/, '').split(/\s+/).filter(Boolean);
  const bare = title.replace(/(?<![?.!…])[?.!…]+$/, '');
  return words.length <= 3 || /\b(?:it|them|this|that|these|those)$/i.test(bare) || /^\w+ (?:it|them|these|those)\b/i.test(bare);
}

/** Base form of a gerund ("reviewing" -> "review", "sharing" -> "share", "submitting" -> "submit"). */
export function baseVerb(gerund: string): string {
  const stem = gerund.toLowerCase().replace(/ing$/, '');
  const known = (w: string): boolean => IMPERATIVE_VERBS.has(w) || EXTRA_VERBS.has(w);
  if (known(stem)) return stem;
  if (known(`${stem}e`)) return `${stem}e`;
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && known(stem.slice(0, -1))) return stem.slice(0, -1);
  return /[^aeiou][aeiou][^aeiouwxy]$/.test(stem) && stem.length <= 4 ? `${stem}e` : stem;
}

/** A first name for the asker, from the display name or the address ("sam.lee@x" -> "Sam"). */
export function askerName(name: string | null | undefined, address: string | null | undefined): string | null {
  const fromName = (name ?? '').replace(/["']/g, '').trim();
  if (fromName) {
    // "Lee, Sam" is last-name-first.
    const first = fromName.includes(',') ? (fromName.split(',')[1] ?? '').trim().split(/\s+/)[0] : fromName.split(/\s+/)[0];
    if (first && /^\p{L}/u.test(first)) return first;
  }
  const local = (address ?? '').split('@')[0] ?? '';
  const part = local.split(/[._+-]/)[0] ?? '';
  if (part.length < 2 || /^(?:info|noreply|no|reply|team|support|hello|admin|mail|notifications?|news|contact|sales)$/i.test(part) || /\d/.test(part)) {
    return null;
  }
  return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
}

function swapPronouns(text: string, asker: string): string {
  return text
    .replace(/\bme\b/g, asker)
    .replace(/\bmy\b/gi, `${asker}'s`)
    .replace(/\bmine\b/gi, `${asker}'s`);
}

function truncate(text: string): string {
  if (text.length <= MAX_TITLE) return text;
  const cut = text.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:.-])[\s,;:.-]+$/, '')}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function removePhrases(sentence: string, phrases: readonly string[]): string {
  let out = sentence;
  for (const phrase of phrases) {
    if (!phrase) continue;
    const at = out.toLowerCase().indexOf(phrase.toLowerCase());
    // "before tomorrow's meeting": the date belongs to the thing named, keep it.
    if (at >= 0 && /^['’]s\b/.test(out.slice(at + phrase.length))) continue;
    if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + phrase.length)}`;
  }
  return out.replace(/(?<!\s)\s+([,.?!;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

function withoutPoliteEnding(text: string): string {
  let out = text;
  for (let i = 0; i < 4; i += 1) {
    const next = out.replace(TRAILING_RE, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

function tidy(text: string): string {
  return withoutPoliteEnding(text)
    .replace(/(?<![\s,;:-])\s*[,;:-]+\s*$/, '')
    .replace(/(?<![.?!])[.?!]+$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Longest sentence a title is made from. */
const MAX_SENTENCE = 1_000;

/**
 * An imperative title for a request sentence. `asker` replaces "me" ("Send me the deck" -> "Send Sam
 * the deck"); `deadlinePhrases` are cut out. A question without a request verb becomes "Answer Sam's
 * question about <topic>" (the email's subject), or "Reply to Sam: <the question>" when there is no
 * topic; a statement becomes "Reply to Sam about <topic>". A title never quotes a statement.
 */
export function titleFromSentence(sentence: string, asker: string | null, deadlinePhrases: readonly string[] = [], topic = ''): string {
  const who = asker ?? 'the sender';
  // A title keeps 80 characters of a request; hostile text can make a "sentence" of 20,000.
  const bounded = sentence.length > MAX_SENTENCE ? sentence.slice(0, MAX_SENTENCE) : sentence;
  // A title names the thing, never a raw link.
  let s = bounded.trim().replace(/\bhttps?:\/\/\S+/g, 'the link').replace(/^["'“‘]+|(?<!["'”’])["'”’]+$/g, '');
  for (let i = 0; i < 4; i += 1) {
    const next = s.replace(FILLER_RE, '').replace(VOCATIVE_RE.test(s) && !IMPERATIVE_VERBS.has((s.match(/^[a-z]+/i)?.[0] ?? '').toLowerCase()) ? VOCATIVE_RE : /^$/, '');
    if (next === s) break;
    s = next;
  }
  // "Since your team owns X, would you be able to check Y?": the request is the last clause.
  const clauses = s.split(/(?<=[,:;—–])\s+/);
  let lead = '';
  // Tails of up to eight clauses: each try joins its tail, so all of them would be quadratic.
  for (let i = clauses.length - 1; i > Math.max(0, clauses.length - 9); i -= 1) {
    const clause = clauses.slice(i).join(' ');
    if (requestShape(clause)) {
      lead = tidy(clauses.slice(0, i).join(' '));
      s = clause;
      break;
    }
  }
  const title = titleOfRequest(s, who, deadlinePhrases, topic.trim());
  // "The build is failing, can you take a look?": "Take a look" alone says too little.
  return lead && isVagueTitle(title) && !title.includes(':') ? truncate(`${title.replace(/…$/, '')}: ${lead}`) : title;
}

function titleOfRequest(s: string, who: string, deadlinePhrases: readonly string[], topic: string): string {
  const isQuestion = s.endsWith('?');
  // The deadline has its own field, so its words leave the title; a quoted question stays whole.
  const task = removePhrases(s, deadlinePhrases);
  const wrapped = unwrap(task, who);
  if (wrapped) return truncate(capitalize(tidy(wrapped.replace(PURPOSE_RE, ''))));
  const letKnow = /^let (?:me|us) know\b\s*(.*)/i.exec(task);
  if (letKnow) return truncate(tidy(`Let ${who} know ${swapPronouns(letKnow[1] ?? '', who)}`));
  const please = /(?<!\s)(?:\s*,)?\s+please[.!?]*$/i.exec(task);
  const trailingPlease = please && please.index > 0 ? [task, task.slice(0, please.index)] : null;
  const first = (task.match(/^[a-z]+/i)?.[0] ?? '').toLowerCase();
  const imperative = IMPERATIVE_VERBS.has(first) && !isQuestion && !/^\w+\s+(?:you|we|i|they|he|she)\b/i.test(task);
  if (imperative || trailingPlease) return truncate(capitalize(tidy(swapPronouns(trailingPlease?.[1] ?? task, who).replace(PURPOSE_RE, ''))));
  const possessive = who === 'the sender' ? "the sender's" : `${who}'s`;
  if (isQuestion) return truncate(topic ? `Answer ${possessive} question about ${topic}` : `Reply to ${who}: ${s.replace(/(?<!\?)\?+$/, '')}?`);
  return truncate(topic ? `Reply to ${who} about ${topic}` : `Reply to ${who}`);
}

/** The request inside a polite wrapper ("could you X" -> X), pronouns swapped; null when none. */
function unwrap(s: string, who: string): string | null {
  const attached = /^(?:please )?find (?:attached|enclosed|below) (.+)$|^(?:please )?find (.+?) (?:attached|enclosed|below)[.!]*$/i.exec(s);
  // "Please find attached the report" asks to read it, not to find it.
  if (attached) return `Review ${swapPronouns(attached[1]?.replace(/(?<![.!])[.!]+$/, '') ?? attached[2] ?? '', who)}`;
  const tell = TELL_WRAPPER.exec(s);
  if (tell) return `Tell ${who} ${swapPronouns((tell[1] ?? '').replace(/(?<!\?)\?+$/, ''), who)}`;
  const gerund = GERUND_WRAPPER.exec(s);
  if (gerund) return swapPronouns(`${baseVerb(gerund[1] ?? '')}${gerund[2] ?? ''}`, who);
  for (const wrapper of [...EARLY_WRAPPERS, ...WRAPPERS]) {
    const m = wrapper.exec(s);
    if (m && m[1]) return swapPronouns(m[1], who);
  }
  return null;
}

function requestShape(clause: string): boolean {
  return (
    [...EARLY_WRAPPERS, ...WRAPPERS, GERUND_WRAPPER, TELL_WRAPPER].some((re) => re.test(clause)) ||
    /^let (?:me|us) know\b/i.test(clause) ||
    (clause.endsWith('?') && QUESTION_START_RE.test(clause))
  );
}
