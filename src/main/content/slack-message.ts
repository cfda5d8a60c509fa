/**
 * A Slack message (as the Web API returns it) into a SlackMessageItem. Chat text is not mail: a `>`
 * line is the author quoting, not an old reply, so nothing is trimmed; invisible and bidi characters
 * go, the length is bounded, and the whole item is scanned once like every other item.
 */
import { invisibleFlags, stripInvisible } from '../items/invisible-chars';
import type { SlackMessageItem } from '../items/provider-item';
import { fakeDelimiterFlags } from './email-text';
import { scanItem } from './item-scan';

const MESSAGE_CHARS = 4000;
const CONTEXT_CHARS = 500;

/** The fields of a Web API message the item is made from. */
export interface RawSlackMessage {
  ts: string;
  threadTs: string | null;
  text: string;
  channelId: string;
  channelName: string;
  isDirect: boolean;
  authorId: string;
  authorName: string;
  /** Earlier messages of the thread, oldest first. */
  threadContext: Array<{ author: string; text: string }>;
  permalink: string;
}

/** Chat text cleaned of invisible characters and runs of blank lines, bounded, with what was found. */
function cleanChatText(raw: string, maxChars: number): { text: string; flags: string[] } {
  // Bounded before any pattern reads it: what is cut here never reaches the model either.
  const stripped = stripInvisible(raw.length > maxChars * 8 ? raw.slice(0, maxChars * 8) : raw);
  const collapsed = stripped.text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const text = collapsed.length > maxChars ? `${collapsed.slice(0, maxChars - 1)}…` : collapsed;
  return { text, flags: [...invisibleFlags(stripped), ...fakeDelimiterFlags(text)] };
}

function tsToIso(ts: string): string | null {
  const seconds = Number(ts);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
}

/** Builds the item; its flags come from cleaning and from the one scan of its whole text. */
export function slackMessageItem(raw: RawSlackMessage): SlackMessageItem {
  const cleaned = cleanChatText(raw.text, MESSAGE_CHARS);
  const context = raw.threadContext.map((entry) => ({ author: entry.author, text: cleanChatText(entry.text, CONTEXT_CHARS) }));
  return scanItem({
    type: 'slack_message',
    id: `${raw.channelId}:${raw.ts}`,
    threadKey: `${raw.channelId}:${raw.threadTs ?? raw.ts}`,
    date: tsToIso(raw.ts),
    link: raw.permalink.startsWith('https://') ? raw.permalink : null,
    channelId: raw.channelId,
    channelName: raw.channelName,
    isDirect: raw.isDirect,
    author: { id: raw.authorId, name: raw.authorName },
    text: cleaned.text,
    ts: raw.ts,
    threadTs: raw.threadTs,
    threadContext: context.map((entry) => ({ author: entry.author, text: entry.text.text })),
    contentFlags: [...cleaned.flags, ...context.flatMap((entry) => entry.text.flags)],
  });
}
