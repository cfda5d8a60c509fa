// The content worker makes slow or hostile content harmless to the app: an item over its deadline
// is quarantined with its reason and the worker replaced, a crashed worker is replaced, the rest of
// the page goes on, and the main thread keeps answering throughout. Runs the real pool and the real
// handler; only the faults are put in (test/fakes/worker/faulty-content-worker.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createSourceWorkerStarter } from '../../src/host/source-worker';
import { dispatch } from '../../src/main/ipc/dispatch';
import { ITEM_LIMITS } from '../../src/main/items/item-bounds';
import { silentLogger } from '../../src/main/logging/logger';
import { createContentPool, type ContentPool } from '../../src/main/sync/worker/content-pool';
import { CONTENT_WORKER_OPTIONS } from '../../src/main/sync/worker/protocol';
import { createScriptedAccount, scriptedEmail, scriptedProvider } from '../fakes/scripted/scripted-provider';
import { ROOT } from '../helpers/host';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

const startSource = createSourceWorkerStarter(ROOT);
const FAULTY = new URL('../fakes/worker/faulty-content-worker.ts', import.meta.url);
const REAL = new URL('../../src/main/sync/worker/content-worker.ts', import.meta.url);
const REQUEST = 'Could you please review the Q4 proposal and send me your comments by Friday?';

let pool: ContentPool | null = null;
let t: TestCore | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
  await t?.cleanup();
  t = null;
});

const raw = (subject: string, body = REQUEST) => ({ kind: 'gmail-message' as const, message: scriptedEmail(body, { subject }) });

describe('content pool', () => {
  it('replaces a crashed worker and goes on with the requests queued behind the item that crashed it', async () => {
    pool = createContentPool({ spawn: () => startSource(FAULTY, CONTENT_WORKER_OPTIONS), deadlineMs: 10_000, logger: silentLogger() });
    const outcomes = await Promise.all(['first', 'CRASH now', 'THROW now', 'last'].map((subject) => pool!.read(raw(subject), [])));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, kind: 'crashed', reason: expect.stringMatching(/^The reader stopped while trying to read \(the worker exited with code 3\)/) });
    expect(outcomes[2]).toMatchObject({ ok: false, kind: 'crashed', reason: expect.stringContaining('thrown outside the handler') });
    expect(outcomes[3]!.ok && outcomes[3]!.value.items[0]!.type).toBe('email');
    expect(pool.stats()).toEqual({ started: 3, crashes: 2, timeouts: 0 });
  });

  it('gives up with "unavailable" when the worker never loads, without blaming any item', async () => {
    pool = createContentPool({ spawn: () => startSource(FAULTY, { ...CONTENT_WORKER_OPTIONS, workerData: { neverReady: true } }), deadlineMs: 1000, logger: silentLogger() });
    const outcome = await pool.read(raw('hello'), []);
    expect(outcome).toMatchObject({ ok: false, kind: 'unavailable', reason: expect.stringContaining('this worker never loads') });
    expect(pool.stats().started).toBe(3);
  });

  it('sets aside a payload over its size limit without handing it to the worker', async () => {
    let spawned = 0;
    pool = createContentPool({ spawn: () => (spawned++, startSource(REAL, CONTENT_WORKER_OPTIONS)), deadlineMs: 1000, logger: silentLogger() });
    const outcome = await pool.read({ kind: 'slack-message', message: { ts: '1.1', threadTs: null, text: 'x'.repeat(2 * 1024 * 1024), channelId: 'D1', channelName: 'dm', isDirect: true, authorId: 'U1', authorName: 'Pat', threadContext: [], permalink: 'https://x.slack.com/' } }, []);
    expect(outcome).toMatchObject({ ok: false, kind: 'too-large', reason: 'It is larger than 1 MB, so it was not read.' });
    expect(spawned).toBe(0);
  });

  it('hands back every item bounded and screened: item bounds and sensitive flags are applied inside the worker', async () => {
    pool = createContentPool({ spawn: () => startSource(REAL, CONTENT_WORKER_OPTIONS), deadlineMs: 10_000, logger: silentLogger() });
    const message = scriptedEmail(`Please wire the payment to our new account today. ${'Lorem ipsum dolor sit amet. '.repeat(5_000)}`, { subject: `Invoice ${'x'.repeat(5_000)}` });
    message.payload!.headers!.push({ name: 'In-Reply-To', value: '<earlier@example.com>' }, { name: 'Message-ID', value: '<this@example.com>' });
    const outcome = await pool.read({ kind: 'gmail-message', message }, []);
    expect(outcome.ok).toBe(true);
    const item = outcome.ok ? outcome.value.items[0]! : null;
    if (item?.type !== 'email') throw new Error('expected an email item');
    expect(item.bodyText.length).toBeLessThanOrEqual(ITEM_LIMITS.body);
    expect(item.subject.length).toBeLessThanOrEqual(ITEM_LIMITS.line);
    expect(item.contentFlags).toContain('sensitive:payment');
    // What the bounds keep for threading and merging crosses back from the worker too.
    expect(item.headers?.inReplyTo).toContain('earlier@example.com');
    expect(item.references).toEqual([expect.stringContaining('earlier@example.com')]);
    expect(item.messageId).toContain('this@example.com');
  });

  it('holds the real reader to its deadline: a huge HTML body over its deadline is set aside, the next item is read', async () => {
    // The content step now cuts HTML at 10 MB and reads it in about a quarter of a second at most, so
    // the deadline here is set below that (the small message still reads in a few milliseconds).
    pool = createContentPool({ spawn: () => startSource(REAL, CONTENT_WORKER_OPTIONS), deadlineMs: 60, logger: silentLogger() });
    await pool.warm();
    const html = `<div>${'<p><b>Please</b> <i>review</i> <span>the</span> <a href="https://example.com">draft</a>.</p>'.repeat(100_000)}</div>`;
    const [slow, fine] = await Promise.all([pool.read({ kind: 'gmail-message', message: scriptedEmail('', { subject: 'big', html }) }, []), pool.read(raw('small', 'Thanks!'), [])]);
    expect(slow).toMatchObject({ ok: false, kind: 'timeout', reason: 'It took longer than 60 ms to read, so it was set aside.' });
    expect(fine).toMatchObject({ ok: true });
    // Each timeout replaces the worker. On a loaded machine the small read can miss 60 ms too (it is
    // then read again by a fresh worker), so the count is a lower bound, and one worker per timeout.
    const { started, timeouts } = pool.stats();
    expect(timeouts).toBeGreaterThanOrEqual(1);
    expect(started).toBe(timeouts + 1);
  });
});

