// The similarity that merges items no key links: the invitation's start read from its calendar part,
// the fingerprint (the person themself left out), the fitted model's features, and the matcher's rules
// (keys first, one account never twice, times that contradict, two groups alike). Bounded on hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invitationOf } from '../../src/main/content/calendar-part';
import type { FingerprintRecord, GroupFacts, NearbyRow } from '../../src/main/db/merge-repository';
import type { CalendarEventItem, EmailItem } from '../../src/main/items/provider-item';
import { createZone } from '../../src/main/lib/time-zone';
import { contentWords, fingerprintOf } from '../../src/main/merge/fingerprint';
import { chooseGroup } from '../../src/main/merge/matcher';
import { nearbyWindow } from '../../src/main/merge/merge-step';
import { DEFAULT_SIMILARITY_MODEL, FEATURE_NAMES, pairFeatures, peopleOverlap, similarity, wordWeights } from '../../src/main/merge/similarity';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SELF = { addresses: new Set(['pat@example.com']), names: ['Pat Example'] };
const ZONE = createZone('Europe/Paris');
const AT = Date.parse('2026-03-10T14:00:00Z');

function email(overrides: Partial<EmailItem> = {}): EmailItem {
  return {
    type: 'email', id: 'm1', threadKey: 't1', link: null, date: new Date(AT - 3 * DAY).toISOString(), contentFlags: [],
    from: { name: 'Dana Reyes', address: 'dana@acme.com' }, to: [{ name: 'Pat Example', address: 'pat@example.com' }], cc: [],
    subject: 'Invitation: Kestrel roadmap review', bodyText: 'Hi Pat, see you there.', snippet: '', labels: [],
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    ...overrides,
  };
}

function event(overrides: Partial<CalendarEventItem> = {}): CalendarEventItem {
  return {
    type: 'calendar_event', id: 'e1', threadKey: 'e1', link: null, date: new Date(AT - 3 * DAY).toISOString(), contentFlags: [],
    title: 'Kestrel roadmap review', description: '', location: null, start: new Date(AT).toISOString(), end: new Date(AT + HOUR).toISOString(),
    allDay: false, conferenceLink: null, organizer: { name: 'Dana Reyes', address: 'dana@acme.com' },
    attendees: [{ name: 'Pat Example', address: 'pat@example.com', self: true, organizer: false, responseStatus: 'needsAction' }, { name: 'Dana Reyes', address: 'dana@acme.com', self: false, organizer: true, responseStatus: 'accepted' }],
    status: 'confirmed', selfResponse: 'needsAction', icalUid: 'uid-1@google.com',
    ...overrides,
  };
}

const content = (title: string, deadline: string | null = null) => ({ title, deadline });

