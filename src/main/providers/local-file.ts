/**
 * Shared by the local-file providers: checking a path, reading a file safely and noticing when a file
 * changed. Only regular files are read, and never more than a cap: a named pipe or a device put where
 * a mailbox was expected must not stall the app (opening a FIFO for reading blocks until a writer comes).
 */
import { constants, readdirSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AppError } from '../errors';
import type { AccountFacts } from '../db/integration-repository';

/** A file's identity for change detection. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Stats a path or explains in a sentence why it cannot be read. */
export function statOrExplain(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('invalid_input', `Nothing was found at ${path}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('invalid_input', `The app is not allowed to read ${path}.`);
    throw new AppError('invalid_input', `${path} could not be read (${code ?? 'unknown error'}).`);
  }
}

/** Flags for opening a file to read that never wait: O_NONBLOCK makes open() of a FIFO return at once. */
export const READ_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The sentence for a path that exists but is not a regular file. */
export function notRegularFile(path: string, stats: Stats): string {
  const kind = stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : stats.isDirectory() ? 'a folder' : 'not a regular file';
  return `${path} is ${kind}, not a regular file, so it is not read.`;
}

/** What a bounded read returns: the start of the file, its full size, and whether the start is all of it. */
export interface BoundedRead {
  bytes: Buffer;
  size: number;
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a regular file. Checked before opening (stat) and again on the open file
 * (fstat), so a file swapped for a pipe in between is refused too; opened with O_NONBLOCK so that
 * swap cannot block. Throws an AppError with a sentence otherwise.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
  const before = statOrExplain(path);
  if (!before.isFile()) throw new AppError('invalid_input', notRegularFile(path, before));
  // Read off the main thread (a 20 MB calendar read at once held it for tens of milliseconds).
  const handle = await open(path, READ_NO_WAIT);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new AppError('invalid_input', notRegularFile(path, stats));
    const bytes = Buffer.alloc(Math.min(stats.size, maxBytes));
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), size: stats.size, truncated: stats.size > maxBytes };
  } finally {
    await handle.close();
  }
}

/** A regular file, or a folder when `folders` allows it; anything else is refused with a sentence. */
export function statRegularOrExplain(path: string, folders: boolean): Stats {
  const stats = statOrExplain(path);
  if (!stats.isFile() && !(folders && stats.isDirectory())) throw new AppError('invalid_input', notRegularFile(path, stats));
  return stats;
}

/** The stamp of a file, or of the newest file in a folder (with the folder's entry count). */
export function stampOf(path: string): FileStamp {
  const stats = statOrExplain(path);
  if (!stats.isDirectory()) return { size: stats.size, mtimeMs: stats.mtimeMs };
  let newest = stats.mtimeMs;
  let size = 0;
  for (const name of readdirSync(path)) {
    const child = statSync(resolve(path, name), { throwIfNoEntry: false });
    if (!child) continue;
    newest = Math.max(newest, child.mtimeMs);
    size += child.size;
  }
  return { size, mtimeMs: newest };
}

/** True when two stamps describe the same content. */
export function sameStamp(a: unknown, b: FileStamp): boolean {
  return typeof a === 'object' && a !== null && (a as FileStamp).size === b.size && (a as FileStamp).mtimeMs === b.mtimeMs;
}

/** The "account" of a local file: its absolute path. */
export function fileAccount(path: string): AccountFacts {
  const absolute = resolve(path);
  return { accountId: absolute, accountEmail: null, displayName: basename(absolute), grantedScopes: [] };
}
