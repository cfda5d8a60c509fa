/**
 * The steps of the guided account set-ups, with the public console pages and the exact values to copy.
 * Google: a Desktop-app OAuth client in a project in Testing with yourself as a test user; Slack: an app
 * with PKCE, user scopes only and the three loopback redirect URLs (Slack matches them exactly).
 */
import type { ProviderType, SecretName } from '../../../../shared/models';
import { GOOGLE_SERVICE_SCOPES } from '../../../../shared/google-scopes';
import { SLACK_USER_SCOPES } from '../../../../shared/slack-scopes';
import type { ClientIdKind } from '../../lib/client-id-shape';
import type { GuideId } from '../../stores/onboarding-store';

/** One step: what to do, where (links open in the browser), and what to paste there. */
export interface SetupStep {
  title: string;
  text: string;
  links?: Array<{ label: string; url: string }>;
  copies?: Array<{ label: string; value: string }>;
}

/** A guided set-up. */
export interface SetupGuide {
  id: GuideId;
  title: string;
  intro: string;
  steps: SetupStep[];
  clientIdKind: ClientIdKind;
  clientIdSetting: 'gmailClientId' | 'slackClientId';
  /** The secret the provider needs, or null (Slack's PKCE exchange needs none). */
  secret: SecretName | null;
  /** A secret that turns on something extra (Slack's app-level token: Socket Mode), with its label. */
  optionalSecret?: { name: SecretName; label: string; hint: string };
  /** The provider whose client "Test" checks. */
  testProvider: ProviderType;
  /** What can be connected once the client works. */
  connect: Array<{ provider: ProviderType; label: string }>;
}

/** The events a Socket Mode app subscribes to on behalf of the person (see the README). */
export const SLACK_USER_EVENTS = ['message.im', 'message.mpim', 'message.channels', 'message.groups', 'reaction_added'];
/** The redirect URLs the Slack app must list, exactly. */
export const SLACK_REDIRECT_URLS = [53682, 53683, 53684].map((port) => `http://localhost:${port}/slack/callback`);

/** Google (Gmail, Calendar and Tasks). */
const google: SetupGuide = {
  id: 'google',
  title: 'Set up Google (Gmail, Calendar and Tasks)',
  intro: 'Google lets a desktop app read your mail only through an OAuth client you create in your own Google Cloud project. It is free and takes about five minutes; the app stays in “Testing”, which is fine for you alone.',
  steps: [
    { title: 'Create a project', text: 'Sign in to Google Cloud and create a project (any name, no billing needed). Make sure it is selected at the top of the page afterwards.', links: [{ label: 'New project', url: 'https://console.cloud.google.com/projectcreate' }] },
    {
      title: 'Turn on the Gmail, Calendar and Tasks APIs',
      text: 'Open each page and press Enable (Tasks only if you want approved tasks in Google Tasks).',
      links: [
        { label: 'Gmail API', url: 'https://console.cloud.google.com/apis/library/gmail.googleapis.com' },
        { label: 'Google Calendar API', url: 'https://console.cloud.google.com/apis/library/calendar-json.googleapis.com' },
        { label: 'Google Tasks API', url: 'https://console.cloud.google.com/apis/library/tasks.googleapis.com' },
      ],
    },
    { title: 'Set up the consent screen', text: 'In Google Auth Platform press Get started: any app name, your e-mail as support and contact address, audience External.', links: [{ label: 'Google Auth Platform', url: 'https://console.cloud.google.com/auth/overview' }] },
    {
      title: 'Add yourself as a test user',
      text: 'Under Audience, leave the app in Testing and add the Google account you will connect as a test user. Without this Google answers “Access blocked” (access_denied).',
      links: [{ label: 'Audience', url: 'https://console.cloud.google.com/auth/audience' }],
    },
    {
      title: 'Add the permissions',
      text: 'Under Data access press Add or remove scopes and add these three (paste them in the “Manually add scopes” box). Modify is needed to mark mail read and archive it when a task is done; Tasks to put approved tasks in Google Tasks.',
      links: [{ label: 'Data access', url: 'https://console.cloud.google.com/auth/scopes' }],
      copies: GOOGLE_SERVICE_SCOPES.map((scope) => ({ label: `scope ${scope}`, value: scope })),
    },
    {
      title: 'Create a Desktop app client',
      text: 'Under Clients press Create client, choose the application type “Desktop app” (not Web application) and create it. Keep the page with the client ID and secret open.',
      links: [{ label: 'Create client', url: 'https://console.cloud.google.com/auth/clients/create' }],
      copies: [{ label: 'application type', value: 'Desktop app' }],
    },
  ],
  clientIdKind: 'google',
  clientIdSetting: 'gmailClientId',
  secret: 'gmailClientSecret',
  testProvider: 'gmail',
  connect: [
    { provider: 'gmail', label: 'Connect Gmail' },
    { provider: 'google_calendar', label: 'Connect Google Calendar' },
  ],
};

/** Slack. */
const slack: SetupGuide = {
  id: 'slack',
  title: 'Set up Slack',
  intro: 'Slack lets a desktop app read your messages through a Slack app you create for your workspace. It needs no secret: the app signs in with PKCE.',
  steps: [
    { title: 'Create a Slack app', text: 'Press Create New App, choose From scratch, give it a name and pick your workspace.', links: [{ label: 'Your Slack apps', url: 'https://api.slack.com/apps' }] },
    {
      title: 'Add the redirect URLs',
      text: 'Under OAuth & Permissions → Redirect URLs add each of these three exactly as written (Slack matches them letter for letter), then press Save URLs.',
      copies: SLACK_REDIRECT_URLS.map((url) => ({ label: `redirect URL ${url}`, value: url })),
    },
    {
      title: 'Add the user scopes',
      text: 'Under OAuth & Permissions → Scopes, add these as User Token Scopes (not Bot Token Scopes).',
      copies: [{ label: 'all user scopes', value: SLACK_USER_SCOPES.join(',') }],
    },
    {
      title: 'Turn on PKCE',
      text: 'Still under OAuth & Permissions, enable PKCE. This marks the app as a public client, which a desktop app is; Slack cannot turn it off again without its support.',
      links: [{ label: 'Slack’s PKCE guide', url: 'https://docs.slack.dev/authentication/using-pkce' }],
    },
    {
      title: 'Optional: new messages within seconds (Socket Mode)',
      text: 'Under Socket Mode switch it on and generate an app-level token with the scope connections:write (it starts with xapp-). Under Event Subscriptions switch Enable Events on and, under Subscribe to events on behalf of users, add these events; then paste the token below. Without it the app checks Slack every minute.',
      copies: [{ label: 'all user events', value: SLACK_USER_EVENTS.join(',') }],
    },
    { title: 'Copy the client ID', text: 'Under Basic Information → App Credentials copy the Client ID (digits, a dot, digits). The App ID and the secrets are not needed.' },
  ],
  clientIdKind: 'slack',
  clientIdSetting: 'slackClientId',
  secret: null,
  optionalSecret: { name: 'slackAppToken', label: 'Slack app-level token (optional)', hint: 'xapp-…: turns on Socket Mode. It can also be added later in Settings.' },
  testProvider: 'slack',
  connect: [{ provider: 'slack', label: 'Connect Slack' }],
};

/** Every guide by id. */
export const SETUP_GUIDES: Readonly<Record<GuideId, SetupGuide>> = { google, slack };

/** The guide that sets up a provider's client, if it has one. */
export function guideFor(provider: ProviderType): GuideId | null {
  if (provider === 'gmail' || provider === 'google_calendar') return 'google';
  return provider === 'slack' ? 'slack' : null;
}
