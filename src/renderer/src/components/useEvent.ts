/** Subscribes a component to an app event for as long as it is mounted. */
import { useEffect } from 'react';
import type { AppEvent } from '../../../shared/ipc-channels';
import type { EventPayload } from '../../../shared/ipc-contract';
import { getApi } from '../api';

/** Calls `listener` on every `event` while mounted. */
export function useAppEvent<E extends AppEvent>(event: E, listener: (payload: EventPayload<E>) => void): void {
  useEffect(() => {
    const api = getApi();
    if (!api) return;
    return api.onEvent(event, listener);
  }, [event, listener]);
}
