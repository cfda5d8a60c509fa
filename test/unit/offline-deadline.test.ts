import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDeadline } from '../../src/main/ai/offline/deadline';
import { createZone } from '../../src/main/lib/time-zone';

const paris = createZone('Europe/Paris');
const newYork = createZone('America/New_York');
const at = (sentence: string, zone = paris, sent = '2025-03-05T09:14:00Z'): string | null => findDeadline(sentence, zone, new Date(sent))?.iso ?? null;

describe('offline engine: deadlines', () => {
  it('"by Friday 5pm" sent on a Wednesday in Paris is that Friday 17:00 Paris time', () => {
    expect(at('Could you please review the Q4 proposal by Friday 5pm?')).toBe('2025-03-07T16:00:00.000Z');
  });

  it('reads only the first 400 characters of a sentence (chrono costs time per character)', () => {
    expect(at(`Please send it by Friday. ${'May 1 please '.repeat(2_000)}`)).toBe('2025-03-07T16:00:00.000Z');
    // A deadline past the cut of a run-on hostile "sentence" is not looked for.
    expect(at(`${'lorem '.repeat(70)} please send it by Friday.`)).toBeNull();
  });

  it('a date alone means 17:00 local that day; morning means 09:00', () => {
    expect(at('Please send it by Friday.')).toBe('2025-03-07T16:00:00.000Z');
    expect(at('Send it tomorrow.')).toBe('2025-03-06T16:00:00.000Z');
    expect(at('Can you confirm by March 14?')).toBe('2025-03-14T16:00:00.000Z');
    expect(at('Please have it ready Monday morning.')).toBe('2025-03-10T08:00:00.000Z');
  });

  it('EOD, COB and end of day mean 17:00 local, the next day once 17:00 has passed', () => {
    expect(at('I need your sign-off by EOD.')).toBe('2025-03-05T16:00:00.000Z');
    expect(at('Please reply by COB.', paris, '2025-03-05T17:30:00Z')).toBe('2025-03-06T16:00:00.000Z');
    expect(at('Sign the NDA by end of day so we can start on Monday.')).toBe('2025-03-05T16:00:00.000Z');
  });

  it('end of the week is Friday 17:00; end of the month its last day', () => {
    expect(at('Can you finish this by end of the week?')).toBe('2025-03-07T16:00:00.000Z');
    expect(at('Please file it by end of the month.')).toBe('2025-03-31T15:00:00.000Z');
  });

  it('an explicit zone in the text wins over the person\'s zone', () => {
    expect(at('Please send the final deck by 3pm EST Thursday.')).toBe('2025-03-06T20:00:00.000Z');
  });

  it('reads weekdays on the person\'s clock, not UTC', () => {
    // 23:30 UTC on Wednesday is already Thursday in Tokyo: "tomorrow" is Friday there.
    expect(at('Send it tomorrow.', createZone('Asia/Tokyo'), '2025-03-05T23:30:00Z')).toBe('2025-03-07T08:00:00.000Z');
    expect(at('Send it tomorrow.', createZone('UTC'), '2025-03-05T23:30:00Z')).toBe('2025-03-06T17:00:00.000Z');
  });

  it('crosses DST changes correctly (Paris spring forward, New York spring forward)', () => {
    // Sent Friday 28 March (CET, +1); Monday 31 March is CEST (+2).
    expect(at('Please reply by Monday.', paris, '2025-03-28T10:00:00Z')).toBe('2025-03-31T15:00:00.000Z');
    // Sent Saturday 8 March (EST, -5); Sunday 9 March 9am is EDT (-4).
    expect(at('Can you call me tomorrow at 9am?', newYork, '2025-03-08T15:00:00Z')).toBe('2025-03-09T13:00:00.000Z');
    // Autumn: sent Friday 31 October (EDT); Monday 3 November 17:00 is EST.
    expect(at('Please send it by Monday.', newYork, '2025-10-31T15:00:00Z')).toBe('2025-11-03T22:00:00.000Z');
  });

  it('"at 2" without am/pm is 2 pm; a 24-hour time stays as written', () => {
    expect(at('Can you send it by Thursday at 2?')).toBe('2025-03-06T13:00:00.000Z');
    expect(at('Please call by 06:30 tomorrow.')).toBe('2025-03-06T05:30:00.000Z');
  });

  it('gives no deadline for vague, past, or non-deadline dates', () => {
    expect(at('Can we meet next week?')).toBeNull();
    expect(at('Let us talk in March.')).toBeNull();
    expect(at('Here are the minutes from yesterday.')).toBeNull();
    expect(at('Please approve my PTO for March 20-21.')).toBeNull();
    expect(at('Can we move it to Thursday?')).toBeNull();
    expect(at('Check whether 12 months breaks anything.')).toBeNull();
    expect(at('No date here at all.')).toBeNull();
  });

  it('a time already past today means that time tomorrow', () => {
    // Sent 10:14 Paris time: "by 9am" can only be tomorrow's 9am.
    expect(at('Send it by 9am.', paris, '2025-03-05T09:14:00Z')).toBe('2025-03-06T08:00:00.000Z');
  });

  it('prefers a date introduced by "by" over another date in the sentence', () => {
    const found = findDeadline('For the Monday launch, please send the copy by Thursday.', paris, new Date('2025-03-05T09:14:00Z'));
    expect(found?.iso).toBe('2025-03-06T16:00:00.000Z');
    expect(found?.phrases).toContain('by Thursday');
  });
});

describe('offline engine: time zones', () => {
  it('moves a time skipped by DST forward and takes the first of a repeated time', () => {
    expect(new Date(paris.toInstant(2025, 3, 30, 2, 30)).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(new Date(paris.toInstant(2025, 10, 26, 2, 30)).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(new Date(newYork.toInstant(2025, 11, 2, 1, 30)).toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(createZone('Mars/Olympus').name).toBe('UTC');
  });

  it('round-trips every instant through its wall time (property)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'UTC'].map(createZone);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.integer({ min: 0, max: zones.length - 1 }), (ms, z) => {
        const zone = zones[z]!;
        const minute = Math.floor(ms / 60000) * 60000;
        const w = zone.wallAt(minute);
        const back = zone.toInstant(w.year, w.month, w.day, w.hour, w.minute);
        // A repeated wall time maps to its first occurrence, which may be earlier than the instant.
        expect(back === minute || (back < minute && zone.offsetAt(back) !== zone.offsetAt(minute))).toBe(true);
        const again = zone.wallAt(back);
        expect([again.year, again.month, again.day, again.hour, again.minute]).toEqual([w.year, w.month, w.day, w.hour, w.minute]);
      }),
      { numRuns: 500 },
    );
  });
});
