// Every item leaves the content step bounded (items/item-bounds.ts), so the screening rules, the
// engines' patterns and the prompt never read more than ITEM_LIMITS, whatever the source sent.
import { describe, expect, it } from 'vitest';
import { calendarItemFromGoogle } from '../../src/main/content/google-calendar-event';
import { emailItemFromGmail } from '../../src/main/content/gmail-payload';
import { slackMessageItem } from '../../src/main/content/slack-message';
import { boundItem, ITEM_LIMITS } from '../../src/main/items/item-bounds';
import type { ProviderItem } from '../../src/main/items/provider-item';

const HUGE = 'x'.repeat(1_000_000);

/** The longest string and the longest list anywhere in a value. */
function extremes(value: unknown): { text: number; list: number } {
  if (typeof value === 'string') return { text: value.length, list: 0 };
  if (Array.isArray(value)) {
    const inner = value.map(extremes);
    return { text: Math.max(0, ...inner.map((e) => e.text)), list: Math.max(value.length, ...inner.map((e) => e.list)) };
  }
  if (value && typeof value === 'object') {
    const inner = Object.values(value).map(extremes);
    return { text: Math.max(0, ...inner.map((e) => e.text)), list: Math.max(0, ...inner.map((e) => e.list)) };
  }
  return { text: 0, list: 0 };
}

function expectBounded(item: ProviderItem): void {
  const { text, list } = extremes(item);
  expect(text).toBeLessThanOrEqual(ITEM_LIMITS.body);
  expect(list).toBeLessThanOrEqual(ITEM_LIMITS.people);
}

describe('items are bounded by the content step', () => {
  it('Gmail: megabyte headers and thousands of recipients', () => {
    const recipients = Array.from({ length: 5_000 }, (_, i) => `${HUGE.slice(0, 300)} <r${i}@example.com>`).join(', ');
    const item = emailItemFromGmail(
      {
        id: 'm1',
        snippet: HUGE,
        labelIds: Array.from({ length: 1_000 }, (_, i) => `L${i}`),
        payload: {
          mimeType: 'text/plain',
          headers: [
            { name: 'From', value: `${HUGE} <eve@attacker.example>` },
            { name: 'To', value: recipients },
            { name: 'Subject', value: HUGE },
            { name: 'List-Unsubscribe', value: HUGE },
          ],
          body: { data: Buffer.from(HUGE).toString('base64url') },
        },
      },
      { selfAddresses: [] },
    );
    expectBounded(item);
    expect((item.from.name ?? '').length).toBeLessThanOrEqual(ITEM_LIMITS.name);
    expect(item.subject.length).toBeLessThanOrEqual(ITEM_LIMITS.line);
  });

  it('Gmail: the mailing-list headers the engines read are kept, bounded', () => {
    const headers = (listId: string, listPost: string) =>
      emailItemFromGmail(
        { id: 'm2', payload: { mimeType: 'text/plain', headers: [{ name: 'From', value: 'dev@lists.example.org' }, { name: 'List-Id', value: listId }, { name: 'List-Post', value: listPost }], body: { data: '' } } },
        { selfAddresses: [] },
      ).headers;
    expect(headers('Dev list <dev.lists.example.org>', '<mailto:dev@lists.example.org>')).toMatchObject({ listId: 'Dev list <dev.lists.example.org>', listPost: '<mailto:dev@lists.example.org>' });
    const huge = headers(HUGE, `<mailto:${HUGE}>`);
    expect(huge.listId!.length).toBeLessThanOrEqual(ITEM_LIMITS.line);
    expect(huge.listPost!.startsWith('<mailto:x')).toBe(true);
    expect(huge.listPost!.length).toBeLessThanOrEqual(ITEM_LIMITS.line);
  });

  it('Gmail: In-Reply-To survives the bounds (the engine counts a reply by it), bounded', () => {
    const inReplyTo = (value: string) =>
      emailItemFromGmail(
        { id: 'm3', payload: { mimeType: 'text/plain', headers: [{ name: 'From', value: 'sam@example.org' }, { name: 'In-Reply-To', value: value }], body: { data: '' } } },
        { selfAddresses: [] },
      ).headers.inReplyTo;
    expect(inReplyTo('<m0@example.org>')).toBe('<m0@example.org>');
    expect(inReplyTo(`<${HUGE}>`)!.length).toBeLessThanOrEqual(ITEM_LIMITS.line);
  });

  it('Google Calendar: megabyte names and ten thousand attendees', () => {
    const item = calendarItemFromGoogle({
      id: 'e1',
      summary: HUGE,
      description: HUGE,
      location: HUGE,
      organizer: { email: `${HUGE}@example.com`, displayName: HUGE },
      attendees: Array.from({ length: 10_000 }, (_, i) => ({ email: `a${i}@example.com`, displayName: HUGE })),
    });
    expectBounded(item);
    expect(item.organizer!.name!.length).toBeLessThanOrEqual(ITEM_LIMITS.name);
    expect(item.attendees.every((attendee) => attendee.name!.length <= ITEM_LIMITS.name)).toBe(true);
  });

  it('Slack: megabyte author, channel and a thousand-message thread', () => {
    const item = slackMessageItem({
      ts: '1700000000.000100', threadTs: null, text: HUGE, channelId: 'C1', channelName: HUGE, isDirect: false, authorId: 'U1', authorName: HUGE,
      threadContext: Array.from({ length: 1_000 }, () => ({ author: HUGE, text: HUGE })), permalink: 'https://x.slack.com/p1',
    });
    expectBounded(item);
    expect(item.author.name.length).toBeLessThanOrEqual(ITEM_LIMITS.name);
    expect(item.threadContext).toHaveLength(ITEM_LIMITS.contextMessages);
  });

  it('leaves an item within the limits as it was', () => {
    const item = slackMessageItem({
      ts: '1700000000.000100', threadTs: null, text: 'Can you review the deck?', channelId: 'C1', channelName: 'design', isDirect: false, authorId: 'U1',
      authorName: 'Sam', threadContext: [{ author: 'Ana', text: 'Draft is up' }], permalink: 'https://x.slack.com/p1',
    });
    expect(boundItem(item)).toEqual(item);
  });
});
