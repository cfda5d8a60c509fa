/** Typed main -> renderer events. Platform code forwards them over IPC, the host over SSE. */
import type { AppEvent } from '../shared/ipc-channels';
import type { EventPayload } from '../shared/ipc-contract';

/** Receives every event. */
export type EventListener = <E extends AppEvent>(event: E, payload: EventPayload<E>) => void;

/** A small synchronous fan-out of app events. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Sends an event to every listener; a failing listener never stops the others. */
  emit<E extends AppEvent>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken window or closed stream must not break the sync that emitted the event.
      }
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
