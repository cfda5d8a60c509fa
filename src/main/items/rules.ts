/**
 * The person's rules as a screening step: "never suggest from", "always suggest from" and "priority"
 * rules by sender, domain, mailing list, Slack channel or calendar. Pure: the sync engine runs it next
 * to the prefilter, before any engine, so an item a "never" rule skips costs no engine work at all.
 */
import type { Priority } from '../../shared/models';
import type { ProviderItem } from './provider-item';
import { prefilterReason } from './prefilter';

/** What a rule does. */
export type RuleAction = 'never' | 'always' | 'priority';
/** What a rule matches on. */
export type RuleScope = 'sender' | 'domain' | 'list' | 'channel' | 'calendar';

/** An active rule as the matcher needs it. */
export interface ScreeningRule {
  id: number;
  action: RuleAction;
  scope: RuleScope;
  /** Normalised with {@link normaliseRuleValue}. */
  value: string;
  priority: Priority | null;
}

/** What an item can be matched on; null where the item has no such thing. */
export interface RuleKeys {
  sender: string | null;
  domain: string | null;
  list: string | null;
  /** Slack channel ID, lower-cased. */
  channel: string | null;
  /** Slack channel name with its '#', lower-cased (rules may name a channel either way). */
  channelName: string | null;
  calendar: string | null;
}

const MAX_VALUE = 320;

/** The identifier inside a List-Id header ("Dev talk <dev.lists.example.org>" -> "dev.lists.example.org"). */
export function canonicalListId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.slice(0, 1000);
  const open = text.lastIndexOf('<');
  const close = text.lastIndexOf('>');
  const id = open >= 0 && close > open ? text.slice(open + 1, close) : text;
  const trimmed = id.trim().toLowerCase();
  return trimmed ? trimmed.slice(0, MAX_VALUE) : null;
}

/** The domain of an address ("dana@Mail.Acme.com" -> "mail.acme.com"), or null. */
export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  const domain = at >= 0 ? address.slice(at + 1).trim().toLowerCase() : '';
  return domain || null;
}

/** A rule value as stored and compared: trimmed, lower-cased, without decoration a person may type. */
export function normaliseRuleValue(scope: RuleScope, value: string): string {
  const trimmed = value.trim().slice(0, MAX_VALUE * 2);
  switch (scope) {
    case 'sender':
      return trimmed.replace(/^<|>$/g, '').trim().toLowerCase();
    case 'domain':
      return (domainOf(trimmed) ?? trimmed.replace(/^@/, '')).toLowerCase();
    case 'list':
      return canonicalListId(trimmed) ?? '';
    case 'channel':
    case 'calendar':
      return trimmed.toLowerCase();
  }
}

/** The keys of an item; `calendar` names the calendar (account) a calendar integration reads. */
export function ruleKeysOf(item: ProviderItem, calendar: string | null = null): RuleKeys {
  switch (item.type) {
    case 'email': {
      const sender = item.from.address.trim().toLowerCase() || null;
      return { sender, domain: domainOf(sender), list: canonicalListId(item.headers.listId), channel: null, channelName: null, calendar: null };
    }
    case 'slack_message':
      return {
        sender: item.author.id.trim().toLowerCase() || null,
        domain: null,
        list: null,
        channel: item.channelId.trim().toLowerCase() || null,
        channelName: item.channelName ? `#${item.channelName.trim().toLowerCase()}` : null,
        calendar: null,
      };
    case 'calendar_event': {
      const sender = item.organizer?.address.trim().toLowerCase() || null;
      return { sender, domain: domainOf(sender), list: null, channel: null, channelName: null, calendar: calendar?.trim().toLowerCase() || null };
    }
  }
}

/** The keys a stored suggestion keeps (sender, list, channel), read defensively from its snapshot. */
export function storedKeysOf(snapshot: unknown): { sender: string | null; list: string | null; channel: string | null } {
  const none = { sender: null, list: null, channel: null };
  if (snapshot === null || typeof snapshot !== 'object') return none;
  const item = snapshot as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().toLowerCase().slice(0, MAX_VALUE) : null);
  const field = (value: unknown, key: string) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
  switch (item.type) {
    case 'email':
      return { sender: text(field(item.from, 'address')), list: canonicalListId(typeof field(item.headers, 'listId') === 'string' ? (field(item.headers, 'listId') as string) : null), channel: null };
    case 'slack_message':
      return { sender: text(field(item.author, 'id')), list: null, channel: text(item.channelId) };
    case 'calendar_event':
      return { sender: text(field(item.organizer, 'address')), list: null, channel: null };
    default:
      return none;
  }
}

// A rule about one sender says more about the person's wish than one about their whole domain.
const SPECIFICITY: Record<RuleScope, number> = { sender: 4, list: 3, channel: 3, calendar: 2, domain: 1 };

function matches(rule: ScreeningRule, keys: RuleKeys): boolean {
  switch (rule.scope) {
    case 'sender':
      return keys.sender === rule.value;
    case 'domain':
      // A rule on acme.com also covers mail.acme.com.
      return keys.domain !== null && (keys.domain === rule.value || keys.domain.endsWith(`.${rule.value}`));
    case 'list':
      return keys.list === rule.value;
    case 'channel':
      return keys.channel === rule.value || keys.channelName === rule.value;
    case 'calendar':
      return keys.calendar === rule.value;
  }
}

