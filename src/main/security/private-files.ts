/**
 * The data folder holds mail bodies, tokens and the key that opens them: it is 0700 and every file
 * the app keeps there 0600, whatever a previous version, a restore from backup or a loose umask left
 * behind. Modes are set with chmod after creating, so the umask cannot widen (or narrow) them.
 * Windows has no such modes (its folders are per-user already), so nothing is changed there.
 */
import { chmodSync, closeSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Mode of the data folder and its subfolders. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file the app keeps in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';
/** Files of the data folder that carry data or secrets (a database set aside keeps the prefix). */
const PRIVATE_NAMES = /^(?:app\.db|vault\.key|settings\.json|personal-model\.json)/;
const LOG_FOLDER = 'logs';

/** Sets a mode on a path that is what we expect (never through a symbolic link someone placed there). */
function setMode(path: string, kind: 'file' | 'dir', mode: number): void {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats || (kind === 'file' ? !stats.isFile() : !stats.isDirectory())) return;
  if ((stats.mode & 0o777) !== mode) chmodSync(path, mode);
}

/** Creates a folder (and its parents) if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) setMode(dir, 'dir', PRIVATE_DIR_MODE);
}

/** Creates an empty file with mode 0600 if it is missing, and makes an existing one 0600. */
export function ensurePrivateFile(file: string): void {
  if (!POSIX) return;
  try {
    // 'wx' creates only; fchmod undoes whatever the umask took away.
    const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    setMode(file, 'file', PRIVATE_FILE_MODE);
  }
}

/** Makes existing files 0600 (missing ones are skipped). */
export function makeFilesPrivate(files: readonly string[]): void {
  if (POSIX) for (const file of files) setMode(file, 'file', PRIVATE_FILE_MODE);
}

/**
 * Creates the data folder if needed and makes it, its log folder, and the app's files in both private.
 * Other files (Electron keeps its own in the same user-data folder) are left as they are.
 */
export function secureDataDir(dataDir: string): void {
  ensurePrivateDir(dataDir);
  if (!POSIX) return;
  makeFilesPrivate(readdirSync(dataDir).filter((name) => PRIVATE_NAMES.test(name)).map((name) => join(dataDir, name)));
  const logs = join(dataDir, LOG_FOLDER);
  if (lstatSync(logs, { throwIfNoEntry: false })?.isDirectory()) {
    setMode(logs, 'dir', PRIVATE_DIR_MODE);
    makeFilesPrivate(readdirSync(logs).map((name) => join(logs, name)));
  }
}
