/** The Gmail provider: Google sign-in with gmail.modify, unread inbox mail as items, mark read / archive. */
import { createGoogleOAuth, GOOGLE_SCOPES } from '../google/google-oauth';
import type { ProviderAction, ProviderDefinition } from '../provider';
import { createGmailClient } from './gmail-client';

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
  credentials: {
    clientIdSetting: 'gmailClientId',
    clientIdEnv: 'GMAIL_CLIENT_ID',
    secretName: 'gmailClientSecret',
    secretEnv: 'GMAIL_CLIENT_SECRET',
    secretRequired: true,
  },
  requiredScopes: [GOOGLE_SCOPES.gmailModify],
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
  createClient: (context) => createGmailClient(context, { unitsPerSecond: Number(context.env.GMAIL_QUOTA_UNITS_PER_SECOND) || undefined }),
};
