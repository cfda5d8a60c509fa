/** Saves an export where the person chooses, through the system's save dialog. */
import { dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';

/** Asks where to save `suggestedName` and writes `content` there; null when the person cancelled. */
export async function saveThroughDialog(window: BrowserWindow | null, suggestedName: string, content: string): Promise<string | null> {
  const extension = extname(suggestedName).slice(1);
  const options = { defaultPath: suggestedName, filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [] };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, content, 'utf8');
  return result.filePath;
}
