/** The handler map: one thin function per channel, delegating to the services. */
import { AppError } from '../errors';
import type { PlatformServices } from '../platform-services';
import { checkExternalUrl } from '../security/external-url';
import type { AppServices } from '../services/app-services';
import type { HandlerMap } from './dispatch';

/** The facts and the one action the handlers need from the host. */
export type HandlerPlatform = Pick<PlatformServices, 'version' | 'dataDir' | 'platform' | 'headless' | 'openExternal' | 'pathPicker'>;

/** Builds the handler map served by Electron IPC and by the headless bridge alike. */
export function createHandlers(services: AppServices, platform: HandlerPlatform, notices: readonly string[]): HandlerMap {
  return {
    'app:info': () => ({ version: platform.version, dataDir: platform.dataDir, platform: platform.platform, headless: platform.headless, notices: [...notices], pathPicker: platform.pathPicker.mode }),
    'integrations:list': () => services.integrations.list(),
    'integrations:providers': () => services.integrations.providers(),
    'integrations:connect': (input) => services.connections.connect(input),
    'integrations:cancel-connect': ({ integrationId }) => services.connections.cancelConnect(integrationId),
    'integrations:disconnect': ({ integrationId }) => services.connections.disconnect(integrationId),
    'integrations:sync': ({ integrationId }) => services.integrations.syncNow(integrationId),
    'integrations:load-older': ({ integrationId }) => services.integrations.loadOlder(integrationId),
    'integrations:update-settings': ({ integrationId, settings }) => services.integrations.updateSettings(integrationId, settings),
    'integrations:remove': ({ integrationId }) => services.connections.remove(integrationId),
    'integrations:task-lists': ({ integrationId }) => services.accounts.taskLists(integrationId),
    'accounts:list': () => services.accounts.list(),
    'accounts:update': ({ accountId, label, colour }) => services.accounts.update(accountId, { label, colour }),
    'accounts:disconnect': ({ accountId }) => services.connections.disconnectAccount(accountId),
    'integrations:test-client': ({ provider }) => services.clientCheck.check(provider),
    'onboarding:try-sample': () => services.samples.connectSamples(),
    'dialog:pick-path': ({ kind }) => services.paths.pick(kind),
    'files:browse': ({ kind, path }) => services.paths.browse(kind, path),
    'suggestions:list': (input) => services.suggestions.list(input),
    'suggestions:approve': ({ id, edits }) => services.suggestions.approve(id, edits),
    'suggestions:dismiss': ({ id }) => services.suggestions.dismiss(id),
    'suggestions:approve-batch': (input) => services.suggestions.approveBatch(input),
    'suggestions:restore': ({ id }) => services.suggestions.restore(id),
    'suggestions:dismiss-batch': ({ ids }) => services.suggestions.dismissBatch(ids),
    'suggestions:restore-batch': ({ ids }) => services.suggestions.restoreBatch(ids),
    'suggestions:snooze': ({ id, until }) => services.suggestions.snooze(id, until),
    'suggestions:unmerge': ({ id, itemKey }) => services.suggestions.unmerge(id, itemKey),
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
    'sync-logs:list': (input) => services.integrations.syncLogs(input?.integrationId, input?.limit ?? 100),
    'outbox:list': (input) => services.outbox.list(input?.limit ?? 200),
    'outbox:retry': ({ id }) => services.outbox.retry(id),
    'settings:get': () => services.settings.view(),
    'settings:set': (patch) => services.settings.set(patch),
    'settings:set-secret': ({ name, value }) => services.settings.setSecret(name, value),
    'settings:clear-secret': ({ name }) => services.settings.clearSecret(name),
    'settings:test-llm': () => services.llmCheck(),
    'rules:list': () => services.rules.list(),
    'rules:set': (input) => services.rules.set(input),
    'rules:delete': ({ id }) => services.rules.remove(id),
    'rules:accept': ({ id }) => services.rules.accept(id),
    'stats:get': (input) => services.learning.stats(input?.since ?? null),
    'learning:status': () => services.learning.status(),
    'learning:reset': () => services.learning.reset(),
    'shell:open-external': async ({ url }) => {
      const checked = checkExternalUrl(url);
      if (!checked.ok) throw new AppError('invalid_input', `That link was not opened: it ${checked.problem}.`);
      // The parsed and re-serialised link is what leaves the app, never the string the renderer sent.
      await platform.openExternal(checked.url);
      return { opened: true };
    },
  };
}
