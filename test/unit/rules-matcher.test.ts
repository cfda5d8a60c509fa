import { describe, expect, it } from 'vitest';
import { applyRuleMatch, canonicalListId, matchRules, normaliseRuleValue, ruleKeysOf, screenItem, storedKeysOf, type ScreeningRule } from '../../src/main/items/rules';
import type { CalendarEventItem, SlackMessageItem } from '../../src/main/items/provider-item';
import { scriptedEmailItem } from '../fakes/scripted/scripted-provider';

const rule = (id: number, action: ScreeningRule['action'], scope: ScreeningRule['scope'], value: string, priority: ScreeningRule['priority'] = null): ScreeningRule => ({
  id,
  action,
  scope,
  value: normaliseRuleValue(scope, value),
  priority: action === 'priority' ? (priority ?? 'high') : null,
});

const newsletter = scriptedEmailItem('Register for our webinar by Friday.', {
  from: { name: 'Growth Weekly', address: 'Editor@News.Growth.example' },
  headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null, listId: 'Growth tips <tips.growth.example>' },
});
const slack: SlackMessageItem = {
  type: 'slack_message',
  id: 'C7:1.0',
  threadKey: null,
  date: null,
  link: null,
  channelId: 'C7RANDOM',
  channelName: 'random',
  isDirect: false,
  author: { id: 'U42', name: 'Sam' },
  text: 'Can someone look at this?',
  ts: '1.0',
  threadTs: null,
  threadContext: [],
  contentFlags: [],
};
const event: CalendarEventItem = {
  type: 'calendar_event',
  id: 'e1',
  threadKey: null,
  date: null,
  link: null,
  title: 'Planning',
  description: '',
  start: null,
  end: null,
  allDay: false,
  location: null,
  conferenceLink: null,
  organizer: { name: null, address: 'lead@acme.example' },
  attendees: [],
  status: 'confirmed',
  selfResponse: 'needsAction',
  contentFlags: [],
};

describe('rule values and item keys', () => {
  it('normalises what a person types', () => {
    expect(normaliseRuleValue('sender', ' <Dana@Acme.COM> ')).toBe('dana@acme.com');
    expect(normaliseRuleValue('domain', '@Acme.com')).toBe('acme.com');
    expect(normaliseRuleValue('domain', 'dana@acme.com')).toBe('acme.com');
    expect(normaliseRuleValue('list', 'Dev talk <dev.Lists.example.org>')).toBe('dev.lists.example.org');
    expect(normaliseRuleValue('channel', '#Random')).toBe('#random');
    expect(canonicalListId('  plain.list.example  ')).toBe('plain.list.example');
    expect(canonicalListId(null)).toBeNull();
  });

  it('reads each kind of item', () => {
    expect(ruleKeysOf(newsletter)).toEqual({ sender: 'editor@news.growth.example', domain: 'news.growth.example', list: 'tips.growth.example', channel: null, channelName: null, calendar: null });
    expect(ruleKeysOf(slack)).toMatchObject({ sender: 'u42', channel: 'c7random', channelName: '#random', domain: null });
    expect(ruleKeysOf(event, 'Me@Work.example')).toMatchObject({ sender: 'lead@acme.example', domain: 'acme.example', calendar: 'me@work.example' });
  });
});

describe('the keys a stored suggestion keeps', () => {
  it('match the matcher\'s keys, and tolerate a partial or odd snapshot', () => {
    expect(storedKeysOf(newsletter)).toEqual({ sender: 'editor@news.growth.example', list: 'tips.growth.example', channel: null });
    expect(storedKeysOf(slack)).toEqual({ sender: 'u42', list: null, channel: 'c7random' });
    expect(storedKeysOf(event)).toEqual({ sender: 'lead@acme.example', list: null, channel: null });
    expect(storedKeysOf({ type: 'email', id: 'm1' })).toEqual({ sender: null, list: null, channel: null });
    expect(storedKeysOf({ type: 'email', from: { address: 42 }, headers: { listId: ['x'] } })).toEqual({ sender: null, list: null, channel: null });
    expect(storedKeysOf(null)).toEqual({ sender: null, list: null, channel: null });
    expect(storedKeysOf('text')).toEqual({ sender: null, list: null, channel: null });
  });
});

