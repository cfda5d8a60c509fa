/**
 * Message-level evidence for the offline engine: the sentence classifier's scores on the new text,
 * what each sentence is (a request to the reader, a question to a group, a conditional offer, the
 * sender's commitment, an announcement), and who the message is addressed to. The message model
 * (message-model.ts) weighs these named features; scripts/fit-message-model.ts fits the weights.
 */
import type { Addressee } from './addressee';
import { isDirected, sentenceCues, type JudgedSentence } from './sentence-cues';
import { isCourtesy } from './text';
import { contextFeatures } from './context-features';

export type { JudgedSentence } from './sentence-cues';

/** Bumped whenever a feature changes meaning, so stale message weights are refused. */
export const MESSAGE_FEATURE_VERSION = 2;


/** What one message offers the model. */
export interface MessageEvidence {
  features: Record<string, number>;
  /** The new text's sentences, judged. */
  sentences: JudgedSentence[];
}

/** The inputs: sentences of the new text and of forwarded parts, and what the headers say. */
export interface MessageInput {
  sentences: readonly string[];
  forwarded: readonly string[];
  subject: string;
  score: (sentence: string) => number;
  addressee: Addressee | null;
  /** Bulk or automated mail (headers, sender, labels), as a reason or null. */
  bulk: string | null;
  hasFooter: boolean;
  /** Slack: a direct message (the reader is the only one who can answer). */
  direct?: boolean;
  /** The body had quoted or forwarded text (so the message answers or passes on an earlier one). */
  hadQuote?: boolean;
  /** The sender's address, for machine senders. */
  fromAddress?: string;
}

const ABSENT = -4;

