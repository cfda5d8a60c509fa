/**
 * The Slack app's user scopes, in one place: the sign-in asks for them and the guided set-up tells the
 * person to add them, so the two cannot drift apart.
 */

/** User scopes: read DMs and mentions, names, read reactions (the reaction_added event) and add them. */
export const SLACK_USER_SCOPES: readonly string[] = [
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
  'search:read',
  'users:read',
  'reactions:read',
  'reactions:write',
];
