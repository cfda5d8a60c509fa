/**
 * Serves the handler map over Electron IPC. Every message is checked for its sender frame before
 * it reaches dispatch (which validates the payload); events go to the window's main frame only.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { CHANNELS } from '../../shared/ipc-channels';
import type { IpcReply } from '../../shared/ipc-contract';
import { dispatch, type HandlerMap } from '../ipc/dispatch';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import { senderFrameProblem } from '../security/sender-guard';

/** Registers one ipcMain handler per channel; returns a function removing them. */
export function registerIpc(handlers: HandlerMap, entryUrl: string, logger: Logger): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcReply<unknown>> => {
      const problem = senderFrameProblem(event.senderFrame, entryUrl);
      if (problem) {
        logger.warn('IPC refused', { channel, problem });
        return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from the app window.' } };
      }
      return (await dispatch(handlers, channel, input, logger)).reply;
    });
  }
  return () => CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards core events to the current window (it may be closed and recreated); returns the unsubscribe. */
export function forwardEvents(events: EventBus, getWindow: () => BrowserWindow | null): () => void {
  return events.subscribe((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  });
}
