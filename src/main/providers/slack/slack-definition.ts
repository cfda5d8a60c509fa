/** The Slack provider: mentions and DMs as task sources (pushed over Socket Mode when set up), a reaction as write-back. */
import type { ProviderDefinition } from '../provider';
import { createSlackClient } from './slack-client';
import { createSlackOAuth } from './slack-oauth';
import { createSlackRealtime } from './slack-realtime';

/** Slack. */
export const slackProvider: ProviderDefinition = {
  type: 'slack',
  label: 'Slack',
  kind: 'oauth',
  itemType: 'slack_message',
  defaultSettings: { syncFrequencyMinutes: 15, autoGenerate: true, firstSyncDays: 30, firstSyncMaxItems: 2000, reaction: 'white_check_mark' },
  loadsOlder: true,
  credentials: {
    clientIdSetting: 'slackClientId',
    clientIdEnv: 'SLACK_CLIENT_ID',
    secretName: 'slackClientSecret',
    secretEnv: 'SLACK_CLIENT_SECRET',
    // A PKCE desktop app has no secret to keep; Slack does not ask for one in the exchange.
    secretRequired: false,
  },
  requiredScopes: ['im:history', 'search:read'],
  oauth: (context) => createSlackOAuth(context),
  writeBackActions(event, item, settings) {
    if (event !== 'done' || item.type !== 'slack_message') return [];
    return [{ kind: 'react', target: { channel: item.channelId, ts: item.ts, name: settings.reaction ?? 'white_check_mark' } }];
  },
  createClient: (context) => createSlackClient(context),
  realtime: (deps) => createSlackRealtime(deps),
};
