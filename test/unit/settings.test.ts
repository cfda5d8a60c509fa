import { describe, expect, it } from 'vitest';
import { createSettingsStore, defaultSettings, readSettings } from '../../src/main/settings/settings-store';

describe('settings', () => {
  it('keeps valid fields and falls back per field on bad ones', () => {
    const settings = readSettings({ autoApproveThreshold: 7, llmModel: 'gpt-4.1-mini', engine: 'nonsense', unknown: 1 }, defaultSettings('UTC'));
    expect(settings.autoApproveThreshold).toBe(0.85);
    expect(settings.llmModel).toBe('gpt-4.1-mini');
    expect(settings.engine).toBe('auto');
  });

  it('validates patches and persists them through the backend', () => {
    let stored: unknown = {};
    const store = createSettingsStore({ read: () => stored, write: (value) => (stored = value) }, 'Europe/Paris');
    expect(store.update({ autoApproveEnabled: false }).autoApproveEnabled).toBe(false);
    expect(stored).toMatchObject({ autoApproveEnabled: false, timeZone: 'Europe/Paris' });
    expect(() => store.update({ autoApproveThreshold: 2 })).toThrow();
    expect(store.get().autoApproveThreshold).toBe(0.85);
  });
});
