/**
 * Email verdicts: the body is cleaned (greetings, quotes, signatures, footers out), each remaining
 * sentence is scored by the classifier, and the best request sentence decides, corrected by what
 * the headers say about bulk mail. Mail from the person's own address is never a task for them.
 */
import type { GeneratedSuggestion } from '../types';
import type { EmailItem } from '../../items/provider-item';
import { findDeadline, type FoundDeadline } from './deadline';
import { clip, messageVerdict, requestReasoning } from './describe';
import { logit, referenceDate, roundConfidence, type JudgeContext } from './judge-context';
import { sigmoid } from './logistic';
import { cleanBody, isCourtesy, splitSentences, stripGreeting } from './text';
import { askerName, isVagueTitle, titleFromSentence } from './title';

/** A sentence with its request probability. */
export interface ScoredSentence {
  text: string;
  p: number;
}

const NOREPLY_RE = /^(?:no-?reply|do-?not-?reply|donotreply|notifications?|mailer-daemon|bounce|newsletter|news|marketing|updates?)\b/i;
const BULK_LABELS = new Set(['CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'CATEGORY_FORUMS', 'CATEGORY_UPDATES', 'SPAM']);
const DUE_RE = /\b(?:due|deadline|by|before|no later than|expires?|until)\b/i;
// Imperatives a colleague uses; marketing imperatives ("click", "shop", "join") are left to the weights.
const WORK_VERB_RE = /^(?:please\s+)?(review|send|sign|approve|confirm|submit|complete|fill|update|forward|call|check|book|schedule|prepare|pay|reply|respond|share|read|finish|fix|draft|print|bring|remember|rsvp)\b/i;
// An invoice with terms or a due date asks to be paid, though no sentence says "please pay".
const INVOICE_RE = /\binvoice\b/i;
const PAYABLE_RE = /\b(?:due|payment terms|net \d+|amount due|balance due|please pay|remit|outstanding|overdue)\b/i;
const SETTLED_RE = /\b(?:paid|receipt|no (?:further )?action|thank you for your payment|payment received|autopay|will be charged|has been charged)\b/i;
const NEED_YOUR_RE = /\b(?:i|we) (?:really )?(?:need|require|would need|will need) (?:your|you to)\b/i;
const MARKETING_RE = /\b(?:click|unsubscribe|offer|discount|sale|free|deal|coupon|shop|% off)\b|%/i;

// "Dana: update the onboarding doc" in a list of action items names who must act.
const ASSIGNEE_RE = /^([A-Z][a-z]+)\s*[:–-]\s+(.+)$/;

/**
 * Scores sentences; courtesy lines are capped, and a plain work imperative gets the benefit of doubt.
 * In an action-item list ("Dana: ...", "Sam: ..." on two or more lines) items for `selfNames` count
 * as requests and items for other people do not.
 */
export function scoreSentences(sentences: readonly string[], ctx: JudgeContext, selfNames: ReadonlySet<string> = new Set()): ScoredSentence[] {
  const assigned = sentences.filter((s) => ASSIGNEE_RE.test(s)).length >= 2;
  return sentences.map((raw) => {
    const item = assigned ? ASSIGNEE_RE.exec(raw) : null;
    const text = item ? (item[2] ?? raw) : raw;
    let p = ctx.classifier.score(text);
    if (item) return { text, p: selfNames.has((item[1] ?? '').toLowerCase()) ? sigmoid(logit(p) + 2) : Math.min(p, 0.15) };
    if (isCourtesy(text)) p = Math.min(p, 0.1);
    else if ((WORK_VERB_RE.test(text) || NEED_YOUR_RE.test(text)) && !MARKETING_RE.test(text)) p = sigmoid(logit(p) + 1.5);
    return { text, p };
  });
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
  const titles = requests.slice(0, 3).map((r) => titleFromSentence(r, asker, phrases));
  const specific = titles.find((t) => !isVagueTitle(t));
  if (specific) return specific;
  const first = titles[0] ?? context;
  const question = requests[0]?.trim().endsWith('?') ? requests[0].trim() : null;
  // "Would you be open to it?" says more as the question itself than as "Be open to it".
  if (question) return clip(`Reply to ${asker ?? 'the sender'}: ${question}${context ? ` (${context})` : ''}`, 80);
  return context && first !== context ? clip(`${first.replace(/…$/, '')}: ${context}`, 80) : first;
}

function isBulk(item: EmailItem): string | null {
  const local = item.from.address.split('@')[0] ?? '';
  if (item.headers.listUnsubscribe) return 'a mailing list (List-Unsubscribe header)';
  if (/^(?:bulk|list|junk)$/i.test(item.headers.precedence ?? '')) return 'bulk mail (Precedence header)';
  if (item.headers.autoSubmitted && !/^no$/i.test(item.headers.autoSubmitted)) return 'an automated message';
  if (NOREPLY_RE.test(local)) return `an automated sender (${item.from.address})`;
  if (item.labels.some((l) => BULK_LABELS.has(l))) return 'a promotions/updates message';
  return null;
}

function cleanSubject(subject: string): string {
  return subject.replace(/^\s*(?:(?:re|fwd?|aw|wg|tr)\s*(?:\[\d+\]\s*)?:\s*)+/i, '').trim();
}

/** The offline verdict on one email. */
export function judgeEmail(item: EmailItem, ctx: JudgeContext): GeneratedSuggestion {
  const subject = cleanSubject(item.subject);
  const cleaned = cleanBody(item.bodyText || item.snippet);
  // The person's first names, for action items addressed to them by name.
  const selfNames = new Set(
    item.to
      .filter((p) => ctx.self.has(p.address.toLowerCase()) || item.to.length === 1)
      .map((p) => askerName(p.name, p.address)?.toLowerCase())
      .filter((n): n is string => Boolean(n)),
  );
  const scored = scoreSentences(cleaned.sentences, ctx, selfNames);
  // The subject counts as a weaker request ("Can you review the draft?" as the whole message).
  const subjectSentence = stripGreeting(splitSentences(subject).join(' '));
  const subjectScore = subjectSentence ? scoreSentences([subjectSentence], ctx)[0] : undefined;
  const candidates = [...scored];
  if (subjectScore) candidates.push({ text: subjectScore.text, p: sigmoid(logit(subjectScore.p) - (scored.length ? 1.5 : 0.5)) });
  const best = candidates.reduce<ScoredSentence | null>((a, b) => (a === null || b.p > a.p ? b : a), null);

  const fromSelf = ctx.self.has(item.from.address.toLowerCase());
  const bulk = isBulk(item);
  let z = best ? logit(best.p) : logit(0.02);
  if (bulk) z -= 2.5;
  if (cleaned.hasFooter) z -= 1.5;
  // Long messages offer many chances for one sentence to look like a request: ask a little more of them.
  if (scored.length > 6) z -= 0.15 * Math.log2(scored.length / 6);
  if (scored.filter((s) => s.p >= ctx.classifier.threshold).length >= 2) z += 0.4;
  const all = `${subject}\n${cleaned.sentences.join(' ')}`;
  const invoice = !bulk && INVOICE_RE.test(all) && PAYABLE_RE.test(all) && !SETTLED_RE.test(all);
  if (invoice) z = Math.max(z, logit(0.75));
  let confidence = roundConfidence(sigmoid(z));
  if (fromSelf) confidence = Math.min(confidence, 0.02);
  const needsAction = confidence >= ctx.classifier.threshold;

  const reference = referenceDate(item.date, ctx.now);
  const requests = scored.filter((s) => s.p >= ctx.classifier.threshold).map((s) => s.text);
  if (needsAction && best && !requests.includes(best.text)) requests.unshift(best.text);
  const others = cleaned.sentences.filter((s) => !requests.includes(s) && DUE_RE.test(s));
  // The subject only counts with a deadline word ("Report due Friday"), not as the event's own date.
  const dated = [...(best ? [best.text] : []), ...requests, ...others, ...(DUE_RE.test(subject) ? [subject] : [])];
  const deadline = needsAction ? firstDeadline(dated, ctx, reference) : null;
  const asker = askerName(item.from.name, item.from.address);
  const senderLabel = item.from.name ? `${item.from.name} <${item.from.address}>` : item.from.address;

  let title: string;
  let description: string;
  let reasoning: string;
  if (needsAction && invoice && (!best || best.p < ctx.classifier.threshold)) {
    const number = /\binvoice\s+(?:#|no\.?\s*)?((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,})\b/i.exec(all)?.[1];
    title = clip(number ? `Pay invoice ${number}` : `Pay the invoice from ${item.from.name ?? item.from.address}`, 80);
    description = clip(`${senderLabel} sent an invoice${subject ? ` (email "${clip(subject, 100)}")` : ''}: "${clip(cleaned.sentences.join(' '), 300)}"`, 600);
    reasoning = `Sends an invoice with payment terms${deadline ? ` due ${deadline.phrases[0]}` : ''}.`;
  } else if (needsAction && best) {
    title = chooseTitle([best.text, ...requests.filter((r) => r !== best.text)], asker, deadline?.phrases ?? [], subject);
    const quoted = requests.slice(0, 3).map((s) => `"${clip(s, 200)}"`).join(' ');
    description = clip(`${senderLabel} asks: ${quoted}${subject ? ` (email "${clip(subject, 100)}")` : ''}`, 600);
    reasoning = requestReasoning(title, deadline?.phrases[0] ?? null);
  } else {
    title = clip(subject || cleaned.sentences[0] || '(no subject)', 80);
    description = clip(`Email from ${senderLabel}${subject ? `: "${clip(subject, 100)}"` : ''}.`, 600);
    if (fromSelf) reasoning = 'Sent from your own address, so it is not a task for you.';
    else if (bulk || cleaned.hasFooter) reasoning = `Reads as ${bulk ?? 'a newsletter (unsubscribe footer)'} with no personal request.`;
    else if (scored.length > 0 && scored.every((s) => isCourtesy(s.text))) reasoning = 'Only thanks or pleasantries; nothing is asked of you.';
    else reasoning = 'No sentence asks you to do anything.';
  }
  return messageVerdict({
    source: 'email',
    needsAction,
    title,
    description,
    deadline: deadline?.iso ?? null,
    requestText: [subject, ...requests].join(' '),
    fallbackTagText: subject,
    isQuestion: best?.text.trim().endsWith('?') ?? false,
    confidence,
    reasoning,
    model: ctx.model,
    now: ctx.now,
    contentFlags: item.contentFlags,
  });
}
