/**
 * What the similarity compares when no key links two items: the words of the commitment's title, the
 * people in it (the person themself left out: they are in everything), when it happens or is due, and
 * when the item was sent. Small and bounded, stored once per suggestion.
 */
import type { Person, ProviderItem } from '../items/provider-item';
import type { Zone } from '../lib/time-zone';
import { timeNamedIn } from './text-time';

/** The comparable facts of one suggestion. */
export interface Fingerprint {
  /** When the commitment happens or is due (event start, deadline), epoch ms, or null. */
  atMs: number | null;
  /** True when `atMs` is exact (an event's start, an invitation's start), false when read from text (the engine's deadline, else a time the item names). */
  atExact: boolean;
  /** When the item was sent or last changed, epoch ms, or null. */
  sentMs: number | null;
  /** Content words of the title (lower-case, accents folded, light stemming), unique. */
  words: string[];
  /** Tokens naming the people in the item: addresses and name parts, the person's own left out. */
  people: string[];
}

/** What the engine decided, as far as the fingerprint reads it. */
export interface FingerprintContent {
  title: string;
  deadline: string | null;
}

const MAX_WORDS = 40;
const MAX_PEOPLE = 60;
/** How much of a chat message counts as its "title". */
const CHAT_TITLE_CHARS = 300;

// Words that say nothing about which commitment an item is: function words, the verbs and phrases engines
// put in titles ("Answer Dana's question about ...", "Let Dana know if anything is unclear"), invitation
// boilerplate, and the calendar words a time already covers.
const STOPWORDS = new Set(
  `a an the and or but of to in on at by for from with about as into over after before up out off is are was were be been being it its this that these those
  i me my we our you your he she they them their his her us do does did done can could would should will shall may might must have has had not no yes
  please pls thanks thank hi hey hello dear re fw fwd aw invitation invite invited updated update accepted declined tentative tentatively new canceled cancelled
  reply respond answer follow following prepare prep attend join send sent check confirm confirmed get got make let know see look need needs want just also
  still quick ask asked asking meeting call chat sync today tonight tomorrow yesterday week weekly next this last morning afternoon evening noon eod eow
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  am pm gmt utc cet cest est edt pst pdt pt et ct bst ist jst aest aedt brt uk via google calendar zoom meet teams link
  event invited following together reminder deadline due time works work share news detail details waiting bring agenda minute minutes hour hours
  sweat smile pray tada thumbsup question questions unclear anything`
    .split(/\s+/)
    .filter(Boolean),
);
// Mailbox names that are nobody in particular.
const GENERIC_PEOPLE = new Set(['team', 'info', 'noreply', 'no-reply', 'calendar', 'notification', 'notifications', 'support', 'hello', 'admin', 'mail', 'mailer', 'invites', 'calendar-notification']);

/** Folds case and accents. */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

/** A word's comparable form: plural "s" dropped from longer words. */
function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** "1:1", "1-1", "1on1": a one-on-one is what the meeting is, though it is written in digits. */
const ONE_ON_ONE = new Set(['1:1', '1-1', '1on1', '1x1']);
/** A letter and a digit ("Q3", "H2", "V2") name which one of a kind: "Q3 planning" is not "Q4 planning". */
const CODE = /^\p{L}\d$/u;

/**
 * Content words of a text: addresses and links dropped, numbers and times dropped, stopwords dropped;
 * a one-on-one and short codes such as "Q3" kept.
 */
export function contentWords(text: string, limit = MAX_WORDS): string[] {
  const words = new Set<string>();
  for (const chunk of fold(text.slice(0, 4000)).split(/\s+/)) {
    if (chunk.includes('@') || chunk.startsWith('http') || chunk.startsWith('<')) continue;
    const pieces = ONE_ON_ONE.has(chunk.replace(/[^\p{L}\p{N}:-]/gu, '')) ? ['one-on-one'] : chunk.split(/[^\p{L}\p{N}]+/u);
    for (const raw of pieces) {
      if (!CODE.test(raw) && (raw.length < 3 || STOPWORDS.has(raw) || /^\d/.test(raw))) continue;
      words.add(stem(raw));
      if (words.size >= limit) return [...words];
    }
  }
  return [...words];
}

