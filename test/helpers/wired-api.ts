/**
 * The renderer's `window.api` over a real core, without Electron or HTTP: the same `buildApi` the
 * preload and the HTTP bridge use, calling the real handler map through `dispatch` (input validation
 * included), with every answer copied the way IPC copies it. A test can hold a call and later answer
 * or fail it, to stage the races a slow connection produces.
 */
import { dispatch, type HandlerMap } from '../../src/main/ipc/dispatch';
import type { EventBus } from '../../src/main/events';
import type { Logger } from '../../src/main/logging/logger';
import { buildApi } from '../../src/shared/api-builder';
import type { Channel } from '../../src/shared/ipc-channels';
import type { Api, IpcReply } from '../../src/shared/ipc-contract';

/** A call the test holds on the wire. */
export interface HeldCall {
  /** Resolves with the call's input once the renderer has made it. */
  readonly arrived: Promise<unknown>;
  /** Lets the call through to the real handler. */
  answer(): void;
  /** Answers with a failure (the handler never runs), as a dropped connection would. */
  fail(message?: string): void;
}

/** The API and the controls of its wire. */
export interface WiredApi {
  api: Api;
  /** Holds the next call to `channel` whose input satisfies `when`. */
  hold(channel: Channel, when?: (input: Record<string, unknown>) => boolean): HeldCall;
  /** Every call made so far, in order. */
  readonly calls: ReadonlyArray<{ channel: Channel; input: unknown }>;
}

interface Hold {
  channel: Channel;
  when: (input: Record<string, unknown>) => boolean;
  arrive(input: unknown): void;
  decision: Promise<{ fail: string | null }>;
}

/** Builds the API over `handlers`; events come from `events`. */
export function wireApi(handlers: HandlerMap, events: EventBus, logger: Logger): WiredApi {
  const holds: Hold[] = [];
  const calls: Array<{ channel: Channel; input: unknown }> = [];

  const invoke = async (channel: Channel, input: unknown): Promise<IpcReply<unknown>> => {
    // Structured clone on the way in and out, as Electron's IPC does: no object is shared with main.
    const sent: unknown = structuredClone(input);
    calls.push({ channel, input: sent });
    const index = holds.findIndex((hold) => hold.channel === channel && hold.when((sent ?? {}) as Record<string, unknown>));
    if (index >= 0) {
      const [hold] = holds.splice(index, 1);
      hold!.arrive(sent);
      const { fail } = await hold!.decision;
      if (fail !== null) return { ok: false, error: { code: 'internal', message: fail } };
    }
    return structuredClone((await dispatch(handlers, channel, sent, logger)).reply);
  };

  const api = buildApi({
    invoke,
    subscribe: (event, listener) =>
      events.subscribe((emitted, payload) => {
        if (emitted === event) listener(structuredClone(payload));
      }),
  });

  return {
    api,
    calls,
    hold(channel, when = () => true) {
      let arrive!: (input: unknown) => void;
      let decide!: (decision: { fail: string | null }) => void;
      const arrived = new Promise<unknown>((resolve) => (arrive = resolve));
      const decision = new Promise<{ fail: string | null }>((resolve) => (decide = resolve));
      holds.push({ channel, when, arrive, decision });
      return {
        arrived,
        answer: () => decide({ fail: null }),
        fail: (message = 'The app is not reachable.') => decide({ fail: message }),
      };
    },
  };
}
