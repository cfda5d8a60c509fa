import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { silentLogger } from '../../src/main/logging/logger';
import { channelInputs } from '../../src/shared/ipc-contract';
import { makeSuggestion } from '../helpers/factories';
import { createTestCore, type TestCore } from '../helpers/test-core';

let test: TestCore;
afterEach(async () => test?.cleanup());

describe('array inputs are capped and deduplicated', () => {
  it('suggestions:list with a 40,000-entry status array is a clear 400, never a query of 40,000 variables', async () => {
    test = createTestCore();
    const status = Array.from({ length: 40_000 }, (_, i) => (['pending_approval', 'approved', 'dismissed', 'auto_approved'] as const)[i % 4]);
    const result = await dispatch(test.core.handlers, 'suggestions:list', { status }, silentLogger());
    expect(result.status).toBe(400);
    expect(result.reply).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^status/) } });
  });

  it('repeated statuses are read once', async () => {
    test = createTestCore();
    const parsed = channelInputs['suggestions:list'].parse({ status: ['approved', 'approved', 'dismissed', 'approved'] });
    expect(parsed?.status).toEqual(['approved', 'dismissed']);
    const result = await dispatch(test.core.handlers, 'suggestions:list', { status: ['approved', 'approved'] }, silentLogger());
    expect(result.status).toBe(200);
  });

  it('a batch naming one suggestion twice reviews it once instead of failing the whole batch', async () => {
    test = createTestCore();
    const integration = test.core.repos.integrations.create({ provider: 'mail_files', status: 'connected', settings: {} });
    const id = test.core.repos.suggestions.insert(makeSuggestion(integration.id, 'm1'));
    const result = await dispatch(test.core.handlers, 'suggestions:dismiss-batch', { ids: [id, id, id] }, silentLogger());
    expect(result.status).toBe(200);
    expect(result.reply).toMatchObject({ ok: true, value: [{ id, status: 'dismissed' }] });
  });

  it('every array in the contract has an upper bound', () => {
    const unbounded: string[] = [];
    const visit = (schema: unknown, path: string, seen: Set<unknown>): void => {
      if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return;
      if (def.type === 'array') {
        const checks = (def.checks as Array<{ _zod: { def: { check: string } } }> | undefined) ?? [];
        if (!checks.some((check) => check._zod.def.check === 'max_length')) unbounded.push(path);
      }
      for (const [key, value] of Object.entries(def)) {
        if (key === 'checks') continue;
        if (Array.isArray(value)) value.forEach((entry, i) => visit(entry, `${path}.${key}[${i}]`, seen));
        else if (key === 'shape' && value && typeof value === 'object') for (const [field, entry] of Object.entries(value)) visit(entry, `${path}.${field}`, seen);
        else visit(value, `${path}.${key}`, seen);
      }
    };
    for (const [channel, schema] of Object.entries(channelInputs)) visit(schema, channel, new Set());
    expect(unbounded).toEqual([]);
  });
});
