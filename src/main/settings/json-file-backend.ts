/** The headless host's settings backend: a JSON file written atomically (temp file + rename). */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { makeFilesPrivate } from '../security/private-files';
import type { AppSettings } from '../../shared/models';
import type { SettingsBackend } from './settings-store';

/** A backend storing settings in `file`; a missing or unreadable file reads as empty. */
export function createJsonFileBackend(file: string): SettingsBackend {
  return {
    read() {
      if (!existsSync(file)) return {};
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch {
        return {};
      }
    },
    write(settings: AppSettings) {
      const temp = `${file}.tmp`;
      writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      // The umask may have widened the new file's mode; the rename keeps whatever the temp file has.
      makeFilesPrivate([temp]);
      renameSync(temp, file);
    },
  };
}
