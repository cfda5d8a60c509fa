/** Turns any thrown value into a sentence for people (kept free of `window` so stores can be tested in Node). */

/** A sentence for people from any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