describe('invitationOf', () => {
  it('reads the start as UTC, in its TZID, or as an all-day date', () => {
    expect(invitationOf('BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20260114T140000Z\r\nEND:VEVENT').start).toBe('2026-01-14T14:00:00.000Z');
    expect(invitationOf('BEGIN:VEVENT\nDTSTART;TZID="Europe/Paris":20260714T150000\nUID:u2\nEND:VEVENT')).toEqual({ uid: 'u2', start: '2026-07-14T13:00:00.000Z' });
    expect(invitationOf('BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260301\nEND:VEVENT').start).toBe('2026-03-01T00:00:00.000Z');
  });

  it('gives no start for a broken value and reads an unknown zone as UTC', () => {
    expect(invitationOf('BEGIN:VEVENT\nDTSTART:2026-01-14\nEND:VEVENT').start).toBeNull();
    expect(invitationOf('BEGIN:VEVENT\nDTSTART:20261399T250000Z\nEND:VEVENT').start).toBeNull();
    expect(invitationOf('BEGIN:VEVENT\nDTSTART;TZID=Mars/Olympus:20260114T140000\nEND:VEVENT').start).toBe('2026-01-14T14:00:00.000Z');
  });

  it('takes the UID and start of the first event only', () => {
    const two = 'BEGIN:VEVENT\nUID:first\nDTSTART:20260101T100000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:second\nDTSTART:20260202T100000Z\nEND:VEVENT';
    expect(invitationOf(two)).toEqual({ uid: 'first', start: '2026-01-01T10:00:00.000Z' });
  });

  it('never throws and stays fast on hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1000 }), (text) => {
        const found = invitationOf(`BEGIN:VEVENT\nDTSTART;${text}\n${text}`);
        expect(found.start === null || Number.isFinite(Date.parse(found.start))).toBe(true);
      }),
      { numRuns: 300 },
    );
    const started = performance.now();
    invitationOf(`BEGIN:VEVENT\nDTSTART;TZID=${'"'.repeat(200_000)}:${'1'.repeat(200_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('fingerprintOf', () => {
  it('takes an event start and an invitation start as exact times, a read deadline as inexact', () => {
    expect(fingerprintOf(event(), content('Prepare for Kestrel roadmap review'), SELF, ZONE)).toMatchObject({ atMs: AT, atExact: true });
    expect(fingerprintOf(email({ icalStart: new Date(AT).toISOString() }), content('Attend'), SELF, ZONE)).toMatchObject({ atMs: AT, atExact: true });
    const read = fingerprintOf(email(), content('Reply to Dana', '2026-03-11T09:00:00Z'), SELF, ZONE);
    expect(read).toMatchObject({ atMs: Date.parse('2026-03-11T09:00:00Z'), atExact: false });
  });

  it('leaves the person out of people and words, and keeps names in the title as people', () => {
    const fingerprint = fingerprintOf(email({ subject: 'Pat, Dana: Kestrel roadmap review' }), content('Follow up with Dana'), SELF, ZONE);
    expect(fingerprint.people).toEqual(expect.arrayContaining(['dana@acme.com', 'dana', 'reyes']));
    expect(fingerprint.people.some((token) => token.includes('pat'))).toBe(false);
    expect(fingerprint.words).toEqual(expect.arrayContaining(['kestrel', 'roadmap', 'review']));
    expect(fingerprint.words).not.toContain('dana');
    expect(fingerprint.words).not.toContain('pat');
  });

  it('bounds its words on a huge title', () => {
    const words = contentWords(Array.from({ length: 10_000 }, (_, index) => `word${String.fromCharCode(97 + (index % 26))}${index}x`).join(' '));
    expect(words.length).toBeLessThanOrEqual(40);
  });
});

describe('similarity', () => {
  const invitation = fingerprintOf(email({ icalStart: new Date(AT).toISOString() }), content('Attend Kestrel roadmap review'), SELF, ZONE);
  const calendar = fingerprintOf(event(), content('Prepare for Kestrel roadmap review'), SELF, ZONE);

  it('has one weight per feature and is symmetric', () => {
    expect(DEFAULT_SIMILARITY_MODEL.weights).toHaveLength(FEATURE_NAMES.length);
    expect(pairFeatures(invitation, calendar)).toHaveLength(FEATURE_NAMES.length);
    expect(similarity(invitation, calendar)).toBeCloseTo(similarity(calendar, invitation), 10);
  });

  // Next week's meeting is the matcher's hard rule (a time days apart), not a weight (chooseGroup below).
  it('scores an invitation and its event above the threshold, and other people with other words below it', () => {
    expect(similarity(invitation, calendar)).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_MODEL.threshold);
    const strangers = { ...calendar, people: ['sam@other.org', 'sam', 'lee'], words: ['budget', 'offsite'] };
    expect(similarity(invitation, strangers)).toBeLessThan(DEFAULT_SIMILARITY_MODEL.threshold);
  });

  it('names its features as the fitted model does (weights are read by position)', () => {
    expect(DEFAULT_SIMILARITY_MODEL.features).toEqual([...FEATURE_NAMES]);
  });

  it('compares people by address when both sides have addresses: a shared first name is not a shared person', () => {
    const noorMurphy = ['noor.murphy@acme.com', 'noor', 'murphy', 'nmurphy'];
    const noorNovak = ['noor.novak@globex.com', 'noor', 'novak', 'nnovak'];
    expect(peopleOverlap(noorMurphy, noorNovak)).toBe(0);
    expect(peopleOverlap(noorMurphy, ['noor'])).toBe(1);
    expect(peopleOverlap(noorMurphy, [])).toBeNull();
    const features = pairFeatures({ ...calendar, people: noorMurphy }, { ...calendar, people: noorNovak });
    expect(features[FEATURE_NAMES.indexOf('people_containment')]).toBe(0);
    expect(features[FEATURE_NAMES.indexOf('people_disjoint')]).toBe(1);
  });

  it('counts what each title names that the other does not ("Q3 planning", "Q4 planning") and a title and time that agree', () => {
    const feature = (name: (typeof FEATURE_NAMES)[number], a: string[], b: string[]) => pairFeatures({ ...calendar, words: a }, { ...calendar, words: b })[FEATURE_NAMES.indexOf(name)];
    expect(feature('title_conflict_mass', ['q3', 'planning'], ['q4', 'planning'])).toBe(1);
    expect(feature('title_conflict_mass', ['planning'], ['q4', 'planning'])).toBe(0);
    expect(feature('title_and_time', ['kestrel', 'roadmap'], ['kestrel', 'roadmap'])).toBe(1);
  });

  it('weighs a word seen in every neighbour less than a rare one', () => {
    const neighbours = Array.from({ length: 20 }, (_, index) => ({ ...calendar, words: ['review', `other${index}`] }));
    const weight = wordWeights(neighbours);
    expect(weight('review')).toBeLessThan(weight('kestrel'));
    expect(weight('kestrel')).toBeLessThanOrEqual(1);
  });
});

describe('chooseGroup', () => {
  const fingerprint: FingerprintRecord = { atMs: AT, atExact: true, sentMs: AT - 3 * DAY, words: ['kestrel', 'roadmap', 'review'], people: ['dana@acme.com', 'dana', 'reyes'] };
  const row = (suggestionId: number, head: number, changes: Partial<FingerprintRecord> = {}): NearbyRow => ({ suggestionId, head, status: 'pending_approval', fingerprint: { ...fingerprint, ...changes } });
  const group = (accounts: number[], ...fingerprints: FingerprintRecord[]): GroupFacts => ({ accounts: new Set(accounts), fingerprints });
  const base = { integrationId: 1, linked: [], model: DEFAULT_SIMILARITY_MODEL };

  it('takes a key over any similarity, the oldest linked group, and folds other pending linked groups', () => {
    const linked = [
      { key: 'ical:u', suggestionId: 9, head: 9, status: 'pending_approval' as const, itemType: 'email' },
      { key: 'ical:u', suggestionId: 4, head: 3, status: 'pending_approval' as const, itemType: 'calendar_event' },
    ];
    const decision = chooseGroup(fingerprint, { ...base, linked, nearby: [row(7, 7)], groups: new Map([[7, group([2], fingerprint)]]) });
    expect(decision).toEqual({ head: 3, reason: 'Linked by the same calendar invitation.', alsoLinked: [9], score: null });
  });

  it('joins the one similar group of another account', () => {
    const decision = chooseGroup(fingerprint, { ...base, nearby: [row(7, 7)], groups: new Map([[7, group([2], fingerprint)]]) });
    expect(decision?.head).toBe(7);
    expect(decision?.score).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_MODEL.threshold);
    expect(decision?.reason).toMatch(/^Similar title, people and time \(\d+% alike\)\.$/);
  });

  it('never joins a group holding an item of the same account, or one whose exact time is another', () => {
    expect(chooseGroup(fingerprint, { ...base, nearby: [row(7, 7)], groups: new Map([[7, group([1], fingerprint)]]) })).toBeNull();
    const later = { ...fingerprint, atMs: AT + HOUR };
    expect(chooseGroup(fingerprint, { ...base, nearby: [row(7, 7, later)], groups: new Map([[7, group([2], later)]]) })).toBeNull();
    const nextWeek = { ...fingerprint, atMs: AT + 7 * DAY, atExact: false };
    expect(chooseGroup(fingerprint, { ...base, nearby: [row(7, 7, nextWeek)], groups: new Map([[7, group([2], nextWeek)]]) })).toBeNull();
  });

  it('leaves a suggestion alone when two groups are about as similar', () => {
    const groups = new Map([[7, group([2], fingerprint)], [8, group([3], fingerprint)]]);
    expect(chooseGroup(fingerprint, { ...base, nearby: [row(7, 7), row(8, 8)], groups })).toBeNull();
  });

  it('looks for candidates near the time, or near the sending time when there is none', () => {
    expect(nearbyWindow({ ...fingerprint, atMs: null, sentMs: null })).toBeNull();
    expect(nearbyWindow(fingerprint)).toMatchObject({ atFrom: AT - 3 * DAY, atTo: AT + 3 * DAY, limit: 300 });
  });
});
