/**
 * Slack verdicts, judged like an email by the same message model: a question or request addressed
 * to the person (a DM or a mention) is a task; questions to the whole channel (@here, "anyone?"),
 * conditional offers, FYIs, thanks and emoji-only replies are not, nor is a message the person
 * already answered later in its thread. Earlier thread messages are context, never the verdict.
 */
import type { GeneratedSuggestion } from '../types';
import type { SlackMessageItem } from '../../items/provider-item';
import { clip, messageVerdict, requestReasoning } from './describe';
import type { Addressee } from './addressee';
import { chooseTitle, firstDeadline } from './email';
import { answeredAt, referenceDate, roundConfidence, type JudgeContext } from './judge-context';
import { capped, messageEvidence } from './message-features';
import { isDirected } from './sentence-cues';
import { isCourtesy, splitSentences } from './text';
import { askerName } from './title';

const FYI_RE = /^(?:fyi|heads[- ]up|psa|just so you know|for your information|no action (?:needed|required)|nothing to do)\b/i;
const NO_ACTION_RE = /\b(?:no action (?:needed|required)|no need to (?:reply|respond|do anything)|nothing (?:needed|required) from you|just fyi)\b/i;

/** Slack markup to plain text: user/channel/link tokens, emoji codes and HTML entities. */
export function slackToText(text: string): string {
  return text
    .replace(/^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, '')
    .replace(/<@[A-Z0-9]+\|([^>]+)>/g, '@$1')
    .replace(/<@[A-Z0-9]+>/g, '@someone')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/g, '@channel')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    // Emoji, skin tones, joiners and variation selectors (as alternatives: a class would join them).
    .replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u200d|\ufe0f/gu, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function slackDate(item: SlackMessageItem): string | null {
  if (item.date) return item.date;
  const seconds = Number(item.ts);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

/** Who a Slack message speaks to, in the terms the message model reads for email. */
function slackAddressee(item: SlackMessageItem, ctx: JudgeContext): Addressee {
  const raw = item.text.slice(0, 20_000);
  const group = /<!(?:here|channel|everyone)(?:\|[^>]{0,80})?>/.test(raw);
  const mentions = [...raw.matchAll(/<@([A-Z0-9]{2,40})(?:\|[^>]{0,80})?>/g)].map((m) => (m[1] ?? '').toLowerCase());
  const mentionsMe = mentions.some((id) => ctx.self.has(id));
  return {
    list: !item.isDirect && group,
    toPeople: item.isDirect || mentionsMe || (!group && mentions.length === 0) ? 1 : 0,
    recipients: item.isDirect ? 1 : Math.max(1, mentions.length),
    toGroup: group,
    self: 'to',
    reply: item.threadTs !== null && item.threadTs !== item.ts,
    greetsName: null,
    greetsRecipient: mentionsMe,
    greetsGroup: group,
  };
}

/** The offline verdict on one Slack message. */
export function judgeSlackMessage(item: SlackMessageItem, ctx: JudgeContext): GeneratedSuggestion {
  const text = slackToText(item.text);
  // Slack quotes with "> " lines too: what is quoted was said before, not asked now.
  const own = text.split(/\n/).filter((line) => !/^\s*>/.test(line)).join('\n');
  const sentences = own
    .split(/\n+/)
    .flatMap((line) => splitSentences(line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')))
    .filter((s) => s.length > 0);
  const evidence = messageEvidence({
    sentences,
    forwarded: [],
    subject: '',
    score: ctx.classifier.score,
    addressee: slackAddressee(item, ctx),
    bulk: null,
    hasFooter: false,
    direct: item.isDirect,
  });
  const fromSelf = ctx.self.has(item.author.id.toLowerCase()) || ctx.self.has(item.author.name.toLowerCase());
  const answered = fromSelf ? null : answeredAt(item.threadKey, slackDate(item), ctx);
  let p = ctx.messages.probability(evidence.features);
  if (NO_ACTION_RE.test(own) || FYI_RE.test(own)) p = Math.min(p, 0.15);
  p = capped(p, evidence.features);
  if (fromSelf) p = Math.min(p, 0.02);
  if (answered) p = Math.min(p, 0.05);
  const confidence = roundConfidence(p);
  const threshold = ctx.messages.thresholdFor(evidence.features);
  const needsAction = confidence >= threshold;

  const where = item.isDirect ? 'a DM' : `#${item.channelName}`;
  const requests = evidence.sentences
    .filter((s) => !s.courtesy && !s.cues.conditional && !s.cues.group && (isDirected(s.cues) || s.p >= ctx.classifier.threshold))
    .sort((a, b) => b.strength - a.strength)
    .map((s) => s.text);
  const best = requests[0] ?? null;
  const reference = referenceDate(slackDate(item), ctx.now);
  const deadline = needsAction && best ? firstDeadline(requests, ctx, reference) : null;
  const root = item.threadContext[0];
  const thread = root ? ` (in a thread started by ${root.author}: "${clip(slackToText(root.text), 120)}")` : '';

  let title: string;
  let description: string;
  let reasoning: string;
  if (needsAction && best) {
    title = chooseTitle(requests, askerName(item.author.name, null), deadline?.phrases ?? [], '');
    description = clip(`${item.author.name} in ${where}: ${requests.slice(0, 3).map((s) => `"${clip(s, 200)}"`).join(' ')}${thread}`, 600);
    reasoning = requestReasoning(title, deadline?.phrases[0] ?? null);
  } else {
    title = needsAction ? clip(`Reply to ${item.author.name} in ${where}`, 80) : clip(text || '(empty message)', 80);
    description = clip(`${item.author.name} in ${where}: "${clip(text, 200)}"${thread}`, 600);
    if (fromSelf) reasoning = 'Written by you, so it is not a task for you.';
    else if (answered) reasoning = 'You already replied in this thread after this message.';
    else if (needsAction) reasoning = 'Addressed to you and reads as expecting an answer.';
    else if (!sentences.length) reasoning = 'Only emoji or a reaction; nothing is asked.';
    else if (sentences.every(isCourtesy)) reasoning = 'A thank-you or acknowledgement; nothing is asked.';
    else if (FYI_RE.test(own) || NO_ACTION_RE.test(own) || evidence.features.announcement) reasoning = 'Shared for information; no reply or action is asked.';
    else if (evidence.features.group_ask) reasoning = 'Put to the whole channel rather than to you.';
    else reasoning = 'No question or request is addressed to you.';
  }
  return messageVerdict({
    source: 'slack',
    needsAction,
    title,
    description,
    deadline: deadline?.iso ?? null,
    requestText: requests.join(' '),
    fallbackTagText: '',
    isQuestion: best?.trim().endsWith('?') ?? false,
    confidence,
    decisionThreshold: fromSelf || answered ? null : threshold,
    reasoning,
    model: ctx.model,
    now: ctx.now,
    contentFlags: item.contentFlags,
  });
}
