/** Google's endpoints, each overridable from the environment (README, environment variables) so tests use a fake. */

/** Resolved Google endpoints. */
export interface GoogleEndpoints {
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  userinfoUrl: string;
  /** Root for `/gmail/v1/...`, `/calendar/v3/...`, `/tasks/v1/...` and Pub/Sub's `/v1/projects/...`, always ending in '/'. */
  apiRootUrl: string;
}

/** Reads the endpoint overrides, falling back to Google's real addresses. */
export function googleEndpoints(env: Readonly<Record<string, string | undefined>>): GoogleEndpoints {
  const root = env.GOOGLE_API_ROOT_URL || 'https://gmail.googleapis.com/';
  return {
    authUrl: env.GOOGLE_OAUTH_AUTH_URL || 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL || 'https://oauth2.googleapis.com/token',
    revokeUrl: env.GOOGLE_OAUTH_REVOKE_URL || 'https://oauth2.googleapis.com/revoke',
    userinfoUrl: env.GOOGLE_USERINFO_URL || 'https://openidconnect.googleapis.com/v1/userinfo',
    apiRootUrl: root.endsWith('/') ? root : `${root}/`,
  };
}

const API_HOSTS = {
  gmail: 'https://gmail.googleapis.com/',
  calendar: 'https://www.googleapis.com/',
  tasks: 'https://tasks.googleapis.com/',
  pubsub: 'https://pubsub.googleapis.com/',
} as const;

/** Root URL of a Google API: the override for all of them, or each API's own host in production. */
export function apiRoot(env: Readonly<Record<string, string | undefined>>, api: keyof typeof API_HOSTS): string {
  if (env.GOOGLE_API_ROOT_URL) return googleEndpoints(env).apiRootUrl;
  return API_HOSTS[api];
}
