/** Choosing a local file or folder: the system's dialog on the desktop, the app's own folder listing headless. */
import type { FolderListingDto, PathKind } from '../../shared/models';
import { ConflictError } from '../errors';
import type { PathPicker } from '../platform-services';
import { listFolder } from './folder-listing';

/** Creates the path service over the host's picker. */
export function createPathService(picker: PathPicker) {
  return {
    /** Opens the system's dialog; the chosen path, or null when the person cancelled. */
    async pick(kind: PathKind): Promise<{ path: string | null }> {
      if (picker.mode !== 'dialog') throw new ConflictError('This window has no system file dialog: choose the file in the app’s own list instead.');
      return { path: await picker.pick(kind) };
    },
    /** One folder of the headless picker (the desktop app has the system dialog and lists nothing). */
    async browse(kind: PathKind, path?: string): Promise<FolderListingDto> {
      if (picker.mode !== 'browse') throw new ConflictError('The desktop app chooses files with the system’s dialog.');
      return listFolder(picker.roots, kind, path);
    },
  };
}

/** The path service's type. */
export type PathService = ReturnType<typeof createPathService>;