describe('matching', () => {
  it('matches every scope, a domain rule covering subdomains', () => {
    const keys = ruleKeysOf(newsletter);
    expect(matchRules(keys, [rule(1, 'never', 'domain', 'growth.example')]).filter?.id).toBe(1);
    expect(matchRules(keys, [rule(1, 'never', 'list', 'tips.growth.example')]).filter?.id).toBe(1);
    expect(matchRules(keys, [rule(1, 'never', 'sender', 'editor@news.growth.example')]).filter?.id).toBe(1);
    expect(matchRules(keys, [rule(1, 'never', 'sender', 'other@news.growth.example'), rule(2, 'never', 'domain', 'wrowth.example')]).filter).toBeNull();
    expect(matchRules(ruleKeysOf(slack), [rule(3, 'never', 'channel', '#random')]).filter?.id).toBe(3);
    expect(matchRules(ruleKeysOf(slack), [rule(3, 'never', 'channel', 'C7RANDOM')]).filter?.id).toBe(3);
    expect(matchRules(ruleKeysOf(event, 'me@work.example'), [rule(4, 'always', 'calendar', 'me@work.example')]).filter?.id).toBe(4);
  });

  it('lets the more specific rule win, and "always" win a tie', () => {
    const keys = ruleKeysOf(newsletter);
    expect(matchRules(keys, [rule(1, 'never', 'domain', 'growth.example'), rule(2, 'always', 'sender', 'editor@news.growth.example')]).filter?.id).toBe(2);
    expect(matchRules(keys, [rule(1, 'always', 'domain', 'growth.example'), rule(2, 'never', 'list', 'tips.growth.example')]).filter?.id).toBe(2);
    expect(matchRules(keys, [rule(1, 'never', 'domain', 'growth.example'), rule(2, 'always', 'domain', 'news.growth.example')]).filter?.id).toBe(2);
    expect(matchRules(keys, [rule(1, 'priority', 'domain', 'growth.example', 'low'), rule(2, 'priority', 'sender', 'editor@news.growth.example', 'urgent')]).priority?.id).toBe(2);
  });
});

describe('screening', () => {
  it('a never rule skips the item and says which rule', () => {
    expect(screenItem(newsletter, [rule(9, 'never', 'list', 'tips.growth.example')], []).skip).toBe('your rule: never suggest from mailing list tips.growth.example');
  });

  it('an always rule gets past the bulk screen but never past "sent by you" or a declined event', () => {
    const bulk = scriptedEmailItem('Weekly digest', { from: { name: null, address: 'digest@acme.example' }, headers: { listUnsubscribe: '<mailto:u@acme.example>', precedence: 'bulk', autoSubmitted: null } });
    expect(screenItem(bulk, [], []).skip).toMatch(/mailing list/);
    expect(screenItem(bulk, [rule(1, 'always', 'sender', 'digest@acme.example')], []).skip).toBeNull();
    expect(screenItem(bulk, [rule(1, 'always', 'sender', 'digest@acme.example')], ['digest@acme.example']).skip).toBe('sent by you');
    const declined = { ...event, selfResponse: 'declined' as const };
    expect(screenItem(declined, [rule(2, 'always', 'sender', 'lead@acme.example')], []).skip).toBe('you declined the event');
  });

  it('applies always and priority to a verdict and says so in the reasoning', () => {
    const verdict = { needsAction: false, priority: 'medium' as const, reasoning: 'No sentence asks you to do anything.', confidence: 0.2 };
    const match = { filter: rule(1, 'always', 'sender', 'boss@acme.example'), priority: rule(2, 'priority', 'domain', 'acme.example', 'urgent') };
    const applied = applyRuleMatch(verdict, match);
    expect(applied).toEqual({
      needsAction: true,
      priority: 'urgent',
      confidence: 0.2,
      reasoning: 'Your rule "always suggest from sender boss@acme.example" put it in the feed (the engine saw no request). Your rule "priority urgent for domain acme.example" set its priority. No sentence asks you to do anything.',
    });
    expect(applyRuleMatch(verdict, { filter: null, priority: null })).toBe(verdict);
  });
});
