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
const TRAILING_RE =
  /(?:[,;]?\s*(?:please|pls|thanks|thank you|if possible|if you can|when you (?:get|have) a (?:chance|moment|sec(?:ond)?|minute)|at your earliest convenience|for (?:me|us)|asap|as soon as possible))+\s*[.?!]*$/i;

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
const GERUND_WRAPPER = /^(?:would|do) you mind (\w+ing)\b(.*)/i;

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
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function removePhrases(sentence: string, phrases: readonly string[]): string {
  let out = sentence;
  for (const phrase of phrases) {
    if (!phrase) continue;
    const at = out.toLowerCase().indexOf(phrase.toLowerCase());
    if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + phrase.length)}`;
  }
  return out.replace(/\s+([,.?!;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

function tidy(text: string): string {
  return text
    .replace(TRAILING_RE, '')
    .replace(/\s*[,;:-]+\s*$/, '')
    .replace(/[.?!]+$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * An imperative title for a request sentence. `asker` replaces "me" ("Send me the deck" -> "Send Sam
 * the deck"); `deadlinePhrases` are cut out. Questions without a request verb become "Reply to Sam: ...".
 */
export function titleFromSentence(sentence: string, asker: string | null, deadlinePhrases: readonly string[] = []): string {
  const who = asker ?? 'the sender';
  let s = removePhrases(sentence, deadlinePhrases);
  for (let i = 0; i < 3 && FILLER_RE.test(s); i += 1) s = s.replace(FILLER_RE, '');
  // "Please find attached the report" asks to read it, not to find it.
  const attached = /^(?:please )?find (?:attached|enclosed|below) (.+?)[.!]*$|^(?:please )?find (.+?) (?:attached|enclosed|below)[.!]*$/i.exec(s);
  if (attached) return truncate(`Review ${tidy(swapPronouns(attached[1] ?? attached[2] ?? '', who))}`);
  const gerund = GERUND_WRAPPER.exec(s);
  if (gerund) return truncate(capitalize(tidy(swapPronouns(`${baseVerb(gerund[1] ?? '')}${gerund[2] ?? ''}`, who))));
  for (const wrapper of WRAPPERS) {
    const m = wrapper.exec(s);
    if (m && m[1]) return truncate(capitalize(tidy(swapPronouns(m[1], who))));
  }
  const letKnow = /^let (?:me|us) know\b\s*(.*)/i.exec(s);
  if (letKnow) return truncate(tidy(`Let ${who} know ${swapPronouns(letKnow[1] ?? '', who)}`));
  const trailingPlease = /^(.+?),?\s+please[.!?]*$/i.exec(s);
  const first = (s.match(/^[a-z]+/i)?.[0] ?? '').toLowerCase();
  if (IMPERATIVE_VERBS.has(first) || trailingPlease) return truncate(capitalize(tidy(swapPronouns(trailingPlease?.[1] ?? s, who))));
  if (s.trim().endsWith('?')) return truncate(`Reply to ${who}: ${s.trim().replace(/\?+$/, '')}?`);
  return truncate(`Follow up with ${who}: ${tidy(s)}`);
}
