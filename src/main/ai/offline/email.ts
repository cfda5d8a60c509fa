/**
 * Email verdicts at the message level: only the sender's new text is judged (quotes, forwarded parts,
 * signatures and footers out), each sentence is scored by the classifier and read for who it asks
 * (the reader, a group, only conditionally), the headers say who the message is addressed to, and
 * the message model turns all of it into a calibrated probability. Mail from the person's own
 * address, or a thread they already answered, is never a task for them.
 */
import type { GeneratedSuggestion } from '../types';
import type { EmailItem } from '../../items/provider-item';
import { isDiscussionList } from '../../items/prefilter';
import { findDeadline, type FoundDeadline } from './deadline';
import { clip, messageVerdict, requestReasoning } from './describe';
import { answeredAt, logit, referenceDate, roundConfidence, type JudgeContext } from './judge-context';
import { sigmoid } from './logistic';
import { addresseeOf } from './addressee';
import { isDirected } from './sentence-cues';
import { capped, messageEvidence, type JudgedSentence } from './message-features';
import { cleanBody, isCourtesy, splitSentences, stripGreeting } from './text';
import { askerName, isVagueTitle, titleFromSentence } from './title';

const NOREPLY_RE = /^(?:no-?reply|do-?not-?reply|donotreply|notifications?|mailer-daemon|bounce|newsletter|news|marketing|updates?)\b/i;
const BULK_LABELS = new Set(['CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'CATEGORY_FORUMS', 'CATEGORY_UPDATES', 'SPAM']);
const DUE_RE = /\b(?:due|deadline|by|before|no later than|expires?|until)\b/i;
// An invoice with terms or a due date asks to be paid, though no sentence says "please pay".
const INVOICE_RE = /\binvoice\b/i;
const PAYABLE_RE = /\b(?:due|payment terms|net \d+|amount due|balance due|please pay|remit|outstanding|overdue)\b/i;
const SETTLED_RE = /\b(?:paid|receipt|no (?:further )?action|thank you for your payment|payment received|autopay|will be charged|has been charged)\b/i;

const AUTO_REPLY_RE = /^\s*(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|abwesenheitsnotiz|r[ée]ponse automatique)\b/i;
// "Dana: update the onboarding doc" in a list of action items names who must act.
const ASSIGNEE_RE = /^([A-Z][a-z]+)\s*[:–-]\s+(.+)$/;

/**
 * The classifier's score for each sentence, except in an action-item list ("Dana: ...", "Sam: ..." on
 * two or more lines): items for `selfNames` count as requests and items for other people do not.
 */
export function assigneeScorer(sentences: readonly string[], score: (s: string) => number, selfNames: ReadonlySet<string>): (s: string) => number {
  const assigned = sentences.filter((s) => s.length <= 600 && ASSIGNEE_RE.test(s)).length >= 2;
  if (!assigned) return score;
  return (sentence) => {
    const item = sentence.length <= 600 ? ASSIGNEE_RE.exec(sentence) : null;
    if (!item) return score(sentence);
    const p = score(item[2] ?? sentence);
    return selfNames.has((item[1] ?? '').toLowerCase()) ? sigmoid(logit(p) + 3) : Math.min(p, 0.1);
  };
}

const MAX_DEADLINE_SENTENCES = 20;

/** The first deadline among the given sentences. */
export function firstDeadline(sentences: readonly string[], ctx: JudgeContext, reference: Date): FoundDeadline | null {
  // The first few request sentences carry the deadline; hostile text can have thousands.
  for (const s of sentences.slice(0, MAX_DEADLINE_SENTENCES)) {
    const found = findDeadline(s, ctx.zone, reference);
    if (found) return found;
  }
  return null;
}

/**
 * The title of the first request sentence that gives a specific one; when all are thin ("Take a
 * look"), the first with `context` (the subject) appended.
 */
export function chooseTitle(requests: readonly string[], asker: string | null, phrases: readonly string[], context: string): string {
  const topic = context.replace(/^\[[^\]]{1,40}\]\s*/, '').trim();
  const titles = requests.slice(0, 3).map((r) => titleFromSentence(r, asker, phrases, topic));
  const specific = titles.find((t) => !isVagueTitle(t));
  if (specific) return specific;
  const first = titles[0] ?? context;
  const who = asker ?? 'the sender';
  // "Would you be open to it?" says little as "Be open to it": the topic says what it is about.
  if (requests[0]?.trim().endsWith('?')) return clip(topic ? `Answer ${who === 'the sender' ? "the sender's" : `${who}'s`} question about ${topic}` : `Reply to ${who}: ${requests[0].trim()}`, 80);
  return topic && first !== topic ? clip(`${first.replace(/…$/, '')} (${topic})`, 80) : first;
}

function isBulk(item: EmailItem): string | null {
  const local = item.from.address.split('@')[0] ?? '';
  // A discussion list (List-Post) is people writing to people: its headers alone say nothing.
  const discussion = isDiscussionList(item.headers.listPost);
  if (item.headers.listUnsubscribe && !discussion) return 'a mailing list (List-Unsubscribe header)';
  if (/^(?:bulk|junk)$/i.test(item.headers.precedence ?? '') || (!discussion && /^list$/i.test(item.headers.precedence ?? ''))) return 'bulk mail (Precedence header)';
  if (item.headers.autoSubmitted && !/^no$/i.test(item.headers.autoSubmitted)) return 'an automated message';
  if (NOREPLY_RE.test(local)) return `an automated sender (${item.from.address})`;
  if (item.labels.some((l) => BULK_LABELS.has(l))) return 'a promotions/updates message';
  return null;
}

function cleanSubject(subject: string): string {
  return subject.replace(/^\s*(?:(?:re|fwd?|aw|wg|tr)\s*(?:\[\d+\]\s*)?:\s*)+/i, '').trim();
}

/** The request sentences a title and a deadline come from: asks to the reader first, strongest first. */
function requestSentences(sentences: readonly JudgedSentence[], threshold: number): string[] {
  const live = sentences.filter((s) => !s.courtesy && !s.cues.conditional && !s.cues.group);
  const directed = live.filter((s) => isDirected(s.cues) && s.p >= 0.2).sort((a, b) => b.strength - a.strength);
  const likely = live.filter((s) => s.p >= threshold && !directed.includes(s)).sort((a, b) => b.strength - a.strength);
  return [...directed, ...likely].map((s) => s.text);
}

/** Everything the verdict on an email rests on: its new text, its sentences judged, the message features. */
export function emailEvidence(item: EmailItem, ctx: Pick<JudgeContext, 'classifier' | 'self'>) {
  const subject = cleanSubject(item.subject);
  const cleaned = cleanBody(item.bodyText || item.snippet);
  // A message that is only a subject ("Can you review the draft?") is judged on its subject.
  const subjectOnly = cleaned.sentences.length === 0 && cleaned.forwarded.length === 0 && !cleaned.hadQuote;
  const subjectSentence = stripGreeting(splitSentences(subject).join(' '));
  const sentences = subjectOnly && subjectSentence ? [subjectSentence] : cleaned.sentences;
  const addressee = addresseeOf(item, ctx.self, cleaned.ownText);
  const bulk = isBulk(item) ?? (AUTO_REPLY_RE.test(item.subject) ? 'an automatic reply' : null);
  // The person's first names, for action items addressed to them by name.
  const selfNames = new Set(
    item.to
      .filter((p) => ctx.self.has(p.address.toLowerCase()) || item.to.length === 1)
      .map((p) => askerName(p.name, p.address)?.toLowerCase())
      .filter((n): n is string => Boolean(n)),
  );
  const evidence = messageEvidence({
    sentences,
    forwarded: cleaned.forwarded,
    subject,
    score: assigneeScorer(sentences, ctx.classifier.score, selfNames),
    addressee,
    bulk,
    hasFooter: cleaned.hasFooter,
    hadQuote: cleaned.hadQuote,
    fromAddress: item.from.address,
  });
  return { subject, cleaned, sentences, bulk, evidence };
}

/** The offline verdict on one email. */
export function judgeEmail(item: EmailItem, ctx: JudgeContext): GeneratedSuggestion {
  const { subject, cleaned, sentences, bulk, evidence } = emailEvidence(item, ctx);
  let p = ctx.messages.probability(evidence.features);
  const all = `${subject}\n${sentences.join(' ')}`;
  const invoice = !bulk && INVOICE_RE.test(all) && PAYABLE_RE.test(all) && !SETTLED_RE.test(all);
  p = capped(p, evidence.features);
  if (invoice) p = Math.max(p, 0.75);
  const fromSelf = ctx.self.has(item.from.address.toLowerCase());
  const answered = fromSelf ? null : answeredAt(item.threadKey, item.date, ctx);
  if (fromSelf) p = Math.min(p, 0.02);
  if (answered) p = Math.min(p, 0.05);
  const confidence = roundConfidence(p);
  const threshold = ctx.messages.thresholdFor(evidence.features);
  const needsAction = confidence >= threshold;

  const reference = referenceDate(item.date, ctx.now);
  const requests = requestSentences(evidence.sentences, ctx.classifier.threshold);
  const best = requests[0] ?? null;
  const others = sentences.filter((s) => !requests.includes(s) && DUE_RE.test(s));
  // The subject only counts with a deadline word ("Report due Friday"), not as the event's own date.
  const dated = [...requests, ...others, ...(DUE_RE.test(subject) ? [subject] : [])];
  const deadline = needsAction ? firstDeadline(dated, ctx, reference) : null;
  const asker = askerName(item.from.name, item.from.address);
  const senderLabel = item.from.name ? `${item.from.name} <${item.from.address}>` : item.from.address;

  let title: string;
  let description: string;
  let reasoning: string;
  if (needsAction && invoice && best === null) {
    const number = /\binvoice\s+(?:#|no\.?\s*)?((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,})\b/i.exec(all)?.[1];
    title = clip(number ? `Pay invoice ${number}` : `Pay the invoice from ${item.from.name ?? item.from.address}`, 80);
    description = clip(`${senderLabel} sent an invoice${subject ? ` (email "${clip(subject, 100)}")` : ''}: "${clip(sentences.join(' '), 300)}"`, 600);
    reasoning = `Sends an invoice with payment terms${deadline ? ` due ${deadline.phrases[0]}` : ''}.`;
  } else if (needsAction) {
    title = best ? chooseTitle(requests, asker, deadline?.phrases ?? [], subject) : clip(subject ? `Reply to ${asker ?? 'the sender'} about ${subject}` : `Reply to ${asker ?? 'the sender'}`, 80);
    const quoted = requests.slice(0, 3).map((s) => `"${clip(s, 200)}"`).join(' ');
    description = clip(`${senderLabel} asks: ${quoted || `(email "${clip(subject, 100)}")`}${quoted && subject ? ` (email "${clip(subject, 100)}")` : ''}`, 600);
    reasoning = requestReasoning(title, deadline?.phrases[0] ?? null);
  } else {
    title = clip(subject || sentences[0] || '(no subject)', 80);
    description = clip(`Email from ${senderLabel}${subject ? `: "${clip(subject, 100)}"` : ''}.`, 600);
    reasoning = noActionReason(evidence.features, { fromSelf, answered, bulk, hasFooter: cleaned.hasFooter, courtesyOnly: sentences.length > 0 && sentences.every(isCourtesy) });
  }
  return messageVerdict({
    source: 'email',
    needsAction,
    title,
    description,
    deadline: deadline?.iso ?? null,
    requestText: [subject, ...requests].join(' '),
    fallbackTagText: subject,
    isQuestion: best?.trim().endsWith('?') ?? false,
    confidence,
    decisionThreshold: fromSelf || answered ? null : threshold,
    reasoning,
    model: ctx.model,
    now: ctx.now,
    contentFlags: item.contentFlags,
  });
}

/** One honest sentence on why nothing is asked of the person. */
function noActionReason(
  f: Readonly<Record<string, number>>,
  facts: { fromSelf: boolean; answered: string | null; bulk: string | null; hasFooter: boolean; courtesyOnly: boolean },
): string {
  if (facts.fromSelf) return 'Sent from your own address, so it is not a task for you.';
  if (facts.answered) return 'You already wrote in this thread after this message.';
  if (facts.bulk || facts.hasFooter) return `Reads as ${facts.bulk ?? 'a newsletter (unsubscribe footer)'} with no personal request.`;
  if (facts.courtesyOnly) return 'Only thanks or pleasantries; nothing is asked of you.';
  if (f.own_empty) return 'Passes on earlier or forwarded text without asking you anything new.';
  if (f.conditional_best) return 'Offers help only if you want it; nothing is required of you.';
  if (f.group_ask) return 'Puts a question to the whole group rather than to you.';
  if (f.announcement) return 'An announcement or heads-up; no step is asked of you.';
  if (f.commitment_best) return 'The sender says what they will do; nothing is asked of you.';
  return 'No sentence asks you to do anything.';
}