describe('a sync with hostile content', () => {
  it('quarantines an item that never finishes within its deadline while app:info keeps answering, and saves the rest of the page', async () => {
    const account = createScriptedAccount();
    account.items.push(
      scriptedEmail(REQUEST, { id: 'before', subject: 'Q4 proposal' }),
      scriptedEmail('Ignore me', { id: 'spin', subject: 'SPIN forever' }),
      scriptedEmail('Can you sign the contract and return it before Monday noon?', { id: 'after', subject: 'Contract' }),
      scriptedEmail('Goodbye', { id: 'crash', subject: 'CRASH the reader' }),
      scriptedEmail('Please send me the updated budget by end of day tomorrow.', { id: 'last', subject: 'Budget' }),
    );
    const deadlineMs = 1500;
    t = createTestCore({ providers: [scriptedProvider(account)], options: { contentDeadlineMs: deadlineMs, startContentWorker: () => startSource(FAULTY, CONTENT_WORKER_OPTIONS) } });
    t.core.settings.update({ autoApproveEnabled: false });
    await t.core.warmUp();
    // Probe the main thread every 50 ms through the contract, as a window would, for the whole sync.
    const lateness: number[] = [];
    let probing = true;
    const probes = (async () => {
      while (probing) {
        const planned = performance.now() + 50;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const reply = await dispatch(t!.core.handlers, 'app:info', undefined, silentLogger());
        expect(reply.status).toBe(200);
        lateness.push(performance.now() - planned);
      }
    })();
    const started = performance.now();
    const { integrationId } = await t.core.services.connections.connect({ provider: 'notion', options: { path: 'scripted' } });
    const log = await firstSync(t.core, integrationId, 60_000);
    const seconds = (performance.now() - started) / 1000;
    probing = false;
    await probes;

    expect(log).toMatchObject({ status: 'partial', itemsFetched: 5, itemsQuarantined: 2 });
    const reasons = Object.fromEntries(t.core.repos.providerItems.quarantined(integrationId).map((entry) => [entry.itemId, entry.reason]));
    expect(reasons).toEqual({ spin: `It took longer than ${deadlineMs} ms to read, so it was set aside.`, crash: expect.stringMatching(/^The reader stopped while trying to read/) });
    expect(t.core.services.suggestions.list().items.map((s) => s.itemId).sort()).toEqual(['after', 'before', 'last']);
    expect(t.core.services.contentPool.stats()).toMatchObject({ timeouts: 1, crashes: 1, started: 3 });
    // The spinning item held its worker for a whole deadline; the main thread answered all along.
    expect(seconds).toBeGreaterThan(deadlineMs / 1000);
    expect(lateness.length).toBeGreaterThanOrEqual(Math.floor((deadlineMs / 50) * 0.5));
    expect(Math.max(...lateness)).toBeLessThan(deadlineMs / 2);
  });
});
