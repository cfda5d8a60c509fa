/**
 * The preload: exposes `window.api`, one named function per contract channel plus `onEvent`, and
 * nothing else. `ipcRenderer` itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/api-builder';
import type { IpcReply } from '../shared/ipc-contract';

const api = buildApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcReply<unknown>>,
  subscribe: (event, listener) => {
    // Strip the Electron event object: the page only ever sees the payload.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);
