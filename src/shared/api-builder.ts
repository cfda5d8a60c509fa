/**
 * Builds `window.api` from the channel list over any transport (Electron IPC in the preload,
 * HTTP in the headless bridge), so both expose exactly the same named functions.
 */
import { CHANNELS, EVENTS, apiMethodName, type AppEvent, type Channel } from './ipc-channels';
import type { Api, ApiErrorBody, IpcReply } from './ipc-contract';

/** How a transport reaches main. */
export interface ApiTransport {
  invoke(channel: Channel, input: unknown): Promise<IpcReply<unknown>>;
  subscribe(event: AppEvent, listener: (payload: unknown) => void): () => void;
}

/** A failed call as the renderer sees it: a code and a sentence for people. */
export class ApiError extends Error {
  /** Machine-readable failure kind. */
  readonly code: ApiErrorBody['code'];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
  }
}

/** Creates the named-function API over a transport; unknown events are refused. */
export function buildApi(transport: ApiTransport): Api {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[apiMethodName(channel)] = async (input?: unknown) => {
      const reply = await transport.invoke(channel, input ?? {});
      if (!reply.ok) throw new ApiError(reply.error);
      return reply.value;
    };
  }
  api.onEvent = (event: AppEvent, listener: (payload: unknown) => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`);
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as Api;
}
