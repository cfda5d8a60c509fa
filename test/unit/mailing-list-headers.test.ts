import { describe, expect, it } from 'vitest';
import { parseRfc822 } from '../../src/main/content/rfc822';
import { bulkMailReason, isDiscussionList, prefilterReason } from '../../src/main/items/prefilter';

const raw = (headers: string[]): Buffer =>
  Buffer.from(
    [
      'From: Sam Lee <sam@lists-member.example>',
      'To: dev@lists.example.org',
      'Subject: Re: flaky build',
      'Message-ID: <m1@example.org>',
      'Date: Mon, 3 Mar 2025 09:00:00 +0000',
      ...headers,
      '',
      'Dana, can you rerun the nightly job?',
    ].join('\r\n'),
  );

describe('mailing-list headers', () => {
  it('are read from a raw message into the item', async () => {
    const result = await parseRfc822(raw(['List-Id: Dev list <dev.lists.example.org>', 'List-Post: <mailto:dev@lists.example.org>', 'List-Unsubscribe: <mailto:dev-leave@lists.example.org>', 'Precedence: list', 'In-Reply-To: <m0@example.org>']));
    if (!result.ok) throw new Error(result.reason);
    expect(result.item.headers).toMatchObject({ listId: 'Dev list <dev.lists.example.org>', listPost: '<mailto:dev@lists.example.org>', precedence: 'list', inReplyTo: '<m0@example.org>' });
  });

  it('let a discussion list through the bulk screen but not a newsletter', async () => {
    const discussion = await parseRfc822(raw(['List-Id: <dev.lists.example.org>', 'List-Post: <mailto:dev@lists.example.org>', 'List-Unsubscribe: <mailto:leave@x>', 'Precedence: list']));
    const newsletter = await parseRfc822(raw(['List-Id: <news.example.org>', 'List-Post: NO', 'List-Unsubscribe: <mailto:leave@x>', 'Precedence: list']));
    if (!discussion.ok || !newsletter.ok) throw new Error('unparsed');
    expect(prefilterReason(discussion.item, ['dana@example.org'])).toBeNull();
    expect(prefilterReason(newsletter.item, ['dana@example.org'])).toMatch(/mailing list/);
    expect(isDiscussionList('NO')).toBe(false);
    expect(isDiscussionList('  <  MAILTO:dev@lists.example.org>')).toBe(true);
    expect(isDiscussionList('mailto:dev@lists.example.org')).toBe(true);
    expect(isDiscussionList('<https://lists.example.org/post>')).toBe(false);
    expect(isDiscussionList(null)).toBe(false);
    // Bulk precedence stays bulk whatever the list says.
    expect(bulkMailReason({ fromAddress: 'a@x', labels: [], listUnsubscribe: null, precedence: 'bulk', autoSubmitted: null, listPost: '<mailto:l@x>' })).toMatch(/bulk/);
  });
});
