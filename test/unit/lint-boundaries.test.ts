// The architecture's import rules are enforced by ESLint; these cases prove each rule fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/host';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('import boundaries', () => {
  it("fails when core code imports 'electron'", async () => {
    const messages = await ruleIds(`import { app } from 'electron';\nexport const name = app.name;\n`, 'src/main/sync/sneaky.ts');
    expect(messages.join('\n')).toMatch(/no-restricted-imports: .*Only src\/main\/platform/);
  });

  it("allows 'electron' in platform/, index.ts and the preload", async () => {
    for (const file of ['src/main/platform/thing.ts', 'src/main/index.ts', 'src/preload/index.ts']) {
      const code = `import { app } from 'electron';\nvoid app;\n`;
      expect((await ruleIds(code, file)).filter((message) => message.startsWith('no-restricted-imports'))).toEqual([]);
    }
  });

  it('fails when the preload exposes or exports ipcRenderer', async () => {
    const exposed = await ruleIds(`import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('ipc', ipcRenderer);\n`, 'src/preload/index.ts');
    expect(exposed.join('\n')).toMatch(/Never expose ipcRenderer/);
    const exported = await ruleIds(`import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n`, 'src/preload/index.ts');
    expect(exported.join('\n')).toMatch(/exports nothing|Never expose/);
    const calling = await ruleIds(`import { ipcRenderer } from 'electron';\nvoid ipcRenderer.invoke('tasks:list', {});\n`, 'src/preload/index.ts');
    expect(calling.filter((message) => message.startsWith('no-restricted-syntax'))).toEqual([]);
  });

  it('fails when platform code other than platform/ipc.ts registers ipcMain handlers', async () => {
    const messages = await ruleIds(`import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n`, 'src/main/platform/tray.ts');
    expect(messages.join('\n')).toMatch(/platform\/ipc\.ts/);
  });

  it('fails when the renderer imports main code, Node modules or electron, or touches window.api directly', async () => {
    expect((await ruleIds(`import { createCore } from '../../main/core';\nvoid createCore;\n`, 'src/renderer/src/App.tsx')).join('\n')).toMatch(/nothing from main/);
    expect((await ruleIds(`import { readFileSync } from 'node:fs';\nvoid readFileSync;\n`, 'src/renderer/src/App.tsx')).join('\n')).toMatch(/No Node modules/);
    expect((await ruleIds(`import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n`, 'src/renderer/src/App.tsx')).join('\n')).toMatch(/window\.api/);
    expect((await ruleIds(`export const x = window.api;\n`, 'src/renderer/src/features/x.ts')).join('\n')).toMatch(/Only src\/renderer\/src\/api\.ts/);
  });
});

describe('layers inside main', () => {
  // [file linted, import it tries, expected message] - one case per rule in eslint.config.js.
  const cases: Array<[string, string, RegExp]> = [
    ['src/main/lib/thing.ts', '../items/provider-item', /lib\/ holds helpers/],
    ['src/main/items/thing.ts', '../content/item-scan', /items\/ is the bottom layer/],
    ['src/main/content/thing.ts', '../providers/provider', /content\/ parses untrusted content/],
    ['src/main/content/thing.ts', '../ai/types', /content\/ parses untrusted content/],
    ['src/main/content/thing.ts', '../sync/sync-engine', /content\/ parses untrusted content/],
    ['src/main/content/thing.ts', '../services/task-service', /content\/ parses untrusted content/],
    ['src/main/providers/gmail/thing.ts', '../../ai/types', /providers\/ may not import ai/],
    ['src/main/providers/thing.ts', '../sync/sync-engine', /providers\/ may not import ai/],
    ['src/main/providers/slack/thing.ts', '../../services/task-service', /providers\/ may not import ai/],
    ['src/main/ai/offline/thing.ts', '../../providers/provider', /ai\/ judges items/],
    ['src/main/ai/thing.ts', '../sync/sync-engine', /ai\/ judges items/],
    ['src/main/ai/llm/thing.ts', '../../services/task-service', /ai\/ judges items/],
    ['src/main/db/thing.ts', '../ai/types', /db\/ may not import ai/],
    ['src/main/db/thing.ts', '../sync/sync-engine', /db\/ may not import ai/],
    ['src/main/db/thing.ts', '../merge/merge-step', /db\/ may not import ai\/, merge/],
    ['src/main/merge/thing.ts', '../content/gmail-payload', /merge\/ matches stored suggestions/],
    ['src/main/merge/thing.ts', '../sync/sync-writer', /merge\/ matches stored suggestions/],
    ['src/main/ai/thing.ts', '../merge/item-keys', /ai\/ judges items/],
    ['src/main/sync/thing.ts', '../services/task-service', /sync\/ may not import services/],
    ['src/main/services/thing.ts', '../ipc/handlers', /services\/ may not import ipc/],
  ];
  for (const [file, target, message] of cases) {
    it(`${file.replace('src/main/', '')} may not import ${target}`, async () => {
      const messages = await ruleIds(`import type { X } from '${target}';\nexport type Y = X;\n`, file);
      expect(messages.join('\n')).toMatch(message);
    });
  }

  it('allows the downward imports the layers are built on', async () => {
    const allowed: Array<[string, string]> = [
      ['src/main/content/thing.ts', '../items/provider-item'],
      ['src/main/content/thing.ts', '../lib/time-zone'],
      ['src/main/providers/gmail/thing.ts', '../../content/gmail-payload'],
      ['src/main/ai/offline/thing.ts', '../../content/header-text'],
      ['src/main/db/thing.ts', '../items/suggestion-content'],
      ['src/main/sync/thing.ts', '../providers/provider'],
      ['src/main/merge/thing.ts', '../db/merge-repository'],
      ['src/main/merge/thing.ts', '../items/provider-item'],
      ['src/main/sync/thing.ts', '../merge/merge-step'],
      ['src/main/services/thing.ts', '../sync/sync-engine'],
    ];
    for (const [file, target] of allowed) {
      const messages = await ruleIds(`import type { X } from '${target}';\nexport type Y = X;\n`, file);
      expect(messages.filter((message) => message.startsWith('no-restricted-imports')), `${file} -> ${target}`).toEqual([]);
    }
  });

  it("still refuses 'electron' in every layer", async () => {
    const messages = await ruleIds(`import { app } from 'electron';\nexport const name = app.name;\n`, 'src/main/content/sneaky.ts');
    expect(messages.join('\n')).toMatch(/Only src\/main\/platform/);
  });
});
