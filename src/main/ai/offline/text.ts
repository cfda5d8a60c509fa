/**
 * Turns a message body into the sentences worth judging: quoted replies, forwarded parts,
 * signatures, sign-offs, greetings and mailing-list footers are removed first, because a request in
 * a quoted message or an "unsubscribe" line is not something the person is asked to do now.
 */
import { splitEmailParts } from '../../content/email-parts';
import { isValediction } from '../../content/reply-patterns';

const GREETING_RE =
  /^\s*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|morning|afternoon|hiya|yo)\b(?:[ \t]+[\w.'-]+){0,3}[ \t]*[,!:.]?\s*/i;
const GREETING_ONLY_RE =
  /^\s*(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|morning|hiya)\b(?:[ \t]+[\w.'-]+){0,3}(?:[ \t]*[,!:.])?|(?:hope|i hope) (?:you(?:'re| are)|this (?:email |message )?finds you|all is|your) [^.!?\n]{0,60}[.!]?)\s*$/i;
const FOOTER_RE =
  /unsubscribe|opt[- ]out|view (?:this email )?in (?:your |a )?browser|manage (?:your )?(?:email )?(?:preferences|subscriptions)|you(?:'re| are) receiving this|this (?:email|message) was sent to|all rights reserved|©|\(c\) \d{4}|confidentiality notice|intended (?:only )?for the (?:named )?(?:recipient|addressee)|if you (?:are not|have received this) .{0,40}(?:intended|in error)|do not reply to this (?:email|message)/i;
const BULLET_RE = /^\s*(?:[-*•·]|\d{1,2}[.)]|[a-z][.)])\s+/;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st vs etc e.g i.e a.m p.m inc ltd co corp no approx dept est fig jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s'.split(
    ' ',
  ),
);

/** What is left of a body once the parts not addressed to the reader are removed. */
export interface CleanedText {
  /** The sender's own new text (greeting included), as lines. */
  ownText: string;
  /** The sentences the sender wrote this time, in order. */
  sentences: string[];
  /** The sentences of forwarded messages, in order (the sender passed them on, did not write them). */
  forwarded: string[];
  /** The body had mailing-list boilerplate (unsubscribe, "view in browser", legal footer). */
  hasFooter: boolean;
  /** The body had quoted or forwarded text that was dropped. */
  hadQuote: boolean;
}

/** True when a token ending in "." is an abbreviation or initial rather than a sentence end. */
function isAbbreviation(word: string): boolean {
  const w = word.replace(/^[("'[]+/, '').replace(/\.$/, '').toLowerCase();
  return ABBREVIATIONS.has(w) || /^[a-z]$/.test(w) || /^(?:[a-z]\.)+[a-z]$/.test(w);
}

/** Splits running text into sentences on . ! ? followed by a space, minding abbreviations and initials. */
export function splitSentences(text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current: string[] = [];
  words.forEach((word, i) => {
    current.push(word);
    const next = words[i + 1];
    const ends = /(?<![.!?])[.!?]+["')\]]*$/.test(word) && !/^\.{2,}$/.test(word);
    const abbreviation = /\.["')\]]*$/.test(word) && isAbbreviation(word);
    // An abbreviation followed by a capital is ambiguous ("Dr. Lee"); keep it in the sentence.
    if (ends && !abbreviation && (next === undefined || /^[A-Z0-9"'([¿¡]/.test(next) || /[!?]$/.test(word))) {
      out.push(current.join(' '));
      current = [];
    }
  });
  if (current.length) out.push(current.join(' '));
  return out.map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Removes a leading greeting ("Hi Dana, could you..." -> "could you..."), keeping the rest. */
export function stripGreeting(sentence: string): string {
  if (GREETING_ONLY_RE.test(sentence)) return '';
  const m = GREETING_RE.exec(sentence);
  // A greeting is only stripped when it ends in punctuation; "Hey can you..." keeps its request.
  if (!m || !/[,!:]\s*$/.test(m[0])) return sentence;
  return sentence.slice(m[0].length).trim();
}

/** True for a sentence that is only a greeting, a sign-off, or a courtesy with no request in it. */
export function isCourtesy(sentence: string): boolean {
  const s = sentence.trim();
  // Social formulas that read as requests to a classifier but ask nothing.
  if (/^(?:please )?join (?:me|us) in (?:welcoming|congratulating|thanking)\b/i.test(s)) return true;
  // "Great, please send me the draft" starts politely but asks.
  if (/\b(?:please|pls|can you|could you|would you|will you|let me know|let us know|send|call me)\b/i.test(s)) return false;
  return (
    GREETING_ONLY_RE.test(s) ||
    isValediction(s) ||
    /^(?:thanks|thank you|thx|ty|cheers|great|perfect|awesome|nice|cool|ok(?:ay)?|got it|sounds good|will do|noted|lgtm|done|congrats|congratulations|happy birthday|best of luck|good luck|enjoy|have a (?:great|good|nice|lovely|wonderful))\b[^?]{0,80}$/i.test(s) ||
    /^i hope (?:you(?:'re| are| had| have a| enjoy)|this|that|all|everything)\b[^?]{0,80}$/i.test(s)
  );
}

/** Paragraphs (blank-line separated; list items stand alone) of text, footers reported. */
function sentencesOf(text: string): { sentences: string[]; hasFooter: boolean } {
  let hasFooter = false;
  const sentences: string[] = [];
  const blocks: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length) blocks.push(block.join(' '));
    block = [];
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) flush();
    else if (BULLET_RE.test(line)) {
      flush();
      block.push(line.replace(BULLET_RE, ''));
      flush();
    } else block.push(line.trim());
  }
  flush();
  for (const paragraph of blocks) {
    if (FOOTER_RE.test(paragraph)) {
      hasFooter = true;
      continue;
    }
    for (const raw of splitSentences(paragraph)) {
      const sentence = stripGreeting(raw);
      if (sentence && !GREETING_ONLY_RE.test(sentence)) sentences.push(sentence);
    }
  }
  return { sentences, hasFooter };
}

/**
 * Cleans a message body and splits what remains into sentences: quotes, forwarded parts and
 * signatures are found by the content step's one implementation (`splitEmailParts`).
 */
export function cleanBody(body: string): CleanedText {
  const parts = splitEmailParts(body.replace(/\u00a0/g, ' '));
  const own = sentencesOf(parts.own);
  const forwarded = parts.forwarded.map(sentencesOf);
  return {
    ownText: parts.own,
    sentences: own.sentences,
    forwarded: forwarded.flatMap((f) => f.sentences),
    hasFooter: own.hasFooter || forwarded.some((f) => f.hasFooter),
    hadQuote: parts.quoted,
  };
}
