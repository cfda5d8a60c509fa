/** Listens to a host's Server-Sent Events and keeps what arrives, for tests that wait on events. */

/** A live SSE subscription. */
export interface EventLog {
  /** Every event received so far, in order. */
  events: Array<{ event: string; data: unknown }>;
  /** Resolves once `count` events named `name` have arrived (or rejects after `timeoutMs`). */
  waitFor(name: string, count?: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens `GET /api/events?token=` and parses the stream as it comes. */
export async function listenToEvents(url: string, token: string): Promise<EventLog> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events?token=${encodeURIComponent(token)}`, { signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`events stream answered ${response.status}`);
  const events: EventLog['events'] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data !== undefined) events.push({ event: name, data: JSON.parse(data) as unknown });
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    async waitFor(name, count = 1, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.filter((entry) => entry.event === name).length < count) {
        if (Date.now() > deadline) throw new Error(`no ${count} × ${name} within ${timeoutMs} ms; got ${events.map((entry) => entry.event).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => controller.abort(),
  };
}
