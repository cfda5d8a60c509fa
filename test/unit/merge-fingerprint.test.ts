// What the fingerprint reads besides the engine's verdict: a time the item names itself (a chat reminder,
// an invitation's subject), the words that tell two commitments apart ("1:1", "Q3") or say nothing (the
// engine's "question about"), and the mailbox spelling of a name. Bounded on hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmailItem, SlackMessageItem } from '../../src/main/items/provider-item';
import { createZone } from '../../src/main/lib/time-zone';
import { contentWords, fingerprintOf } from '../../src/main/merge/fingerprint';
import { timeNamedIn, warmTimeReader } from '../../src/main/merge/text-time';

const PARIS = createZone('Europe/Paris');
const SELF = { addresses: new Set(['pat@example.com']), names: ['Pat Example'] };
// Monday 9 March 2026, 10:00 in Paris.
const SENT = Date.parse('2026-03-09T09:00:00Z');

function slack(text: string, overrides: Partial<SlackMessageItem> = {}): SlackMessageItem {
  return {
    type: 'slack_message', id: 's1', threadKey: 's1', link: null, date: new Date(SENT).toISOString(), contentFlags: [],
    channelId: 'D1', channelName: 'dana', isDirect: true, author: { id: 'U1', name: 'Dana Reyes' }, text, ts: '1773046800.000100', threadTs: null, threadContext: [],
    ...overrides,
  };
}

function email(subject: string, overrides: Partial<EmailItem> = {}): EmailItem {
  return {
    type: 'email', id: 'm1', threadKey: 't1', link: null, date: new Date(SENT).toISOString(), contentFlags: [],
    from: { name: 'Dana Reyes', address: 'dana@acme.com' }, to: [{ name: 'Pat Example', address: 'pat@example.com' }], cc: [],
    subject, bodyText: 'Hi Pat', snippet: '', labels: [], headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    ...overrides,
  };
}

const noDeadline = (title: string) => ({ title, deadline: null });

describe('timeNamedIn', () => {
  it('reads a day and time on the person clock, or in the zone the text names', () => {
    expect(timeNamedIn("can you bring the numbers to the design crit? it's Thursday at 9:30pm", PARIS, SENT)).toBe(Date.parse('2026-03-12T20:30:00Z'));
    expect(timeNamedIn('are we still on for the retro tomorrow at 3pm PST?', PARIS, SENT)).toBe(Date.parse('2026-03-10T23:00:00Z'));
    expect(timeNamedIn('Invitation: Q3 planning @ Wed Mar 11, 2026 11am - 12pm (UK time)', PARIS, SENT)).toBe(Date.parse('2026-03-11T10:00:00Z'));
  });

  it('takes a day without a time as its middle, and a time already past as it is (a reminder, not a due date)', () => {
    expect(timeNamedIn('confirmed the offsite for Friday, thanks!', PARIS, SENT)).toBe(Date.parse('2026-03-13T11:00:00Z'));
    expect(timeNamedIn('the standup today at 9am went long', PARIS, SENT)).toBe(Date.parse('2026-03-09T08:00:00Z'));
  });

  it('finds nothing in a text with no day or hour, or only a vague one', () => {
    expect(timeNamedIn('any news on the Northwind contract?', PARIS, SENT)).toBeNull();
    expect(timeNamedIn('let us plan it in March', PARIS, SENT)).toBeNull();
    expect(timeNamedIn('Thursday', PARIS, Number.NaN)).toBeNull();
  });

  it('never throws and stays fast on hostile text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), (text) => {
      const at = timeNamedIn(`${text} tomorrow at 3pm ${text}`, PARIS, SENT);
      expect(at === null || Number.isFinite(at)).toBe(true);
    }), { numRuns: 200 });
    const started = performance.now();
    timeNamedIn(`${'12:30 '.repeat(100_000)}`, PARIS, SENT);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

it('warms the time reader without reading anything into it', () => {
  warmTimeReader(PARIS);
  expect(timeNamedIn("it's Thursday at 9:30pm", PARIS, SENT)).toBe(Date.parse('2026-03-12T20:30:00Z'));
});

describe('fingerprintOf reads the time an item names', () => {
  it("takes a chat reminder's time when the engine read no deadline, as an inexact time", () => {
    const fingerprint = fingerprintOf(slack("<@USELF0001> can you bring the numbers to the design crit? it's Thursday at 9:30pm"), noDeadline('Bring the numbers to the design crit'), SELF, PARIS);
    expect(fingerprint).toMatchObject({ atMs: Date.parse('2026-03-12T20:30:00Z'), atExact: false });
  });

  it('reads no time from a flagged item (hidden text, injection wording): its words are an attacker\'s', () => {
    const flagged = slack("can you bring the numbers to the design crit? it's Thursday at 9:30pm", { contentFlags: ['hidden-text'] });
    expect(fingerprintOf(flagged, noDeadline('Bring the numbers'), SELF, PARIS).atMs).toBeNull();
  });

  it("reads an invitation's subject when it has no calendar part, and keeps the engine's deadline over any of it", () => {
    const invitation = email('Invitation: Q3 planning @ Wed Mar 11, 2026 11am - 12pm (UK time) (pat@example.com)');
    expect(fingerprintOf(invitation, noDeadline('Reply to Dana'), SELF, PARIS).atMs).toBe(Date.parse('2026-03-11T10:00:00Z'));
    expect(fingerprintOf(invitation, { title: 'Reply to Dana', deadline: '2026-03-10T16:00:00.000Z' }, SELF, PARIS).atMs).toBe(Date.parse('2026-03-10T16:00:00Z'));
  });

  it('reads no time from the digits of a mention or a link', () => {
    const fingerprint = fingerprintOf(slack('<@U12345678> see <https://acme.slack.com/archives/C1/p1773046800000100|this>'), noDeadline('Reply to Dana'), SELF, PARIS);
    expect(fingerprint.atMs).toBeNull();
  });
});

describe('the words and people a fingerprint compares', () => {
  it('keeps a one-on-one and a quarter, which tell two meetings of the same people apart', () => {
    expect(contentWords('1:1 Dana / Pat')).toEqual(['one-on-one', 'dana', 'pat']);
    expect(contentWords('Q3 planning')).toEqual(['q3', 'planning']);
    expect(contentWords('Q3 planning')).not.toEqual(contentWords('Q4 planning'));
  });

  it("drops the engine's own phrasing around a title", () => {
    expect(contentWords("Answer Dana's question about Pricing workshop")).toEqual(['dana', 'pricing', 'workshop']);
    expect(contentWords('Let Dana know if anything is unclear')).toEqual(['dana']);
  });

  it('spells a name the way mailboxes do, so a chat author meets their address', () => {
    const chat = fingerprintOf(slack('ping', { author: { id: 'U1', name: 'Mateo Silva' } }), noDeadline('Reply to Mateo'), SELF, PARIS);
    const mail = fingerprintOf(email('Budget', { from: { name: '', address: 'msilva@acme.com' } }), noDeadline('Send the budget'), SELF, PARIS);
    expect(chat.people).toContain('msilva');
    expect(mail.people).toContain('msilva');
  });
});
