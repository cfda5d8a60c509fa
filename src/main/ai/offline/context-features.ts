/**
 * Where a message's asks sit, as features the message model weighs separately: the same question
 * means "answer me" in a reply to one person and "anyone?" in a new thread on a list (guideline R8,
 * C5), so questions and requests are counted per context (direct mail, a reply on a list, a new
 * thread on a list). Also the cues that generalise across mail: imperatives to the reader, a
 * deadline next to a request, a question closing the message.
 */
import type { Addressee } from './addressee';
import { isDirected, type JudgedSentence } from './sentence-cues';

// A date or deadline phrase: "by Friday", "due", "EOD", "tomorrow", "no later than", "Jan 5".
const DEADLINE_RE =
  /\b(?:by|before|until|no later than|due)\s(?:the\s)?(?:end of|mon|tue|wed|thu|fri|sat|sun|tomorrow|today|tonight|noon|eod|cob|close|next|this|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)|\b(?:deadline|asap|eod|cob|eow|tomorrow|tonight|today)\b/i;

const flag = (value: boolean): number => (value ? 1 : 0);

/** A question put to someone, with or without a question mark (not to a crowd, not an offer). */
export function isGenuineQuestion(s: JudgedSentence): boolean {
  return (s.cues.question || s.cues.ask) && !s.cues.group && !s.cues.conditional;
}

/** The context features of a message's live (non-courtesy) sentences. */
export function contextFeatures(live: readonly JudgedSentence[], a: Addressee | null, hadQuote: boolean, request: number): Record<string, number> {
  const onList = a?.list ?? false;
  const isReply = (a?.reply ?? false) || hadQuote;
  const listReply = onList && isReply;
  const listNew = onList && !isReply;
  const direct = !onList;
  const questions = live.filter(isGenuineQuestion);
  const asked = questions.length > 0;
  const youAsked = questions.some((s) => s.cues.you || s.cues.modalYou);
  const imperatives = live.filter((s) => s.cues.imperative && !s.cues.conditional && !s.cues.group).length;
  const last = live[live.length - 1];
  const firstRequest = live.findIndex((s) => isDirected(s.cues) || s.p >= 0.5);
  return {
    // New thread To a person with the list only in Cc: the person is addressed (guideline C4).
    list_cc_person: flag(onList && !(a?.toGroup ?? false) && (a?.toPeople ?? 0) >= 1),
    had_quote: flag(hadQuote),
    ctx_list_reply: flag(listReply),
    ctx_list_new: flag(listNew),
    questions: Math.log2(1 + questions.length),
    q_direct: flag(direct && asked),
    q_list_reply: flag(listReply && asked),
    q_list_new: flag(listNew && asked),
    youq_list_reply: flag(listReply && youAsked),
    youq_list_new: flag(listNew && youAsked),
    req_direct: direct ? request : 0,
    req_list_reply: listReply ? request : 0,
    req_list_new: listNew ? request : 0,
    imperatives: Math.log2(1 + imperatives),
    deadline: flag(live.some((s) => (isDirected(s.cues) || s.p >= 0.5) && DEADLINE_RE.test(s.text.slice(0, 600)))),
    ends_with_question: flag(last !== undefined && isGenuineQuestion(last)),
    request_position: firstRequest < 0 ? 1 : firstRequest / Math.max(1, live.length),
  };
}
