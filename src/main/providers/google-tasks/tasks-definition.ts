/**
 * The Google Tasks provider: a destination, not a source. Approved tasks are pushed to the list the
 * person picks, and changes made there (completed, edited, deleted) are pulled back. Offered through
 * a Google account's sign-in only.
 */
import { GOOGLE_CLIENT_CREDENTIALS } from '../google/google-account';
import { createGoogleOAuth, GOOGLE_SCOPES } from '../google/google-oauth';
import type { ProviderDefinition } from '../provider';
import { createTasksClient } from './tasks-client';

/** Google Tasks. */
export const googleTasksProvider: ProviderDefinition = {
  type: 'google_tasks',
  label: 'Google Tasks',
  kind: 'oauth',
  role: 'destination',
  family: 'google',
  standalone: false,
  defaultSettings: { syncFrequencyMinutes: 5, autoGenerate: false, taskListId: '@default' },
  credentials: GOOGLE_CLIENT_CREDENTIALS,
  requiredScopes: [GOOGLE_SCOPES.tasks],
  oauth: (context) => createGoogleOAuth(context, [GOOGLE_SCOPES.openid, GOOGLE_SCOPES.email, GOOGLE_SCOPES.tasks]),
  writeBackActions: () => [],
  createClient: (context) => createTasksClient(context),
};
