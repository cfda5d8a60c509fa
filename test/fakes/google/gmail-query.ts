/**
 * A subset of Gmail's search language for `messages.list?q=`: enough for the filters a sync client
 * sends (is:, in:, label:, category:, from:/to:/subject:, has:attachment, newer_than:, after:,
 * before:, negation with '-', quoted phrases, free words). Unknown operators match as free words,
 * which is close to what Gmail does with text it does not understand.
 */
import { type MailHeader, headerValue } from './mime-parser';

/** What the matcher needs to know about a message. */
export interface QueryTarget {
  labelIds: string[];
  headers: MailHeader[];
  internalDate: number;
  searchText: string;
  hasAttachment: boolean;
}

/** Resolves a label name or id from a query (`label:work`) to an id; undefined when unknown. */
export type LabelResolver = (nameOrId: string) => string | undefined;

interface Term {
  negated: boolean;
  operator: string | undefined;
  value: string;
}

const categories: Record<string, string> = {
  primary: 'CATEGORY_PERSONAL',
  personal: 'CATEGORY_PERSONAL',
  social: 'CATEGORY_SOCIAL',
  promotions: 'CATEGORY_PROMOTIONS',
  updates: 'CATEGORY_UPDATES',
  forums: 'CATEGORY_FORUMS',
};

const folders: Record<string, string> = {
  inbox: 'INBOX',
  sent: 'SENT',
  drafts: 'DRAFT',
  spam: 'SPAM',
  trash: 'TRASH',
  starred: 'STARRED',
  important: 'IMPORTANT',
  chats: 'CHAT',
};

/** Splits a query into terms, keeping "quoted phrases" together. */
export function parseQuery(q: string): Term[] {
  const terms: Term[] = [];
  for (const match of q.matchAll(/(-?)(?:([a-zA-Z_]+):)?("([^"]*)"|\S+)/g)) {
    const [, minus = '', operator, raw = '', quoted] = match;
    const value = quoted ?? raw;
    if (!operator && /^(AND|OR)$/.test(value)) continue; // boolean words are not supported; ignoring beats mis-matching
    terms.push({ negated: minus === '-', operator: operator?.toLowerCase(), value: value.toLowerCase() });
  }
  return terms;
}

/** True when the query mentions spam or trash explicitly, which lifts Gmail's default exclusion. */
export function queryIncludesSpamTrash(q: string): boolean {
  return parseQuery(q).some((term) => term.operator === 'in' && ['spam', 'trash', 'anywhere'].includes(term.value) && !term.negated);
}

function relativeMs(value: string): number | undefined {
  const match = /^(\d+)([dmy])$/.exec(value);
  if (!match) return undefined;
  const days = { d: 1, m: 30, y: 365 }[match[2] as 'd' | 'm' | 'y'];
  return Number(match[1]) * days * 86_400_000;
}

function absoluteMs(value: string): number | undefined {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000; // epoch seconds
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

function hasLabel(target: QueryTarget, id: string | undefined): boolean {
  return id !== undefined && target.labelIds.includes(id);
}

function header(target: QueryTarget, name: string): string {
  return (headerValue(target.headers, name) ?? '').toLowerCase();
}

function matchesTerm(term: Term, target: QueryTarget, now: number, resolve: LabelResolver): boolean {
  const value = term.value;
  switch (term.operator) {
    case 'is':
      if (value === 'unread') return hasLabel(target, 'UNREAD');
      if (value === 'read') return !hasLabel(target, 'UNREAD');
      return hasLabel(target, folders[value] ?? value.toUpperCase());
    case 'in':
      if (value === 'anywhere') return true;
      return hasLabel(target, folders[value] ?? resolve(value));
    case 'label':
      return hasLabel(target, resolve(value));
    case 'category':
      return hasLabel(target, categories[value]);
    case 'from':
    case 'to':
    case 'cc':
    case 'subject':
      return header(target, term.operator).includes(value);
    case 'has':
      return value === 'attachment' ? target.hasAttachment : target.searchText.includes(value);
    case 'newer_than':
    case 'older_than': {
      const span = relativeMs(value);
      if (span === undefined) return false;
      return term.operator === 'newer_than' ? target.internalDate >= now - span : target.internalDate < now - span;
    }
    case 'after':
    case 'before': {
      const at = absoluteMs(value);
      if (at === undefined) return false;
      return term.operator === 'after' ? target.internalDate >= at : target.internalDate < at;
    }
    default:
      return target.searchText.includes(term.operator ? `${term.operator}:${value}` : value);
  }
}

/** True when every term of the query matches (Gmail joins terms with AND). */
export function matchesQuery(q: string, target: QueryTarget, now: number, resolve: LabelResolver): boolean {
  return parseQuery(q).every((term) => matchesTerm(term, target, now, resolve) !== term.negated);
}
