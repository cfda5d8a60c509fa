/** The Gmail provider: Google sign-in with gmail.modify, unread inbox mail as items (pushed through Pub/Sub when set up), mark read / archive. */
import { GOOGLE_CLIENT_CREDENTIALS } from '../google/google-account';
import { createGoogleOAuth, GOOGLE_SCOPES } from '../google/google-oauth';
import type { ProviderAction, ProviderDefinition } from '../provider';
import { createGmailClient } from './gmail-client';
import { createGmailRealtime } from './gmail-realtime';

const unitsPerSecond = (env: Readonly<Record<string, string | undefined>>) => Number(env.GMAIL_QUOTA_UNITS_PER_SECOND) || 245;

/** Gmail. */
export const gmailProvider: ProviderDefinition = {
  type: 'gmail',
  label: 'Gmail',
  kind: 'oauth',
  itemType: 'email',
  defaultSettings: {
    syncFrequencyMinutes: 15,
    autoGenerate: true,
    filterLabels: ['INBOX'],
    firstSyncDays: 30,
    firstSyncMaxItems: 2000,
    query: '',
    markReadOnApprove: false,
    markReadOnDone: true,
    archiveOnDone: false,
  },
  family: 'google',
  credentials: GOOGLE_CLIENT_CREDENTIALS,
  requiredScopes: [GOOGLE_SCOPES.gmailModify],
  // Pulling Gmail's notifications from Pub/Sub needs the Pub/Sub scope: asked for only once push is set up.
  extraScopes: (settings) => (settings.pushTopic && settings.pushSubscription ? [GOOGLE_SCOPES.pubsub] : []),
  realtime: (deps) => createGmailRealtime(deps, unitsPerSecond(deps.context.env)),
  oauth: (context) => createGoogleOAuth(context, [GOOGLE_SCOPES.openid, GOOGLE_SCOPES.email, GOOGLE_SCOPES.gmailModify]),
  loadsOlder: true,
  writeBackActions(event, item, settings) {
    if (item.type !== 'email') return [];
    const target = { messageId: item.id };
    const actions: ProviderAction[] = [];
    if (event === 'approved' && settings.markReadOnApprove) actions.push({ kind: 'mark_read', target });
    if (event === 'done' && (settings.markReadOnDone ?? true)) actions.push({ kind: 'mark_read', target });
    if (event === 'done' && settings.archiveOnDone) actions.push({ kind: 'archive', target });
    return actions;
  },
  createClient: (context) => createGmailClient(context, { unitsPerSecond: unitsPerSecond(context.env) }),
};
