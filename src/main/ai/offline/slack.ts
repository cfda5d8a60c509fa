/**
 * Slack verdicts: a question or request addressed to the person (a DM or a mention) is a task; FYIs,
 * thanks, acknowledgements and emoji-only replies are not. Earlier thread messages are shown as
 * context in the description but never decide the verdict: only the message itself can ask.
 */
import type { GeneratedSuggestion } from '../types';
import type { SlackMessageItem } from '../../items/provider-item';
import { clip, messageVerdict, requestReasoning } from './describe';
import { chooseTitle, firstDeadline, scoreSentences } from './email';
import { logit, referenceDate, roundConfidence, type JudgeContext } from './judge-context';
import { sigmoid } from './logistic';
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

/** The offline verdict on one Slack message. */
export function judgeSlackMessage(item: SlackMessageItem, ctx: JudgeContext): GeneratedSuggestion {
  const text = slackToText(item.text);
  const sentences = text
    .split(/\n+/)
    .flatMap((line) => splitSentences(line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')))
    .filter((s) => s.length > 0);
  const scored = scoreSentences(sentences, ctx).map((s) => {
    let z = logit(s.p);
    // Said to the person directly, a question is usually one they are expected to answer.
    if (s.text.trim().endsWith('?') && !isCourtesy(s.text)) z += item.isDirect ? 0.8 : 0.5;
    if (FYI_RE.test(s.text)) z -= 1.5;
    return { text: s.text, p: sigmoid(z) };
  });
  const best = scored.reduce<(typeof scored)[number] | null>((a, b) => (a === null || b.p > a.p ? b : a), null);
  const fromSelf = ctx.self.has(item.author.id.toLowerCase()) || ctx.self.has(item.author.name.toLowerCase());
  let z = best ? logit(best.p) : logit(0.02);
  if (NO_ACTION_RE.test(text) || FYI_RE.test(text)) z -= 1.5;
  let confidence = roundConfidence(sigmoid(z));
  if (fromSelf) confidence = Math.min(confidence, 0.02);
  const needsAction = confidence >= ctx.classifier.threshold;

  const where = item.isDirect ? 'a DM' : `#${item.channelName}`;
  const requests = scored.filter((s) => s.p >= ctx.classifier.threshold).map((s) => s.text);
  if (needsAction && best && !requests.includes(best.text)) requests.unshift(best.text);
  const reference = referenceDate(slackDate(item), ctx.now);
  const deadline = needsAction && best ? firstDeadline([best.text, ...requests], ctx, reference) : null;
  const root = item.threadContext[0];
  const thread = root ? ` (in a thread started by ${root.author}: "${clip(slackToText(root.text), 120)}")` : '';

  let title: string;
  let description: string;
  let reasoning: string;
  if (needsAction && best) {
    title = chooseTitle([best.text, ...requests.filter((r) => r !== best.text)], askerName(item.author.name, null), deadline?.phrases ?? [], '');
    description = clip(`${item.author.name} in ${where}: ${requests.slice(0, 3).map((s) => `"${clip(s, 200)}"`).join(' ')}${thread}`, 600);
    reasoning = requestReasoning(title, deadline?.phrases[0] ?? null);
  } else {
    title = clip(text || '(empty message)', 80);
    description = clip(`${item.author.name} in ${where}: "${clip(text, 200)}"${thread}`, 600);
    if (fromSelf) reasoning = 'Written by you, so it is not a task for you.';
    else if (!sentences.length) reasoning = 'Only emoji or a reaction; nothing is asked.';
    else if (sentences.every(isCourtesy)) reasoning = 'A thank-you or acknowledgement; nothing is asked.';
    else if (FYI_RE.test(text) || NO_ACTION_RE.test(text)) reasoning = 'Shared for information; no reply or action is asked.';
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
    isQuestion: best?.text.trim().endsWith('?') ?? false,
    confidence,
    reasoning,
    model: ctx.model,
    now: ctx.now,
    contentFlags: item.contentFlags,
  });
}
