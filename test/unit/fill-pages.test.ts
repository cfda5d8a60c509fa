// The cursors of paged syncs (Gmail's fills, Slack's walks): every page carries the position that
// resumes after it, the last page ends the walk, and a resume from any page's cursor yields exactly
// the items not yet handed over. The sources are in-memory mailboxes with Gmail's and Slack's
// paging rules (keyset page tokens; newest first).
import { describe, expect, it } from 'vitest';
import type { FetchPage } from '../../src/main/providers/provider';
import { fillPages, type GmailCursor, type GmailFill, type GmailPageSource } from '../../src/main/providers/gmail/gmail-pages';
import { newFill, slackPages, type RawMessage, type SlackCursor, type SlackPageSource } from '../../src/main/providers/slack/slack-pages';

/** A mailbox of `count` messages, newest first, listed in pages of `listSize`; `fetched` records every get. */
function mailbox(count: number, listSize = 500) {
  const ids = Array.from({ length: count }, (_, index) => `m${String(index).padStart(4, '0')}`);
  const known = new Set<string>();
  const fetched: string[] = [];
  const source: GmailPageSource = {
    async list(_query, pageToken, max) {
      const start = pageToken === null ? 0 : ids.indexOf(pageToken);
      const page = ids.slice(start, start + Math.min(max, listSize));
      const next = ids[start + page.length];
      return { ids: page, nextPageToken: next ?? null };
    },
    async *fetch(pages) {
      for (const chunk of pages) {
        const unseen = chunk.filter((id) => !known.has(id));
        fetched.push(...unseen);
        yield { raw: unseen.map((id) => ({ kind: 'gmail-message' as const, message: { id, internalDate: String(1_000_000 - ids.indexOf(id)) } })), quarantined: [], filtered: [], oldestMs: unseen.length ? 1_000_000 - ids.indexOf(unseen.at(-1)!) : null };
      }
    },
  };
  return { ids, known, fetched, source };
}

const fill = (limit: number): GmailFill => ({ query: 'is:unread', pageToken: null, listed: 0, limit, sinceMs: 5, oldestMs: null });
const idsOf = (page: FetchPage) => page.raw.map((raw) => (raw.kind === 'gmail-message' ? raw.message.id! : ''));

async function collect(pages: AsyncIterable<FetchPage>, stopAfter = Infinity): Promise<FetchPage[]> {
  const out: FetchPage[] = [];
  for await (const page of pages) {
    out.push(page);
    if (out.length >= stopAfter) break;
  }
  return out;
}

describe('Gmail fills', () => {
  it('hands over the newest first in pages (a small first one), and the last page ends the fill with how far it reached', async () => {
    const box = mailbox(260, 120);
    const pages = await collect(fillPages({ historyId: '9' }, fill(2000), box.source, { first: 25, rest: 100 }, { value: true }, 'sync'));
    expect(pages.map((page) => page.raw.length)).toEqual([25, 95, 100, 20, 20]);
    expect(pages.flatMap(idsOf)).toEqual(box.ids);
    expect(pages.at(-1)!.cursor).toEqual({ historyId: '9', fill: null, reachedMs: 5, exhausted: false });
    // Mid-listing-page cursors keep that page's token; the page that ends it moves to the next token.
    expect((pages[0]!.cursor as GmailCursor).fill).toMatchObject({ pageToken: null, listed: 0 });
    expect((pages[1]!.cursor as GmailCursor).fill).toMatchObject({ pageToken: 'm0120', listed: 120 });
  });

  it('resumes from any page\'s cursor with exactly what was not saved, fetching nothing saved again', async () => {
    const box = mailbox(260, 120);
    const sizes = { first: 25, rest: 100 };
    const all = await collect(fillPages({ historyId: '9' }, fill(2000), box.source, sizes, { value: true }, 'sync'));
    for (let saved = 1; saved < all.length; saved += 1) {
      const again = mailbox(260, 120);
      for (const page of all.slice(0, saved)) for (const id of idsOf(page)) again.known.add(id);
      const cursor = all[saved - 1]!.cursor as GmailCursor;
      const rest = await collect(fillPages(cursor, cursor.fill!, again.source, sizes, { value: false }, 'sync'));
      expect(rest.flatMap(idsOf)).toEqual(box.ids.filter((id) => !again.known.has(id)));
      expect(again.fetched.filter((id) => again.known.has(id))).toEqual([]);
      expect(rest.at(-1)!.cursor).toMatchObject({ fill: null });
    }
  });

  it('stops at its limit and remembers the oldest message read; an older fill with nothing in it is exhausted', async () => {
    const box = mailbox(300);
    const pages = await collect(fillPages({ historyId: '9' }, fill(130), box.source, { first: 25, rest: 100 }, { value: true }, 'sync'));
    expect(pages.flatMap(idsOf)).toEqual(box.ids.slice(0, 130));
    expect(pages.at(-1)!.cursor).toEqual({ historyId: '9', fill: null, reachedMs: 1_000_000 - 129, exhausted: false });
    const empty = mailbox(0);
    const none = await collect(fillPages({ historyId: '9', reachedMs: 50 }, fill(100), empty.source, { first: 25, rest: 100 }, { value: false }, 'older'));
    expect(none).toHaveLength(1);
    expect(none[0]!.cursor).toEqual({ historyId: '9', fill: null, reachedMs: 5, exhausted: true });
  });
});

