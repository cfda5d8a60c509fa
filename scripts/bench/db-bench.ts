/** stub */
export async function benchDb(_o: unknown): Promise<Record<string, unknown>> { throw new Error('todo'); }
