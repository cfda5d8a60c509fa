/** The handler map: one thin function per channel, delegating to the services of the core. */
import type { Core } from '../core';
import type { HandlerMap } from './dispatch';
import { ConflictError } from '../errors';
import { externalUrlProblem } from '../security/external-url';

/** Builds the handler map served by Electron IPC and by the headless bridge alike. */
export function createHandlers(core: Core): HandlerMap {
  const { services, platform } = core;
  return {
    'app:info': () => ({ version: platform.version, dataDir: platform.dataDir, platform: platform.platform, headless: platform.headless, notices: core.notices.map((notice) => notice.message) }),
    'integrations:list': () => services.integrations.list(),
    'integrations:providers': () => services.integrations.providers(),
    'integrations:connect': (input) => services.integrations.connect(input),
    'integrations:cancel-connect': ({ integrationId }) => services.integrations.cancelConnect(integrationId),
    'integrations:disconnect': ({ integrationId }) => services.integrations.disconnect(integrationId),
    'integrations:sync': ({ integrationId }) => services.integrations.syncNow(integrationId),
    'integrations:update-settings': ({ integrationId, settings }) => services.integrations.updateSettings(integrationId, settings),
    'integrations:remove': ({ integrationId }) => services.connections.remove(integrationId),
    'suggestions:list': (input) => services.suggestions.list(input),
    'suggestions:approve': ({ id, edits }) => services.suggestions.approve(id, edits),
    'suggestions:dismiss': ({ id }) => services.suggestions.dismiss(id),
    'suggestions:approve-batch': (input) => services.suggestions.approveBatch(input),
    'suggestions:restore': ({ id }) => services.suggestions.restore(id),
    'suggestions:dismiss-batch': ({ ids }) => services.suggestions.dismissBatch(ids),
    'suggestions:restore-batch': ({ ids }) => services.suggestions.restoreBatch(ids),
    'suggestions:snooze': ({ id, until }) => services.suggestions.snooze(id, until),
    'tasks:list': (input) => services.tasks.list(input),
    'tasks:create': (input) => services.tasks.create(input),
    'tasks:snooze': ({ id, until }) => services.tasks.snooze(id, until),
    'tasks:quick-add': ({ text }) => services.tasks.quickAdd(text),
    'tasks:quick-add-preview': ({ text }) => services.tasks.quickAddPreview(text),
    'export:tasks': (input) => services.exports.tasks(input),
    'tasks:update': ({ id, edits }) => services.tasks.update(id, edits),
    'tasks:complete': ({ id }) => services.tasks.complete(id),
    'tasks:reopen': ({ id }) => services.tasks.reopen(id),
    'tasks:delete': ({ id }) => services.tasks.remove(id),
    'sync-logs:list': (input) => core.repos.syncLogs.list(input?.integrationId, input?.limit ?? 100),
    'outbox:list': (input) => services.outbox.list(input?.limit ?? 200),
    'outbox:retry': ({ id }) => services.outbox.retry(id),
    'settings:get': () => services.settings.view(),
    'settings:set': (patch) => services.settings.set(patch),
    'settings:set-secret': ({ name, value }) => services.settings.setSecret(name, value),
    'settings:clear-secret': ({ name }) => services.settings.clearSecret(name),
    'settings:test-llm': () => services.llmCheck(),
    'shell:open-external': async ({ url }) => {
      const problem = externalUrlProblem(url);
      if (problem) throw new ConflictError(`That link was not opened: it ${problem}.`);
      await platform.openExternal(url);
      return { opened: true };
    },
  };
}
