// The guided set-up tells the person which scopes to add to the consent screen; the sign-ins ask for
// scopes from the same module. A service whose scope the guide leaves out would be refused by Google.
import { describe, expect, it } from 'vitest';
import { allFamilies, allProviders } from '../../src/main/providers/all-providers';
import { GOOGLE_SCOPES, GOOGLE_SERVICE_SCOPES } from '../../src/shared/google-scopes';

describe('Google scopes shared by the sign-ins and the guided set-up', () => {
  const google = allFamilies.find((family) => family.family === 'google')!;

  it('the guide lists every scope a Google account service needs, and nothing else', () => {
    const needed = google.services.flatMap((service) => allProviders.find((definition) => definition.type === service)?.requiredScopes ?? []);
    expect([...new Set(needed)].sort()).toEqual([...GOOGLE_SERVICE_SCOPES].sort());
    expect(GOOGLE_SERVICE_SCOPES).toContain(GOOGLE_SCOPES.tasks);
  });

  it('push asks for Pub/Sub on top, a scope outside the basic guide', () => {
    const gmail = allProviders.find((definition) => definition.type === 'gmail')!;
    expect(gmail.extraScopes?.({ syncFrequencyMinutes: 15, autoGenerate: true, pushTopic: 'projects/p/topics/t', pushSubscription: 'projects/p/subscriptions/s' })).toEqual([GOOGLE_SCOPES.pubsub]);
    expect(GOOGLE_SERVICE_SCOPES).not.toContain(GOOGLE_SCOPES.pubsub);
  });
});
