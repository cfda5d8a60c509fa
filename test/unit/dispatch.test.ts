import { describe, expect, it } from 'vitest';
import { CHANNELS, apiMethodName } from '../../src/shared/ipc-channels';
import { buildApi } from '../../src/shared/api-builder';
import { dispatch, type HandlerMap } from '../../src/main/ipc/dispatch';
import { ConflictError } from '../../src/main/errors';
import { createLogger, type LogRecord } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';

const records: LogRecord[] = [];
const logger = createLogger((record) => records.push(record), new Redactor(), () => new Date(0));

function handlers(overrides: Partial<HandlerMap>): HandlerMap {
  return overrides as HandlerMap;
}

describe('dispatch', () => {
  it('answers 404 for an unknown channel and 400 with the issue for bad input', async () => {
    expect((await dispatch(handlers({}), 'tasks:explode', {}, logger)).status).toBe(404);
    const bad = await dispatch(handlers({}), 'tasks:create', { title: 42 }, logger);
    expect(bad.status).toBe(400);
    expect(bad.reply).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^title:/) } });
    const extra = await dispatch(handlers({}), 'tasks:create', { title: 'x', taskId: 3 }, logger);
    expect(extra.status).toBe(400);
  });

  it('passes validated input to the handler', async () => {
    const result = await dispatch(handlers({ 'tasks:create': (input) => ({ echoed: input }) as never }), 'tasks:create', { title: '  padded  ' }, logger);
    expect(result).toEqual({ status: 200, reply: { ok: true, value: { echoed: { title: 'padded' } } } });
  });

  it('keeps an expected failure sentence and hides an unexpected one (no stack, no detail)', async () => {
    const conflict = await dispatch(handlers({ 'tasks:complete': () => { throw new ConflictError('This task is already done.'); } }), 'tasks:complete', { id: 1 }, logger);
    expect(conflict).toEqual({ status: 500, reply: { ok: false, error: { code: 'conflict', message: 'This task is already done.' } } });
    const crash = await dispatch(handlers({ 'tasks:list': () => { throw new Error('SQLITE_CORRUPT at /home/me/secret/path'); } }), 'tasks:list', undefined, logger);
    expect(crash.status).toBe(500);
    expect(JSON.stringify(crash.reply)).not.toMatch(/SQLITE|secret|at \//);
  });
});

describe('api builder', () => {
  it('exposes exactly one named function per channel plus onEvent', () => {
    const api = buildApi({ invoke: async () => ({ ok: true, value: null }), subscribe: () => () => undefined }) as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS.map(apiMethodName), 'onEvent'].sort());
    expect(apiMethodName('integrations:update-settings')).toBe('integrationsUpdateSettings');
    expect(apiMethodName('sync-logs:list')).toBe('syncLogsList');
  });

  it('turns an error reply into a thrown ApiError with its code', async () => {
    const api = buildApi({ invoke: async () => ({ ok: false, error: { code: 'conflict', message: 'No.' } }), subscribe: () => () => undefined });
    await expect(api.tasksList()).rejects.toMatchObject({ name: 'ApiError', code: 'conflict', message: 'No.' });
    expect(() => api.onEvent('nope' as never, () => undefined)).toThrow(/Unknown event/);
  });
});
