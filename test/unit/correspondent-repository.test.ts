import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderItem } from '../../src/main/items/provider-item';
import { recipientsIfSentBy, senderKeyOf } from '../../src/main/items/sender-key';
import { EventBus } from '../../src/main/events';
import { createSuggestionService } from '../../src/main/services/suggestion-service';
import { clockOf, makeSuggestion } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

let t: TestDatabase;
beforeEach(() => (t = createTestDatabase()));
afterEach(() => t.close());

const email = { type: 'email', id: 'm1', from: { name: 'Ann', address: ' Ann@Partner.Example ' }, to: [{ name: null, address: 'me@example.com' }], cc: [] } as unknown as ProviderItem;
const event = { type: 'calendar_event', id: 'e1', organizer: { name: 'Bo', address: 'BO@corp.example' } } as unknown as ProviderItem;
const chat = { type: 'slack_message', id: 'C1:1', author: { id: 'U07ABC', name: 'Cy' } } as unknown as ProviderItem;
const nobody = { type: 'calendar_event', id: 'e2', organizer: null } as unknown as ProviderItem;

describe('known correspondents', () => {
  it('builds the same sender key in SQL as in code, for every item type', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    for (const item of [email, event, chat, nobody]) {
      const id = t.repos.suggestions.insert(makeSuggestion(integration.id, item.id, { itemType: item.type, snapshot: item }));
      expect(t.repos.correspondents.senderKeyOfSuggestion(id)).toBe(senderKeyOf(item));
    }
    expect([email, event, chat, nobody].map(senderKeyOf)).toEqual(['ann@partner.example', 'bo@corp.example', 'slack:u07abc', null]);
  });

  it('knows whom the person wrote to, normalised, once', () => {
    expect(t.repos.correspondents.recordWrittenTo([' Ann@Partner.Example', 'ann@partner.example', 'bo@corp.example'])).toBe(2);
    expect(t.repos.correspondents.recordWrittenTo(['ann@partner.example'])).toBe(0);
    expect(t.repos.correspondents.isKnown('ann@partner.example')).toBe(true);
    expect(t.repos.correspondents.isKnown('eve@attacker.example')).toBe(false);
  });

  it('learns the sender of an approved suggestion, not of a dismissed one', () => {
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    const service = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
    const approved = t.repos.suggestions.insert(makeSuggestion(integration.id, 'm1', { snapshot: email }));
    const dismissed = t.repos.suggestions.insert(makeSuggestion(integration.id, 'e1', { itemType: 'calendar_event', snapshot: event }));
    service.approve(approved);
    service.dismiss(dismissed);
    expect(t.repos.correspondents.isKnown('ann@partner.example')).toBe(true);
    expect(t.repos.correspondents.isKnown('bo@corp.example')).toBe(false);
  });

  it('reads the recipients of a message only when the person sent it', () => {
    const sent = { ...email, from: { name: null, address: 'ME@example.com' }, to: [{ name: null, address: 'Ann@partner.example' }], cc: [{ name: null, address: 'me@example.com' }] };
    expect(recipientsIfSentBy(sent as never, ['me@example.com'])).toEqual(['ann@partner.example']);
    expect(recipientsIfSentBy(email as never, ['me@example.com'])).toEqual([]);
  });
});
