/**
 * A seeded generator of commitments that reach the person from several sources: meetings (a Calendar
 * event, its invitation email with or without the text/calendar part, a Slack reminder that may link
 * the event, a reply confirming it) and requests (an email, a Slack nudge that may link the thread, a
 * deadline on the calendar). Near misses are made on purpose: the same people in a different meeting,
 * the same title a week later, the same title with other people. Nothing is written by hand one by one.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { gmail_v1 } from '@googleapis/gmail';
import type { RawSlackMessage } from '../../src/main/content/slack-message';
import { createZone } from '../../src/main/lib/time-zone';
import { CANDIDATES, COMPANIES, MEETING_TITLES, PROJECTS, RECURRING_TITLES, REQUESTS, Random, makePeople, type CorpusPerson } from './corpus-vocabulary';
import { meetingSources, requestSources } from './corpus-sources';

/** One source item of a commitment, as its provider delivers it. */
export type CorpusSource =
  | { commitment: number; integration: 'gmail'; arrivalMs: number; variant: string; message: gmail_v1.Schema$Message }
  | { commitment: number; integration: 'calendar'; arrivalMs: number; variant: string; event: calendar_v3.Schema$Event }
  | { commitment: number; integration: 'slack'; arrivalMs: number; variant: string; message: RawSlackMessage };

/** One thing the person has to do or attend. */
export interface Commitment {
  id: number;
  kind: 'meeting' | 'request';
  title: string;
  /** The people in it besides the person (the first one organises or asks). */
  people: CorpusPerson[];
  /** When it happens (meeting start) or is due (request). */
  atMs: number;
  /** When its first message goes out. */
  firstMs: number;
  /** Which near miss it is of an earlier commitment, if any. */
  nearMissOf: { id: number; kind: 'same_title_next_week' | 'same_people_other_meeting' | 'same_title_other_people' } | null;
}

/** A generated corpus. */
export interface MergeCorpus {
  seed: number;
  commitments: Commitment[];
  sources: CorpusSource[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Monday 2 March 2026, 00:00 UTC: the corpus's first day. */
const EPOCH = Date.UTC(2026, 2, 2);

function fill(template: string, random: Random, people: CorpusPerson[]): string {
  return template
    .replace('{t}', random.pick(PROJECTS))
    .replace('{q}', String(random.int(1, 4)))
    .replace('{co}', random.pick(COMPANIES))
    .replace('{cand}', random.pick(CANDIDATES))
    .replace('{p}', people[0]!.first);
}

/** A meeting start: a weekday, 8:00-17:45 on the organiser's clock (mostly on the hour). */
function meetingStart(random: Random, dayOffset: number, organizer: CorpusPerson): number {
  const day = new Date(EPOCH + dayOffset * DAY);
  const weekday = day.getUTCDay();
  const date = new Date(day.getTime() + (weekday === 0 ? 1 : weekday === 6 ? 2 : 0) * DAY);
  const minute = random.pick([0, 0, 0, 30, 15, 45]);
  return createZone(organizer.zone).toInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), random.int(8, 17), minute);
}

/** Generates `count` commitments and every source item of each, with the given seed. */
export function generateCorpus(seed: number, count = 300): MergeCorpus {
  const random = new Random(seed);
  const people = makePeople(random, 36);
  const teams = Array.from({ length: 12 }, () => random.sample(people, random.int(1, 4)));
  const commitments: Commitment[] = [];
  const sources: CorpusSource[] = [];
  // One team does not hold two meetings of the same name in one week, nor ask for the same thing twice in
  // it: such a pair would be one commitment. Near misses are a week apart, or with other people. Nor does
  // one organiser start two meetings within 90 minutes of each other (no one runs two meetings at once).
  const plausible = (candidate: Commitment) =>
    !commitments.some(
      (other) =>
        (other.title.toLowerCase() === candidate.title.toLowerCase() &&
          Math.abs(other.atMs - candidate.atMs) < 5 * DAY &&
          other.people.some((person) => candidate.people.includes(person))) ||
        (candidate.kind === 'meeting' && other.kind === 'meeting' && other.people[0] === candidate.people[0] && Math.abs(other.atMs - candidate.atMs) < 90 * MINUTE),
    );
  const add = (commitment: Commitment): boolean => {
    if (!plausible(commitment)) return false;
    commitments.push(commitment);
    sources.push(...(commitment.kind === 'meeting' ? meetingSources(random, commitment) : requestSources(random, commitment)));
    return true;
  };
  while (commitments.length < count) {
    const id = commitments.length + 1;
    const team = random.pick(teams);
    const dayOffset = random.int(0, 55);
    if (random.chance(0.55)) {
      const recurring = random.chance(0.2);
      const title = fill(random.pick(recurring ? RECURRING_TITLES : MEETING_TITLES), random, team);
      const atMs = meetingStart(random, dayOffset, team[0]!);
      const meeting: Commitment = { id, kind: 'meeting', title, people: team, atMs, firstMs: atMs - random.int(1, 9) * DAY - random.int(0, 8) * HOUR, nearMissOf: null };
      if (!add(meeting)) continue;
      if (commitments.length >= count) break;
      const nearMiss = random.next();
      if (recurring || nearMiss < 0.12) {
        const atNext = meeting.atMs + 7 * DAY;
        add({ ...meeting, id: id + 1, atMs: atNext, firstMs: atNext - random.int(1, 6) * DAY, nearMissOf: { id, kind: 'same_title_next_week' } });
      } else if (nearMiss < 0.24) {
        const otherTitle = fill(random.pick(MEETING_TITLES), random, team);
        if (otherTitle === title) continue;
        const at = meeting.atMs + random.pick([-2, -1, 1, 2, 3]) * DAY + random.int(-3, 3) * HOUR;
        add({ ...meeting, id: id + 1, title: otherTitle, atMs: at, firstMs: at - random.int(1, 7) * DAY, nearMissOf: { id, kind: 'same_people_other_meeting' } });
      } else if (nearMiss < 0.32) {
        const strangers = teams.filter((candidate) => !candidate.some((person) => team.includes(person)));
        if (strangers.length === 0) continue;
        const otherTeam = random.pick(strangers);
        const at = meetingStart(random, dayOffset + random.int(0, 3), otherTeam[0]!);
        add({ ...meeting, id: id + 1, people: otherTeam, atMs: at, firstMs: at - random.int(1, 7) * DAY, nearMissOf: { id, kind: 'same_title_other_people' } });
      }
    } else {
      const what = fill(random.pick(REQUESTS), random, team);
      const firstMs = EPOCH + dayOffset * DAY + random.int(7, 18) * HOUR + random.int(0, 59) * 60_000;
      const atMs = firstMs + random.int(1, 6) * DAY;
      if (!add({ id, kind: 'request', title: what, people: team, atMs, firstMs, nearMissOf: null })) continue;
      if (commitments.length < count && random.chance(0.15)) {
        // The same ask from the same person a few weeks later (next quarter's numbers, another review).
        const later = firstMs + random.int(14, 28) * DAY;
        add({ id: id + 1, kind: 'request', title: what, people: team, atMs: later + random.int(1, 5) * DAY, firstMs: later, nearMissOf: { id, kind: 'same_title_next_week' } });
      }
    }
  }
  sources.sort((a, b) => a.arrivalMs - b.arrivalMs);
  return { seed, commitments: commitments.slice(0, count), sources: sources.filter((source) => source.commitment <= count) };
}
