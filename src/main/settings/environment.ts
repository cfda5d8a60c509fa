/**
 * What the app reads from its environment, sorted by risk: variables that carry secrets (registered
 * with the redactor at start, so they never reach a log) and endpoint overrides (honoured only in
 * development and tests: a packaged build talks to the real services whatever the environment says).
 */
import type { Redactor } from '../logging/redactor';

/** The environment as the core reads it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Variables whose values are secrets. */
export const SECRET_ENVIRONMENT_VARIABLES = [
  'LLM_API_KEY',
  'GMAIL_CLIENT_SECRET',
  'GOOGLE_CALENDAR_CLIENT_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_APP_TOKEN',
  'INTEGRATION_ENCRYPTION_KEY',
] as const;

/**
 * Variables that point the app at other servers than the real ones (INTERFACES.md §4). Whoever can
 * set them could capture tokens, so packaged builds ignore them. LLM_BASE_URL is not one of them: it
 * is a documented user setting (a local Ollama, LM Studio) and is checked on its own.
 */
export const ENDPOINT_OVERRIDE_VARIABLES = [
  'GOOGLE_OAUTH_AUTH_URL',
  'GOOGLE_OAUTH_TOKEN_URL',
  'GOOGLE_OAUTH_REVOKE_URL',
  'GOOGLE_USERINFO_URL',
  'GOOGLE_API_ROOT_URL',
  'SLACK_OAUTH_AUTH_URL',
  'SLACK_API_URL',
] as const;

/** Registers every secret the environment carries with the redactor. */
export function registerEnvironmentSecrets(redactor: Redactor, env: Environment): void {
  for (const name of SECRET_ENVIRONMENT_VARIABLES) {
    const value = env[name]?.trim();
    if (value) redactor.add(value);
  }
}

/** The environment the core uses, and the overrides it dropped (names only) so the log can say so. */
export interface EffectiveEnvironment {
  env: Environment;
  ignoredOverrides: string[];
}

/** Drops the endpoint overrides when the app is a packaged build; keeps everything otherwise. */
export function effectiveEnvironment(env: Environment, packaged: boolean): EffectiveEnvironment {
  if (!packaged) return { env, ignoredOverrides: [] };
  const kept: Record<string, string | undefined> = { ...env };
  const ignoredOverrides: string[] = [];
  for (const name of ENDPOINT_OVERRIDE_VARIABLES) {
    if (kept[name] !== undefined) ignoredOverrides.push(name);
    delete kept[name];
  }
  return { env: Object.freeze(kept), ignoredOverrides };
}
