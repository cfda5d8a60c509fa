/** Builders of test records with sensible defaults. */
import { createZone } from '../../src/main/lib/time-zone';
import type { ManualClock } from '../../src/main/clock';
import type { NewSuggestion } from '../../src/main/db/suggestion-repository';
import type { ClockContext } from '../../src/main/services/suggestion-service';

/** The services' clock and zone over a test database's manual clock (UTC unless told). */
export function clockOf(t: { clock: ManualClock }, timeZone = 'UTC'): ClockContext {
  return { now: () => t.clock.now(), zone: () => createZone(timeZone) };
}

/** A suggestion for an email item `itemId`. */
export function makeSuggestion(integrationId: number, itemId: string, overrides: Partial<NewSuggestion> = {}): NewSuggestion {
  return {
    integrationId,
    itemType: 'email',
    itemId,
    threadKey: null,
    title: `Reply to ${itemId}`,
    description: '',
    priority: 'medium',
    deadline: null,
    tags: [],
    confidence: 0.7,
    reasoning: 'Asks for a reply.',
    model: 'test',
    flags: [],
    snapshot: { type: 'email', id: itemId, subject: `Subject ${itemId}`, link: `https://mail.google.com/mail/u/0/#inbox/${itemId}` },
    preview: null,
    ...overrides,
  };
}
