/** The Google Calendar provider: upcoming events as items for preparation tasks (read-only). */
import { createGoogleOAuth, GOOGLE_SCOPES } from '../google/google-oauth';
import type { ProviderDefinition } from '../provider';
import { createCalendarClient } from './calendar-client';

/** Google Calendar (credentials fall back to Gmail's client, as the original description allows). */
export const googleCalendarProvider: ProviderDefinition = {
  type: 'google_calendar',
  label: 'Google Calendar',
  kind: 'oauth',
  itemType: 'calendar_event',
  family: 'google',
  defaultSettings: { syncFrequencyMinutes: 15, autoGenerate: true, lookAheadDays: 7, prepTaskHours: 24, maxResults: 250 },
  credentials: {
    clientIdSetting: 'googleCalendarClientId',
    clientIdEnv: 'GOOGLE_CALENDAR_CLIENT_ID',
    secretName: 'googleCalendarClientSecret',
    secretEnv: 'GOOGLE_CALENDAR_CLIENT_SECRET',
    secretRequired: true,
    fallback: { clientIdSetting: 'gmailClientId', clientIdEnv: 'GMAIL_CLIENT_ID', secretName: 'gmailClientSecret', secretEnv: 'GMAIL_CLIENT_SECRET', secretRequired: true },
  },
  requiredScopes: [GOOGLE_SCOPES.calendarReadonly],
  oauth: (context) => createGoogleOAuth(context, [GOOGLE_SCOPES.openid, GOOGLE_SCOPES.email, GOOGLE_SCOPES.calendarReadonly]),
  writeBackActions: () => [],
  createClient: (context) => createCalendarClient(context),
};
