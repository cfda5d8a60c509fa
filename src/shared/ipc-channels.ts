/**
 * The names of every IPC channel and event, with no schema library attached,
 * so the sandboxed preload can import them without bundling zod.
 */

/** Request/response channels, `area:verb`. */
export const CHANNELS = [
  'app:info',
  'integrations:list',
  'integrations:providers',
  'integrations:connect',
  'integrations:cancel-connect',
  'integrations:disconnect',
  'integrations:sync',
  'integrations:load-older',
  'integrations:update-settings',
  'integrations:remove',
  'integrations:task-lists',
  'accounts:list',
  'accounts:update',
  'accounts:disconnect',
  'integrations:test-client',
  'onboarding:try-sample',
  'dialog:pick-path',
  'files:browse',
  'suggestions:list',
  'suggestions:approve',
  'suggestions:dismiss',
  'suggestions:approve-batch',
  'suggestions:restore',
  'suggestions:dismiss-batch',
  'suggestions:restore-batch',
  'suggestions:snooze',
  'suggestions:unmerge',
  'tasks:list',
  'tasks:create',
  'tasks:snooze',
  'tasks:quick-add',
  'tasks:quick-add-preview',
  'export:tasks',
  'tasks:update',
  'tasks:complete',
  'tasks:reopen',
  'tasks:delete',
  'sync-logs:list',
  'outbox:list',
  'outbox:retry',
  'settings:get',
  'settings:set',
  'settings:set-secret',
  'settings:clear-secret',
  'settings:test-llm',
  'shell:open-external',
  'rules:list',
  'rules:set',
  'rules:delete',
  'rules:accept',
  'stats:get',
  'learning:status',
  'learning:reset',
] as const;
/** A channel name. */
export type Channel = (typeof CHANNELS)[number];

/** Events pushed from main to the renderer. */
export const EVENTS = [
  'sync:progress',
  'suggestions:changed',
  'integrations:changed',
  'tasks:changed',
  'outbox:changed',
  'app:navigate',
  'rules:changed',
  'reminder:due',
] as const;
/** An event name. */
export type AppEvent = (typeof EVENTS)[number];

/** `tasks:create` -> `tasksCreate`: the name of the preload function serving a channel. */
export function apiMethodName(channel: Channel): string {
  return channel.replace(/[:-]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** True when a string names a known channel. */
export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

