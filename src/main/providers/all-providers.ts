/** Every provider this version ships, in dashboard order. */
import { calendarFilesProvider } from './calendar-files/calendar-files-definition';
import { gmailProvider } from './gmail/gmail-definition';
import { googleAccountFamily } from './google/google-account';
import { googleCalendarProvider } from './google-calendar/calendar-definition';
import { googleTasksProvider } from './google-tasks/tasks-definition';
import { mailFilesProvider } from './mail-files/mail-files-definition';
import type { AccountFamilySpec, ProviderDefinition } from './provider';
import { slackProvider } from './slack/slack-definition';

/** The providers registered in the app. */
export const allProviders: readonly ProviderDefinition[] = [gmailProvider, googleCalendarProvider, googleTasksProvider, slackProvider, mailFilesProvider, calendarFilesProvider];

/** The account families (one sign-in for several providers). */
export const allFamilies: readonly AccountFamilySpec[] = [googleAccountFamily];
