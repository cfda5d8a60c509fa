// Installers cannot be built here, so the release configuration is checked as data: asar on, native
// modules unpacked, and the Electron fuses that close "run as Node" and debugger back doors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/host';

const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('release packaging', () => {
  it('packs the app into an asar archive, unpacking only native modules', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
  });

  it('flips the Electron fuses: no RunAsNode, no NODE_OPTIONS, no inspect flags; cookie encryption, asar integrity, asar-only loading on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the sample mailbox and calendar as resources for the offline demo', () => {
    const resources = config.extraResources as Array<{ from: string; filter: string[] }>;
    expect(resources[0]!.filter).toEqual(expect.arrayContaining(['sample.mbox', 'sample.ics']));
  });
});
