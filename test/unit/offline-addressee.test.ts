import { describe, expect, it } from 'vitest';
import { EvalLineSchema, toProviderItem } from '../../scripts/lib/eval-items';
import { addresseeOf, isGroupAddress, listIdAddress, listPostAddress } from '../../src/main/ai/offline/addressee';
import { createOfflineEngine } from '../../src/main/ai/offline';
import { sentenceCues } from '../../src/main/ai/offline/sentence-cues';
import type { EmailItem } from '../../src/main/items/provider-item';
import { threadMessagesOf } from '../../src/main/items/thread-messages';
import { isFailure, type GeneratedSuggestion, type GenerationContext, type ThreadMessage } from '../../src/main/ai/types';

const engine = createOfflineEngine();
const ME = 'dana@northwind.example';
const context: GenerationContext = { now: new Date('2025-03-05T12:00:00Z'), timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [ME] };

function email(extra: Record<string, unknown>): EmailItem {
  const line = { id: 'm1', kind: 'email', from: 'Sam Lee <sam.lee@northwind.example>', to: `Dana Whitfield <${ME}>`, subject: 'Q4', date: '2025-03-05T09:14:00Z', body: '', ...extra };
  return toProviderItem(EvalLineSchema.parse(line)) as EmailItem;
}

async function judge(extra: Record<string, unknown>, threads?: Map<string, ThreadMessage[]>): Promise<GeneratedSuggestion> {
  const entry = (await engine.generate([email(extra)], { ...context, threads })).results.get('m1');
  if (!entry || isFailure(entry)) throw new Error('no verdict');
  return entry;
}

describe('addressee: who the message speaks to', () => {
  const self = new Set([ME]);
  it('tells To from Cc from a list the person is only a member of', () => {
    expect(addresseeOf(email({}), self, '').self).toBe('to');
    expect(addresseeOf(email({ to: 'Sam <sam.lee@northwind.example>', cc: ME }), self, '').self).toBe('cc');
    const list = addresseeOf(email({ to: 'dev@lists.example.org', headers: { list_id: '<dev.lists.example.org>', list_post: '<mailto:dev@lists.example.org>' } }), self, '');
    expect(list).toMatchObject({ self: 'indirect', list: true, toPeople: 0 });
  });

  it('reads list and group addresses from List-Post and from the address itself', () => {
    expect(listPostAddress('<mailto:Dev@Lists.Example.org>')).toBe('dev@lists.example.org');
    expect(listPostAddress('NO')).toBeNull();
    expect(isGroupAddress('dev@lists.example.org', null)).toBe(true);
    expect(isGroupAddress('open-iscsi@googlegroups.com', null)).toBe(true);
    expect(isGroupAddress('all-staff@northwind.example', null)).toBe(true);
    expect(isGroupAddress('sam.lee@northwind.example', null)).toBe(false);
  });

  it('knows a reply by its subject prefix, numbered or spaced', () => {
    const reply = (subject: string) => addresseeOf(email({ subject }), self, '').reply;
    for (const subject of ['Re: Q4', 'RE : Q4', 'AW: Q4', 'Re[2]: Q4', 'Re [3]  : Q4', '  antw:Q4']) expect(reply(subject), subject).toBe(true);
    for (const subject of ['Q4', 'Regarding: Q4', 'Re Q4', 'Re[]: Q4', 'Fwd: Re: Q4']) expect(reply(subject), subject).toBe(false);
  });

  it('reads the posting address a List-Id names when there is no List-Post', () => {
    expect(listIdAddress('Tech talk <tech.example.org>')).toBe('tech@example.org');
    expect(listIdAddress('<localhost>')).toBeNull();
    expect(listIdAddress('no brackets here')).toBeNull();
    expect(listIdAddress(null)).toBeNull();
    const list = addresseeOf(email({ to: 'tech@example.org', headers: { list_id: 'Tech talk <tech.example.org>' } }), self, '');
    expect(list).toMatchObject({ toGroup: true, toPeople: 0 });
    expect(addresseeOf(email({ to: 'tech@example.org' }), self, '')).toMatchObject({ toGroup: false, toPeople: 1 });
  });

  it('knows a reply by its In-Reply-To header without a subject prefix', () => {
    expect(addresseeOf(email({ subject: 'Q4', headers: { in_reply_to: '<m0@northwind.example>' } }), self, '').reply).toBe(true);
  });

  it('counts recipients and reads the greeting', () => {
    const many = addresseeOf(email({ to: Array.from({ length: 12 }, (_, i) => `p${i}@northwind.example`) }), new Set(), 'Hi all, the office is closed Monday.');
    expect(many).toMatchObject({ recipients: 12, greetsGroup: true, greetsName: null });
    const named = addresseeOf(email({ to: 'Lei Yu <lei@x.example>' }), new Set(), 'Hi Lei,\nWhat is the purpose?');
    expect(named).toMatchObject({ greetsName: 'Lei', greetsRecipient: true });
    const other = addresseeOf(email({ to: 'Lei Yu <lei@x.example>' }), new Set(), 'Tom, can you rerun it?');
    expect(other).toMatchObject({ greetsName: 'Tom', greetsRecipient: false });
  });
});