describe('Slack walks', () => {
  const base: SlackCursor = { since: '100.000000', userId: 'UME', teamUrl: 'https://x.slack.com/' };
  /** Mentions and two DMs, newest first; search pages of 3, history pages of 2. */
  function workspace() {
    const message = (channel: string, ts: number): RawMessage => ({ ts: `${ts}.000000`, user: 'UPAT', text: 'Can you?', channel: { id: channel } });
    const mentions = [1000, 990, 980, 970, 960].map((ts) => message('CGEN', ts));
    const dms: Record<string, RawMessage[]> = { D1: [995, 985, 975].map((ts) => message('D1', ts)), D2: [965, 955].map((ts) => message('D2', ts)) };
    const handed: string[] = [];
    const source: SlackPageSource = {
      async mentions(_fill, page) {
        return { matches: mentions.slice((page - 1) * 3, page * 3), more: page * 3 < mentions.length };
      },
      async directChannels() {
        return [{ id: 'D1', is_im: true }, { id: 'D2', is_im: true }];
      },
      async history(channelId, _fill, cursor) {
        const start = cursor === null ? 0 : Number(cursor);
        const all = dms[channelId]!;
        return { messages: all.slice(start, start + 2), next: start + 2 < all.length ? String(start + 2) : null };
      },
      async toPage(messages) {
        handed.push(...messages.map((entry) => `${entry.channel!.id}:${entry.ts}`));
        return { raw: [], quarantined: [] };
      },
    };
    return { source, handed };
  }

  it('walks mentions before DMs, page by page, and moves `since` only at the end', async () => {
    const { source, handed } = workspace();
    const pages = await collect(slackPages(base, newFill('sync', '100.000000', null, null, '900.000000'), source));
    expect(handed).toEqual(['CGEN:1000.000000', 'CGEN:990.000000', 'CGEN:980.000000', 'CGEN:970.000000', 'CGEN:960.000000', 'D1:995.000000', 'D1:985.000000', 'D1:975.000000', 'D2:965.000000', 'D2:955.000000']);
    expect(pages.slice(0, -1).every((page) => (page.cursor as SlackCursor).since === '100.000000')).toBe(true);
    expect(pages.at(-1)!.cursor).toMatchObject({ since: '900.000000', fill: null });
  });

  it('resumes from any page\'s cursor without handing over a saved page again', async () => {
    const whole = workspace();
    const pages = await collect(slackPages(base, newFill('sync', '100.000000', null, null, '900.000000'), whole.source));
    for (let saved = 1; saved < pages.length; saved += 1) {
      const again = workspace();
      const cursor = pages[saved - 1]!.cursor as SlackCursor;
      await collect(slackPages(cursor, cursor.fill!, again.source));
      // What the saved pages held is not handed over again; everything after them is.
      const handedBefore = await (async () => {
        const first = workspace();
        await collect(slackPages(base, newFill('sync', '100.000000', null, null, '900.000000'), first.source), saved);
        return first.handed;
      })();
      expect([...handedBefore, ...again.handed]).toEqual(whole.handed);
    }
  });

  it('stops at its limit and records how far back it read', async () => {
    const { source, handed } = workspace();
    const pages = await collect(slackPages(base, newFill('older', '100.000000', '2000.000000', 4, base.since), source));
    expect(handed).toHaveLength(4);
    expect(pages.at(-1)!.cursor).toMatchObject({ fill: null, reached: '970.000000', exhausted: false, since: '100.000000' });
  });
});
