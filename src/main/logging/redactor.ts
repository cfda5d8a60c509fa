/**
 * Removes secrets from anything about to be logged: values the vault has handled (registered at
 * runtime), values under secret-sounding keys, and strings shaped like tokens.
 */

const SECRET_KEY = /(token|secret|password|authorization|api[_-]?key|code_verifier|refresh|cookie|credential)/i;
// Shapes of real credentials: Google access tokens, Slack tokens, OpenAI keys, bearer headers, JWTs.
const SECRET_SHAPES: RegExp[] = [
  /\bya29\.[\w.-]+/g,
  /\b1\/\/[\w.-]{20,}/g,
  /\bxox[abposr]-[\w-]+/g,
  /\bxoxe(?:\.xox[bp])?-[\w-]+/g,
  /\bsk-[\w-]{16,}/g,
  /\bBearer\s+[\w.~+/=-]+/gi,
  /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g,
];
const MASK = '[redacted]';

/** Knows the secrets to hide and hides them in strings and structured values. */
export class Redactor {
  private readonly known = new Set<string>();

  /** Registers a secret value so it never appears in output (short values are ignored: too many false hits). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 8) this.known.add(secret);
  }

  /** Forgets a secret (after it was deleted). */
  remove(secret: string | null | undefined): void {
    if (secret) this.known.delete(secret);
  }

  /** Masks secrets in a string. */
  redactText(text: string): string {
    let out = text;
    for (const secret of this.known) if (out.includes(secret)) out = out.split(secret).join(MASK);
    for (const shape of SECRET_SHAPES) out = out.replace(shape, MASK);
    return out;
  }

  /** Returns a copy of a value with secret keys masked and every string redacted. */
  redact(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (value instanceof Error) return { name: value.name, message: this.redactText(value.message) };
    if (value === null || typeof value !== 'object' || depth > 6) return value;
    if (Array.isArray(value)) return value.map((entry) => this.redact(entry, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SECRET_KEY.test(key) && entry !== null && entry !== undefined && typeof entry !== 'boolean' ? MASK : this.redact(entry, depth + 1);
    }
    return out;
  }
}
