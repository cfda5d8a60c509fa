/**
 * The word lists the merge corpus is drawn from: people (names, companies, Slack handles), teams, time
 * zones, topics and the phrasings of invitations, requests and chat. Everything the generator varies.
 */

/** A seeded random source (mulberry32): the same seed gives the same corpus on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** `count` distinct elements. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
  /** Lowercase hex of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  /** Base32hex (a-v, 0-9), as Google Calendar event ids are. */
  base32(length: number): string {
    let out = '';
    while (out.length < length) out += '0123456789abcdefghijklmnopqrstuv'[Math.floor(this.next() * 32)];
    return out;
  }
}

/** Someone the person works with. */
export interface CorpusPerson {
  first: string;
  last: string;
  email: string;
  /** What Slack shows as the author. */
  slackName: string;
  slackId: string;
  zone: string;
}

const FIRST = ['Dana', 'Priya', 'Marcus', 'Yuki', 'Sofia', 'Liam', 'Amara', 'Chen', 'Ingrid', 'Mateo', 'Fatima', 'Oliver', 'Hana', 'Diego', 'Noor', 'Lukas', 'Zoë', 'Kwame', 'Elena', 'Raj', 'Maya', 'Tomás', 'Aisha', 'Jonas', 'Leila', 'Sam', 'Camille', 'Arjun', 'Nina', 'Felix'];
const LAST = ['Whitfield', 'Sharma', 'Okafor', 'Tanaka', 'Rossi', 'Murphy', 'Mensah', 'Wei', 'Larsen', 'García', 'Haddad', 'Bennett', 'Kim', 'Fernández', 'Rahman', 'Schmidt', 'Müller', 'Asante', 'Petrova', 'Iyer', 'Cohen', 'Silva', 'Yusuf', 'Berg', 'Nasser', 'Taylor', 'Dubois', 'Patel', 'Novak', 'Weber'];
const DOMAINS = ['acme.example', 'globex.example', 'initech.example', 'umbrella.example', 'hooli.example'];
/** Zones of the people, so times are written from many clocks. */
export const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo'];
/** Short zone names written after times ("3pm PT"). */
export const ZONE_LABELS: Record<string, string> = {
  'America/Los_Angeles': 'PT', 'America/New_York': 'ET', 'Europe/London': 'UK time', 'Europe/Paris': 'CET', 'Europe/Berlin': 'CET',
  'Asia/Kolkata': 'IST', 'Asia/Tokyo': 'JST', 'Australia/Sydney': 'AEST', 'America/Sao_Paulo': 'BRT',
};

/** A pool of `count` distinct people. */
export function makePeople(random: Random, count: number): CorpusPerson[] {
  const people: CorpusPerson[] = [];
  const used = new Set<string>();
  while (people.length < count) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    if (used.has(`${first} ${last}`)) continue;
    used.add(`${first} ${last}`);
    const ascii = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    const domain = random.pick(DOMAINS);
    const local = random.pick([`${ascii(first)}.${ascii(last)}`, `${ascii(first)}`, `${ascii(first)[0]}${ascii(last)}`]);
    const slackName = random.pick([first, `${first} ${last}`, `${ascii(first)}.${ascii(last)}`, `${first} ${last[0]}.`]);
    people.push({ first, last, email: `${local}@${domain}`, slackName, slackId: `U${random.hex(8).toUpperCase()}`, zone: random.pick(ZONES) });
  }
  return people;
}

/** Topics of meetings and requests; `{p}` is a person's first name, `{t}` a project. */
export const PROJECTS = ['Atlas', 'Borealis', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Helix', 'Ion', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orion', 'Pulse'];
export const MEETING_TITLES = [
  'Q{q} planning', '{t} kickoff', '{t} design review', 'Budget review', '{t} roadmap', 'Interview: {cand} (backend engineer)', 'Interview: {cand} (product designer)',
  '1:1 {p} / Pat', '{t} retro', 'Pricing workshop', 'Board prep', 'Customer call: {co}', '{t} launch readiness', 'Hiring sync', 'Security review: {t}',
  'Offsite planning', 'Quarterly business review', '{t} demo', 'Contract negotiation with {co}', 'Onboarding plan for {cand}',
];
/** Titles that repeat week after week (the same-title-different-week near misses). */
export const RECURRING_TITLES = ['Weekly sync: {t}', 'Team standup review', '{t} weekly', 'Design crit', 'Marketing sync', 'Ops review'];
export const REQUESTS = [
  'the Q{q} budget numbers', 'your comments on the {t} proposal', 'the signed contract for {co}', 'the {t} launch checklist', 'the slides for the board meeting',
  'feedback on the {t} mockups', 'the updated headcount plan', 'the expense report for March', 'the security questionnaire from {co}', 'the draft press release for {t}',
  'the migration plan for {t}', 'the interview scorecard for {cand}', 'the vendor quote from {co}', 'the customer survey results', 'the renewal terms for {co}',
];
export const COMPANIES = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Proseware', 'Litware', 'Adatum'];
export const CANDIDATES = ['Alex Moreau', 'Jamie Lin', 'Robin Okoro', 'Casey Novak', 'Morgan Reyes', 'Taylor Brandt'];
