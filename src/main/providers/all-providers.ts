/** Every provider this version ships, in dashboard order. */
import { calendarFilesProvider } from './calendar-files/calendar-files-definition';
import { gmailProvider } from './gmail/gmail-definition';
import { googleCalendarProvider } from './google-calendar/calendar-definition';
import { mailFilesProvider } from './mail-files/mail-files-definition';
import type { ProviderDefinition } from './provider';
import { slackProvider } from './slack/slack-definition';

/** The providers registered in the app. */
export const allProviders: readonly ProviderDefinition[] = [gmailProvider, googleCalendarProvider, slackProvider, mailFilesProvider, calendarFilesProvider];