// log(p / (1 - p)), clamped so 0 and 1 stay finite (as judge-context's, which this module must not import: it types the model).
function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}
const MARKETING_RE = /\b(?:unsubscribe|offer|discount|sale|free|deal|coupon|shop|order now|click here|subscribe|% off|promotion|newsletter)\b/i;
// Machine-sent mail that escaped the header screen: system senders and their boilerplate.
const AUTOMATED_SENDER = /^(?:no-?reply|do-?not-?reply|notices?|critical\.notice|alerts?|announce(?:ments?)?|mailer|postmaster|bounces?|newsletters?|news|marketing|promo(?:tions?)?|offers|deals|info|support|customer[._-]?service|service|notifications?|updates?|system|admin|webmaster|helpdesk|registration)\b/i;
const AUTOMATED_TEXT = /\b(?:do not reply to this|please do not reply|this is an automated|automatically generated|you are receiving this|to unsubscribe|click here|view (?:it |this )?(?:online|in your browser)|add us to your address book|privacy policy)\b/i;
// What turns a message to many people from news into a duty (guideline R4, C2): a must, a deadline, an RSVP.
const REQUIRED_RE =
  /\b(?:must|required|mandatory|rsvp|deadline|no later than|by (?:mon|tues|wednes|thurs|fri|satur|sun)day|by (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|please (?:confirm|register|reply|respond|submit|complete|sign|approve))\b/i;
const FYI_RE = /^(?:fyi|for your information|see below|see attached|please see (?:below|attached)|forwarding|fwd?)\b/i;

/** Judges each sentence: probability, cues, request strength. */
export function judgeSentences(sentences: readonly string[], score: (sentence: string) => number): JudgedSentence[] {
  return sentences.map((text) => {
    const p = score(text);
    const cues = sentenceCues(text);
    const courtesy = isCourtesy(text);
    const raw = Math.max(-6, Math.min(6, logit(p)));
    return { text, p, cues, courtesy, strength: courtesy ? Math.min(raw, -2.2) : raw };
  });
}

/**
 * How strongly a sentence asks the reader to act: the classifier's logit moved by what the cues say
 * about who is asked. The shifts are priors from the labelling guideline (R1, R3, R4, R6, R8, R10),
 * not fitted to messages, so the few fitted weights stay few.
 */
export function requestStrength(s: JudgedSentence, alone = false): number {
  let z = s.strength;
  const c = s.cues;
  if (isDirected(c)) z += 1;
  if (c.question && (c.you || c.modalYou) && !c.conditional && !c.group) z += 0.5;
  // A one-line message has no context to tell an offer from a request: the classifier's word stands.
  if (alone) return Math.max(-6, Math.min(7, z));
  if (c.conditional) z -= 2.5;
  if (c.group) z -= 1.5;
  if (c.commitment) z -= 1.5;
  if (c.announcement) z -= 0.5;
  return Math.max(-6, Math.min(7, z));
}

function max(values: readonly number[]): number {
  return values.length === 0 ? ABSENT : Math.max(...values);
}

const flag = (value: boolean): number => (value ? 1 : 0);

/**
 * Highest probability for a message that asks nothing of the reader in particular (offers, crowds,
 * news): about the share of such messages that need action on the real-mail train splits (14 of
 * 211). It sits below any decision threshold the fit may choose (0.15 and up), so they are never tasks.
 */
export const OFFER_CAP = 0.08;

/**
 * The model's probability, capped where the guideline says no whatever the sentences score: only
 * offers, group questions, plans or news (R4, R6, R8, R10), or an optional call to a crowd. A
 * one-line message is left to the model: alone, "feel free to call me" is as often a request.
 */
export function capped(p: number, features: Readonly<Record<string, number>>): number {
  const several = (features.length ?? 0) > 1;
  return several && (features.offers_only || features.broadcast_optional) ? Math.min(p, OFFER_CAP) : p;
}

/** The named features of a message (email or chat). */
export function messageEvidence(input: MessageInput): MessageEvidence {
  const judged = judgeSentences(input.sentences, input.score);
  const live = judged.filter((s) => !s.courtesy);
  const directed = live.filter((s) => isDirected(s.cues));
  const best = live.reduce<JudgedSentence | null>((a, b) => (a === null || b.strength > a.strength ? b : a), null);
  const forwarded = judgeSentences(input.forwarded.slice(0, 40), input.score);
  const ownEmpty = live.length === 0 || live.every((s) => FYI_RE.test(s.text));
  const a = input.addressee;
  const text = input.sentences.join(' ');
  const automated = AUTOMATED_SENDER.test((input.fromAddress ?? '').split('@')[0] ?? '') || AUTOMATED_TEXT.test(text.slice(0, 20000));
  // A footer on a discussion list is the list's own, not a sign of a machine: people write there.
  const machine = input.bulk !== null || automated || (input.hasFooter && !a?.list);
  const request = max(live.map((s) => requestStrength(s, live.length === 1)));
  const features: Record<string, number> = {
    ...contextFeatures(live, a, input.hadQuote ?? false, request),
    request,
    machine: flag(machine),
    best: best ? best.strength : ABSENT,
    best_directed: max(directed.map((s) => s.strength)),
    n_requests: Math.log2(1 + live.filter((s) => s.p >= 0.5 && !s.cues.conditional && !s.cues.group && !s.cues.commitment).length),
    you_question: flag(live.some((s) => s.cues.question && (s.cues.you || s.cues.modalYou) && !s.cues.conditional && !s.cues.group)),
    any_question: flag(live.some((s) => s.cues.question)),
    group_ask: flag(live.some((s) => s.cues.group && (s.cues.question || s.cues.requestPhrase || s.cues.imperative))),
    conditional_best: flag(best?.cues.conditional ?? false),
    commitment_best: flag(best?.cues.commitment ?? false),
    announcement: flag(live.some((s) => s.cues.announcement) || /\b(?:reminder|announce|released?|minutes|agenda|cancel(?:l)?ed|newsletter)\b/i.test(input.subject.slice(0, 300))),
    own_empty: flag(ownEmpty),
    bare_forward_request: flag(ownEmpty && forwarded.some((s) => isDirected(s.cues) && s.p >= 0.5)),
    length: Math.log2(1 + live.length),
    marketing: flag(MARKETING_RE.test(text.slice(0, 5000))),
    bulk: flag(input.bulk !== null),
    footer: flag(input.hasFooter),
    list: flag(a?.list ?? false),
    list_only: flag(Boolean(a?.list) && (a?.toPeople ?? 0) === 0),
    to_one: flag(!a?.list && a?.toPeople === 1),
    many_recipients: flag((a?.recipients ?? 0) >= 8),
    recipients: Math.log2(1 + Math.min(a?.recipients ?? 1, 1000)),
    to_group: flag(a?.toGroup ?? false),
    automated: flag(automated),
    self_cc: flag(a?.self === 'cc'),
    self_indirect: flag(a?.self === 'indirect'),
    reply: flag(a?.reply ?? false),
    reply_to_person: flag(Boolean(a?.list) && Boolean(a?.reply) && (a?.toPeople ?? 0) >= 1),
    greets_recipient: flag(a?.greetsRecipient ?? false),
    greets_other: flag(a !== null && a.greetsName !== null && !a.greetsRecipient),
    greets_group: flag(a?.greetsGroup ?? false),
    direct_chat: flag(input.direct ?? false),
    // Whatever reads as a request is only an offer, a question to the group, the sender's own plan
    // or news (guideline R4, R6, R8, R10): nothing is asked of the reader.
    // A message to a crowd (a wide distribution, or a new thread on a list that names nobody) asks
    // everyone and no one, unless it states a required step.
    broadcast_optional: flag(
      ((a?.recipients ?? 0) >= 25 || (Boolean(a?.list) && (a?.toPeople ?? 0) === 0 && !a?.reply && !a?.greetsRecipient)) && !REQUIRED_RE.test(text.slice(0, 20000)),
    ),
    offers_only: flag(
      live.some((s) => s.p >= 0.5 || isDirected(s.cues)) &&
        !live.some((s) => (isDirected(s.cues) && s.p >= 0.3) || (s.p >= 0.5 && !s.cues.conditional && !s.cues.group && !s.cues.commitment && !s.cues.announcement)),
    ),
  };
  return { features, sentences: judged };
}
