/**
 * The headless host's file picker: lists one folder at a time, only inside the allowed roots (the home
 * folder by default), so the browser build can choose a mailbox or calendar without typing a path.
 * Paths are resolved through symbolic links before the check, so a link cannot lead outside.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import type { FolderEntryDto, FolderListingDto, PathKind } from '../../shared/models';
import { AppError } from '../errors';

/** Entries a listing holds at most; a bigger folder says it was cut. */
export const MAX_ENTRIES = 2000;

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** True when a file may be chosen for this kind (mailboxes often have no extension, so any file counts). */
function fileFits(kind: PathKind, name: string): boolean {
  if (kind === 'calendar-file') return extname(name).toLowerCase() === '.ics';
  return kind === 'mail-file';
}

/** Files worth showing: the choosable ones, and the .eml messages that tell a mail folder apart. */
function fileShown(kind: PathKind, name: string): boolean {
  return fileFits(kind, name) || (kind === 'mail-folder' && extname(name).toLowerCase() === '.eml');
}

async function resolveOrExplain(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('invalid_input', `Nothing was found at ${path}.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('invalid_input', `The app is not allowed to open ${path}.`);
    throw new AppError('invalid_input', `${path} could not be opened (${code ?? 'unknown error'}).`);
  }
}

/** Lists `path` (default: the first root) for choosing a path of `kind`. */
export async function listFolder(roots: readonly string[], kind: PathKind, path?: string): Promise<FolderListingDto> {
  const realRoots = await Promise.all(roots.map((root) => resolveOrExplain(root)));
  if (realRoots.length === 0) throw new AppError('conflict', 'No folder may be browsed on this machine.');
  if (path !== undefined && !isAbsolute(path)) throw new AppError('invalid_input', 'The folder must be given as a full path.');
  const target = await resolveOrExplain(path ?? realRoots[0]!);
  const root = realRoots.find((candidate) => inside(candidate, target));
  if (!root) throw new AppError('invalid_input', `Only folders inside ${roots.join(', ')} can be browsed here.`);
  if (!(await stat(target)).isDirectory()) throw new AppError('invalid_input', `${target} is not a folder.`);

  const dirents = await readdir(target, { withFileTypes: true });
  const entries: FolderEntryDto[] = [];
  for (const dirent of dirents.slice(0, MAX_ENTRIES)) {
    const full = join(target, dirent.name);
    let isFolder = dirent.isDirectory();
    let isFile = dirent.isFile();
    if (dirent.isSymbolicLink()) {
      // A link leading outside the roots is left out (opening it would be refused anyway).
      const real = await realpath(full).catch(() => null);
      if (!real || !realRoots.some((candidate) => inside(candidate, real))) continue;
      const linked = await stat(real).catch(() => null);
      isFolder = linked?.isDirectory() ?? false;
      isFile = linked?.isFile() ?? false;
    }
    if (!isFolder && !isFile) continue; // sockets, FIFOs, devices, broken links
    if (isFile && !fileShown(kind, dirent.name)) continue;
    entries.push({
      name: dirent.name,
      path: full,
      type: isFolder ? 'folder' : 'file',
      hidden: dirent.name.startsWith('.'),
      selectable: isFolder ? kind === 'mail-folder' : fileFits(kind, dirent.name),
    });
  }
  entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'folder' ? -1 : 1));
  return { path: target, parent: target === root ? null : dirname(target), entries, truncated: dirents.length > MAX_ENTRIES };
}