describe('sentence cues: asks to the reader, to a group, or only conditionally', () => {
  it.each([
    ['Could you send me the log?', { modalYou: true, group: false, conditional: false }],
    ['Has anyone seen this error before?', { group: true }],
    ['Any thoughts?', { group: true }],
    ['I would appreciate any feedback you could give.', { group: false }],
    ['If you need the deck, let me know.', { conditional: true }],
    ['Let me know if you have any questions.', { conditional: true }],
    ['Will you advise if you have completed the trades?', { conditional: false, modalYou: true }],
    // The request comes first and the offer trails it: still a request.
    ['Please review the draft and let me know if you have questions.', { conditional: false, imperative: true }],
    ['I was wondering whether the patch made it into the release', { ask: true }],
    ['Is there a way to keep the old settings', { ask: true }],
    ['The release went out on Monday.', { ask: false }],
    ["I'll send the file tomorrow.", { commitment: true }],
    ['Please find attached the minutes.', { announcement: true, imperative: false, requestPhrase: false }],
    ['We are planning a face-to-face meeting, more details to come.', { announcement: true }],
  ])('%s', (sentence, expected) => {
    expect(sentenceCues(sentence)).toMatchObject(expected);
  });
});

describe('offline engine: message-level judgement', () => {
  const question = 'Hi,\n\nWhich version of the firmware are you running on the test rack?\n\nThanks,\nSam';

  it('a question sent to the person directly beats the same question sent only to a list', async () => {
    const direct = await judge({ body: question });
    const list = await judge({ body: question.replace('Hi,', 'Hi all,'), to: 'dev@lists.example.org', headers: { list_id: '<dev.lists.example.org>', list_post: '<mailto:dev@lists.example.org>' } });
    expect(direct.needsAction).toBe(true);
    expect(list.confidence).toBeLessThan(direct.confidence);
  });

  it('a question put to a whole list ("does anyone...") is not a task', async () => {
    const s = await judge({
      body: 'Hello everyone,\n\nDoes anyone know why the SEL logger writes duplicate records?\n\nThanks',
      to: 'dev@lists.example.org',
      headers: { list_id: '<dev.lists.example.org>', list_post: '<mailto:dev@lists.example.org>' },
    });
    expect(s.needsAction).toBe(false);
  });

  it('conditional offers and announcements are not tasks', async () => {
    const offer = await judge({ body: 'Hi Dana,\n\nThe deck is final now. If you want a copy of it, let me know and I can send it.\n\nBest,\nSam' });
    expect(offer.needsAction).toBe(false);
    const heads = await judge({
      body: 'Hi all,\n\nWe are planning a face-to-face meeting in the spring; more details to come.\n\nCheers,\nSam',
      to: Array.from({ length: 15 }, (_, i) => `p${i}@northwind.example`).concat(ME),
    });
    expect(heads.needsAction).toBe(false);
  });

  it('a request only in the quoted part is not new', async () => {
    const s = await judge({ body: 'Done, see attached.\n\n-----Original Message-----\nFrom: Dana\nSent: Monday\nTo: Sam\nSubject: Q4\n\nPlease send the Q4 numbers by Friday.' });
    expect(s.needsAction).toBe(false);
  });

  it('an ask the person already answered later in the thread is no longer a task', async () => {
    const body = 'Dana, could you send me the signed contract by Friday?';
    const open = await judge({ body, thread: 't1' });
    expect(open.needsAction).toBe(true);
    const threads = new Map([['t1', [{ from: 'sam.lee@northwind.example', date: '2025-03-05T09:14:00Z' }, { from: ME, date: '2025-03-05T11:00:00Z' }]]]);
    const answered = await judge({ body, thread: 't1' }, threads);
    expect(answered.needsAction).toBe(false);
    expect(answered.reasoning).toMatch(/already wrote in this thread/);
    // A reply by someone else, or one of the person's messages from before, does not count.
    const earlier = new Map([['t1', [{ from: ME, date: '2025-03-04T11:00:00Z' }, { from: 'tom@northwind.example', date: '2025-03-05T11:00:00Z' }]]]);
    expect((await judge({ body, thread: 't1' }, earlier)).needsAction).toBe(true);
  });

  it('reads the thread from what a fetch returned, the person\'s own reply included', async () => {
    const ask = email({ id: 'ask', body: 'Dana, could you send me the signed contract by Friday?', thread: 't2' });
    const reply = email({ id: 'reply', from: `Dana Whitfield <${ME}>`, to: 'Sam <sam.lee@northwind.example>', body: 'Sent, see attached.', thread: 't2', date: '2025-03-05T10:00:00Z' });
    const threads = threadMessagesOf([ask, reply]);
    expect(threads.get('t2')).toEqual([
      { from: 'sam.lee@northwind.example', date: '2025-03-05T09:14:00Z' },
      { from: ME, date: '2025-03-05T10:00:00Z' },
    ]);
    const entry = (await engine.generate([ask], { ...context, threads })).results.get('ask');
    expect(entry && !isFailure(entry) && entry.needsAction).toBe(false);
  });

  it('confidence is a probability for every verdict, including "no action"', async () => {
    for (const body of ['Thanks!', 'Could you review the draft by Friday?', 'FYI: the build is green.']) {
      const s = await judge({ body });
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });
});
