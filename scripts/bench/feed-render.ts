/** stub */
export async function benchFeed(_o: unknown): Promise<Record<string, unknown>> { throw new Error('todo'); }
