/** Paths shared by the E2E specs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/host';

/** Where screenshots are written. */
export const ROOT_SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** A temp folder and its cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pt-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
