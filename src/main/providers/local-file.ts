/** Shared by the local-file providers: checking a path and noticing when a file changed. */
import { readdirSync, statSync, type Stats } from 'node:fs';
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
