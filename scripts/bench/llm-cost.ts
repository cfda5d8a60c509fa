/** stub */
export async function benchLlmCost(_o: unknown): Promise<Record<string, unknown>> { throw new Error('todo'); }
