/** The system's open dialog for the local-file providers: a mailbox file, a folder of .eml files, or an .ics calendar. */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { PathKind } from '../../shared/models';

/** Dialog options per kind: mailboxes often have no extension (Thunderbird's "Inbox"), so all files stay choosable. */
const OPTIONS: Record<PathKind, OpenDialogOptions> = {
  'mail-file': {
    title: 'Choose a mailbox (.mbox) or a message (.eml)',
    properties: ['openFile'],
    filters: [
      { name: 'Mailboxes and messages', extensions: ['mbox', 'mbx', 'eml'] },
      { name: 'All files', extensions: ['*'] },
    ],
  },
  'mail-folder': { title: 'Choose a folder of .eml messages', properties: ['openDirectory'] },
  'calendar-file': { title: 'Choose a calendar (.ics)', properties: ['openFile'], filters: [{ name: 'Calendars', extensions: ['ics'] }] },
};

/** Opens the dialog (sheet on macOS when a window exists); the chosen path, or null when the person cancelled. */
export async function pickPathWithDialog(window: BrowserWindow | null, kind: PathKind): Promise<string | null> {
  const options = OPTIONS[kind];
  const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
