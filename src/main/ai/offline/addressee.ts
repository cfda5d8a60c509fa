/**
 * Who an email is addressed to: the person directly (To), as a copy (Cc), through a mailing list
 * (List-Id / List-Post, or a list-looking address), among many recipients, or by name in the
 * greeting. When the person's own addresses are unknown (an eval file without `self`), "the person"
 * is any named recipient, as a reader of the whole thread would judge it.
 */
import type { EmailItem, Person } from '../../items/provider-item';
import { askerName } from './title';

/** What the headers and the greeting say about the addressee. */
export interface Addressee {
  /** The message came through a mailing list. */
  list: boolean;
  /** People on To other than a list address. */
  toPeople: number;
  /** Everyone on To and Cc (list addresses included). */
  recipients: number;
  /** A group or list address is on To (a distribution, not a person). */
  toGroup: boolean;
  /** Where the person is: on To, on Cc, reached only through a list or a wide distribution, or unknown. */
  self: 'to' | 'cc' | 'indirect' | 'unknown';
  /** The message replies to an earlier one ("Re:" or an In-Reply-To header). */
  reply: boolean;
  /** The body opens by naming someone ("Hi Lei,", "John -"). */
  greetsName: string | null;
  /** That name is a recipient on To (or the person), so the text speaks to them. */
  greetsRecipient: boolean;
  /** The body opens with a greeting to a group ("Hi all", "Hello everyone", "Team,"). */
  greetsGroup: boolean;
}

// Mailing-list and group addresses: lists.example.org, example@googlegroups.com, dev-list@, all-staff@.
const LIST_DOMAIN = /^(?:lists?|groups|mailman|listserv)\.|(?:^|\.)googlegroups\.com$|(?:^|\.)groups\.io$/i;
const LIST_LOCAL = /(?:^|[-_.])(?:list|lists|discuss|discussion|devel|dev|users|announce|all|everyone|staff|team|group|community|members|general|committee|employees|everybody|participants|traders|managers)(?:$|[-_.])/i;
const GREETING_NAME = /^\s*(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Mm]orning|[Gg]ood (?:morning|afternoon|evening))[ \t]+)?([A-Z][\p{L}'-]{1,30})(?:[ \t]+[A-Z][\p{L}'-]{1,30})?[ \t]*[,:!-]/u;
const GREETING_GROUP =
  /^\s*(?:(?:hi|hello|hey|dear|greetings|morning|good (?:morning|afternoon|evening))[ \t]+)?(?:all|everyone|everybody|team|folks|guys|gang|colleagues|friends|people|y'all|list|maintainers|[a-z]+ers|[a-z]+ (?:team|group|folks|developers|community))\b[ \t]*[,:!.-]/i;
const NOT_NAMES = new Set(['hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'ok', 'okay', 'yes', 'no', 'sure', 'sorry', 'great', 'good', 'fyi', 'please', 'all', 'team', 'folks', 'guys', 'everyone', 'note', 'update', 'attached', 'see', 'well', 'so', 'also', 'agreed', 'done', 'right', 'correct']);

/** The address of a List-Post header ("<mailto:dev@lists.example.org>"), lower-cased, or null. */
export function listPostAddress(listPost: string | null | undefined): string | null {
  const match = /mailto:([^\s<>?,]{1,200})/i.exec((listPost ?? '').slice(0, 500));
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * The posting address a List-Id names by convention (RFC 2919: "<list.example.org>" is the list
 * "list" at "example.org"), lower-cased, or null.
 */
export function listIdAddress(listId: string | null | undefined): string | null {
  const match = /<([a-z0-9_+-]{1,100})\.([a-z0-9.-]{3,200})>/i.exec((listId ?? '').slice(0, 500));
  return match?.[1] && match[2]?.includes('.') ? `${match[1]}@${match[2]}`.toLowerCase() : null;
}

/** True for an address that looks like a mailing list or a group rather than a person. */
export function isGroupAddress(address: string, listAddress: string | null, otherListAddress: string | null = null): boolean {
  const lower = address.trim().toLowerCase();
  if (!lower) return false;
  if ((listAddress !== null && lower === listAddress) || (otherListAddress !== null && lower === otherListAddress)) return true;
  const at = lower.lastIndexOf('@');
  if (at < 0) return false;
  return LIST_DOMAIN.test(lower.slice(at + 1)) || LIST_LOCAL.test(lower.slice(0, at));
}

function firstNames(people: readonly Person[]): Set<string> {
  const names = new Set<string>();
  for (const p of people) {
    const name = askerName(p.name, p.address);
    if (name) names.add(name.toLowerCase());
    // "Lei YU", "Przemyslaw" / the local part's first piece covers "lyu@..." only weakly; the display name's parts all count.
    for (const part of (p.name ?? '').replace(/["']/g, '').split(/[\s,]+/)) if (part.length >= 2) names.add(part.toLowerCase());
  }
  return names;
}

/** Reads the addressee of an email. `self` holds the person's own addresses (lower-case; may be empty). */
export function addresseeOf(item: EmailItem, self: ReadonlySet<string>, ownText: string): Addressee {
  const listAddress = listPostAddress(item.headers.listPost);
  const idAddress = listIdAddress(item.headers.listId);
  const onList = Boolean(item.headers.listId || listAddress);
  const group = (p: Person): boolean => isGroupAddress(p.address, listAddress, idAddress);
  const groupTo = item.to.filter(group);
  const groupCc = item.cc.filter(group);
  const toPeople = item.to.filter((p) => !group(p));
  const list = onList || groupTo.length + groupCc.length > 0;
  const mine = (p: Person): boolean => self.has(p.address.trim().toLowerCase());
  let where: Addressee['self'] = 'unknown';
  if (self.size > 0) where = item.to.some(mine) ? 'to' : item.cc.some(mine) ? 'cc' : 'indirect';
  const opening = ownText.slice(0, 200);
  const nameMatch = GREETING_NAME.exec(opening);
  const name = nameMatch?.[1] && !NOT_NAMES.has(nameMatch[1].toLowerCase()) ? nameMatch[1] : null;
  const mineNames = self.size > 0 ? firstNames([...item.to, ...item.cc].filter(mine)) : firstNames(toPeople);
  return {
    list,
    toPeople: toPeople.length,
    recipients: item.to.length + item.cc.length,
    toGroup: groupTo.length > 0,
    self: where,
    // One run of spaces before the colon, whether or not a "[2]" comes first: two runs around an
    // optional group would try every split of a long run (test/unit/redos.test.ts).
    reply: /^\s*(?:re|aw|sv|antw)\s*(?:\[\d+\]\s*)?:/i.test(item.subject) || Boolean(item.headers.inReplyTo?.trim()),
    greetsName: name,
    greetsRecipient: name !== null && mineNames.has(name.toLowerCase()),
    greetsGroup: GREETING_GROUP.test(opening),
  };
}
