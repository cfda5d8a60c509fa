/// <reference types="vite/client" />
import type { Api } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Set by the preload in Electron; absent in a plain browser tab (the HTTP bridge stands in). */
    api?: Api;
  }
}