/**
 * Tokens of one person: the address, its local part's pieces, the words of the name, and the name as
 * mailboxes often spell it ("Mateo Silva" -> "msilva"), so a Slack name meets the address it writes from.
 */
function personTokens(person: Person): string[] {
  const address = fold(person.address.trim());
  const local = address.split('@')[0] ?? '';
  const names = fold(person.name ?? '').split(/[^\p{L}]+/u).filter(Boolean);
  const initialAndLast = names.length >= 2 && names.at(-1)!.length >= 2 ? [`${names[0]![0]}${names.at(-1)}`] : [];
  const pieces = [...local.split(/[._+-]+/), ...names, ...initialAndLast];
  const tokens = pieces.filter((piece) => piece.length >= 3 && !GENERIC_PEOPLE.has(piece) && !/\d/.test(piece));
  return address.includes('@') && !GENERIC_PEOPLE.has(local) ? [address, ...tokens] : tokens;
}

function peopleOf(item: ProviderItem, self: ReadonlySet<string>): string[] {
  const isSelf = (person: Person) => self.has(person.address.trim().toLowerCase());
  let people: Person[];
  switch (item.type) {
    case 'email':
      people = [item.from, ...item.to, ...item.cc];
      break;
    case 'calendar_event':
      people = [...(item.organizer ? [item.organizer] : []), ...item.attendees.filter((attendee) => !attendee.self)];
      break;
    case 'slack_message':
      people = [{ name: item.author.name, address: '' }];
      break;
  }
  const tokens = new Set<string>();
  for (const person of people.slice(0, 50)) {
    if (isSelf(person)) continue;
    for (const token of personTokens(person)) tokens.add(token);
  }
  return [...tokens].slice(0, MAX_PEOPLE);
}

/** The words an item's title is made of, before the engine's own title is added. */
function titleText(item: ProviderItem): string {
  switch (item.type) {
    case 'email':
      return item.subject;
    case 'calendar_event':
      return item.title;
    case 'slack_message':
      return item.text.slice(0, CHAT_TITLE_CHARS);
  }
}

function epoch(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** The person the fingerprint leaves out: their addresses (lower-case) and display names. */
export interface SelfIdentity {
  addresses: ReadonlySet<string>;
  names: readonly string[];
}

/** The words an item may name its time in: a chat message, an email's subject (an invitation's says when). */
function timeText(item: ProviderItem): string {
  switch (item.type) {
    case 'email':
      return item.subject;
    case 'calendar_event':
      return '';
    case 'slack_message':
      // Mentions and links (<@U0123>, <https://…|label>) hold digits that are no time.
      return item.text.slice(0, 2000).replace(/<[^<>]*>/g, ' ');
  }
}

/**
 * The fingerprint of a suggestion made from `item`, the person themself left out of its people and
 * words; `zone` is the person's, for the times an item names without one ("Thursday at 9:30").
 */
export function fingerprintOf(item: ProviderItem, content: FingerprintContent, self: SelfIdentity, zone: Zone): Fingerprint {
  // An event's start, an invitation's start (both exact), else the deadline the engine read, else a time the item names.
  const exact = item.type === 'calendar_event' ? epoch(item.start) : item.type === 'email' ? epoch(item.icalStart) : null;
  const sent = epoch(item.date);
  // Not for a flagged item (hidden text, injection wording): its text is the attacker's, not a reminder's.
  const named = sent !== null && item.contentFlags.length === 0 ? timeNamedIn(timeText(item), zone, sent) : null;
  const at = exact ?? epoch(content.deadline) ?? named;
  // "Hi Pat": the person's own name is in half their mail and says nothing about which commitment it is.
  const own = new Set(self.names.flatMap((name) => personTokens({ name, address: '' })));
  const people = peopleOf(item, self.addresses).filter((token) => !own.has(token));
  // Names in a title ("Follow up with Dana") are people, compared as people, not as what the commitment is.
  const names = new Set([...people, ...own].map(stem));
  return {
    atMs: at,
    atExact: exact !== null,
    sentMs: sent,
    words: contentWords(`${titleText(item)} ${content.title}`).filter((word) => !names.has(word)),
    people,
  };
}