/**
 * True when an active "always" rule covers mail from `address` (the sender or its domain), so a
 * provider's cheap bulk screen on headers alone must let the message through to the screening step.
 */
export function alwaysSuggestsFrom(address: string, rules: readonly ScreeningRule[]): boolean {
  const sender = address.trim().toLowerCase() || null;
  const keys: RuleKeys = { sender, domain: domainOf(sender), list: null, channel: null, channelName: null, calendar: null };
  return matchRules(keys, rules).filter?.action === 'always';
}

/** The rules that decide an item: at most one never/always rule (the most specific) and one priority rule. */
export interface RuleMatch {
  /** The winning "never" or "always" rule; on a tie between them "always" wins, so no task is lost. */
  filter: ScreeningRule | null;
  priority: ScreeningRule | null;
}

/** Finds the rules that apply to an item's keys. */
export function matchRules(keys: RuleKeys, rules: readonly ScreeningRule[]): RuleMatch {
  let filter: ScreeningRule | null = null;
  let priority: ScreeningRule | null = null;
  for (const rule of rules) {
    if (!matches(rule, keys)) continue;
    if (rule.action === 'priority') {
      if (!priority || SPECIFICITY[rule.scope] > SPECIFICITY[priority.scope]) priority = rule;
      continue;
    }
    const better = !filter || SPECIFICITY[rule.scope] > SPECIFICITY[filter.scope] || (SPECIFICITY[rule.scope] === SPECIFICITY[filter.scope] && rule.action === 'always');
    if (better) filter = rule;
  }
  return { filter, priority };
}

const SCOPE_WORDS: Record<RuleScope, string> = { sender: 'sender', domain: 'domain', list: 'mailing list', channel: 'channel', calendar: 'calendar' };

/** "never suggest from sender dana@acme.com": how a rule is named in reasons and the why of a suggestion. */
export function describeRule(rule: Pick<ScreeningRule, 'action' | 'scope' | 'value' | 'priority'>): string {
  const target = `${SCOPE_WORDS[rule.scope]} ${rule.value}`;
  if (rule.action === 'priority') return `priority ${rule.priority ?? 'medium'} for ${target}`;
  return `${rule.action} suggest from ${target}`;
}

/** The screening verdict on one item. */
export interface Screening {
  /** Why the item goes to no engine, or null. */
  skip: string | null;
  match: RuleMatch;
}

const NO_MATCH: RuleMatch = { filter: null, priority: null };

/**
 * Screens one item: a "never" rule skips it; an "always" rule sends it to the engine even when the
 * bulk-mail screen would not (but never the person's own mail, a cancelled or a declined event);
 * otherwise the prefilter decides.
 */
export function screenItem(item: ProviderItem, rules: readonly ScreeningRule[], selfAddresses: readonly string[], calendar: string | null = null): Screening {
  const match = rules.length > 0 ? matchRules(ruleKeysOf(item, calendar), rules) : NO_MATCH;
  if (match.filter?.action === 'never') return { skip: `your rule: ${describeRule(match.filter)}`, match };
  const reason = prefilterReason(item, selfAddresses);
  if (reason && match.filter?.action === 'always' && !isHardReason(item, selfAddresses)) return { skip: null, match };
  return { skip: reason, match };
}

/** Reasons no rule overrides: it is the person's own message, or the event is off. */
function isHardReason(item: ProviderItem, selfAddresses: readonly string[]): boolean {
  switch (item.type) {
    case 'email':
      return selfAddresses.some((self) => self.trim().toLowerCase() === item.from.address.trim().toLowerCase());
    case 'calendar_event':
      return item.status === 'cancelled' || item.selfResponse === 'declined';
    case 'slack_message':
      return false;
  }
}

/** The part of an engine's verdict the rules change. */
export interface RuledVerdict {
  needsAction: boolean;
  priority: Priority;
  reasoning: string;
}

/**
 * Applies a match to a verdict: "always" puts the item in the feed whatever the engine thought
 * (keeping its confidence, so a low one is not auto-approved), "priority" sets the priority; the
 * reasoning says which rule did it (the suggestion's "why").
 */
export function applyRuleMatch<V extends RuledVerdict>(verdict: V, match: RuleMatch): V {
  let result = verdict;
  const notes: string[] = [];
  if (match.filter?.action === 'always') {
    notes.push(`Your rule "${describeRule(match.filter)}" put it in the feed${verdict.needsAction ? '' : ' (the engine saw no request)'}.`);
    result = { ...result, needsAction: true };
  }
  if (match.priority?.priority) {
    notes.push(`Your rule "${describeRule(match.priority)}" set its priority.`);
    result = { ...result, priority: match.priority.priority };
  }
  if (notes.length === 0) return verdict;
  return { ...result, reasoning: `${notes.join(' ')} ${verdict.reasoning}`.trim() };
}

/** IDs of the rules that acted on an item (for their hit counts). */
export function ruleIdsOf(match: RuleMatch): number[] {
  return [match.filter?.id, match.priority?.id].filter((id): id is number => id !== undefined);
}
