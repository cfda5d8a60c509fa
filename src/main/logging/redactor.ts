/**
 * Removes secrets from anything about to be logged: values the vault has handled and secrets given
 * through the environment (registered at runtime, also in their URL-encoded form), values under
 * secret-sounding keys, and strings shaped like credentials.
 */

const SECRET_KEY = /(token|secret|password|authorization|api[_-]?key|code_verifier|refresh|cookie|credential)/i;
// Shapes of real credentials. Each is a literal prefix then one character class, so none can backtrack.
const SECRET_SHAPES: RegExp[] = [
  // Google access tokens, refresh tokens (also URL-encoded: 1%2F%2F...), auth codes (4/0..., 4%2F0...), client secrets.
  /\bya29\.[\w.-]+/g,
  /\b1\/\/[\w.-]{20,}/g,
  /\b1%2F%2F[\w.%-]{20,}/gi,
  /\b4(?:\/|%2F)0[\w-]{10,}/gi,
  /\bGOCSPX-[\w-]{8,}/g,
  // Slack tokens, OpenAI-style keys, bearer and basic authorization headers, JWTs.
  /\bxox[abposr]-[\w-]+/g,
  /\bxoxe(?:\.xox[bp])?-[\w-]+/g,
  /\bsk-[\w-]{16,}/g,
  /\bBearer\s+[\w.~+/=-]+/gi,
  /\bBasic\s+[A-Za-z0-9+/]{6,}={0,2}/gi,
  /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g,
];
const MASK = '[redacted]';
const TOO_DEEP = '[too deep]';
/** Nesting kept as it is; anything deeper is replaced (and a cycle ends there). */
const MAX_DEPTH = 6;

/** Knows the secrets to hide and hides them in strings and structured values. */
export class Redactor {
  private readonly known = new Set<string>();

  /** Registers a secret value so it never appears in output (short values are ignored: too many false hits). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < 8) return;
    this.known.add(secret);
    // Secrets also travel in query strings and form bodies, where they appear percent-encoded.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.known.add(encoded);
  }

  /** Forgets a secret (after it was deleted). */
  remove(secret: string | null | undefined): void {
    if (!secret) return;
    this.known.delete(secret);
    this.known.delete(encodeURIComponent(secret));
  }

  /** Masks secrets in a string. */
  redactText(text: string): string {
    let out = text;
    for (const secret of this.known) if (out.includes(secret)) out = out.split(secret).join(MASK);
    for (const shape of SECRET_SHAPES) out = out.replace(shape, MASK);
    return out;
  }

  /** Returns a copy of a value with secret keys masked and every string redacted; nesting past the limit is replaced, never returned raw. */
  redact(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (value instanceof Error) return { name: value.name, message: this.redactText(value.message) };
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(value)) return value.map((entry) => this.redact(entry, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      out[this.redactText(key)] = SECRET_KEY.test(key) && entry !== null && entry !== undefined && typeof entry !== 'boolean' ? MASK : this.redact(entry, depth + 1);
    }
    return out;
  }
}
