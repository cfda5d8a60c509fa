/** PKCE (RFC 7636, S256) and OAuth state values, from the OS's CSPRNG. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A PKCE verifier and its S256 challenge. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes -> a 43-character base64url verifier (the RFC's minimum length, 256 bits). */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier), method: 'S256' };
}

/** BASE64URL(SHA256(ascii(verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A single-use state value of 128 random bits. */
export function createState(): string {
  return randomBytes(16).toString('base64url');
}

/** Constant-time string comparison (state values are secrets until used). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
