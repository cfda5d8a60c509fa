/** Where an OAuth provider's loopback redirect listens: its spec, with the person's fixed address applied. */
import type { ProviderType } from '../../shared/models';
import { NotConfiguredError } from '../errors';
import type { LoopbackSpec } from '../providers/provider';

/** Applies `<PROVIDER>_REDIRECT_URI` (a fixed loopback port and path the person registered). */
export function loopbackFromEnv(spec: LoopbackSpec, provider: ProviderType, env: Readonly<Record<string, string | undefined>>): LoopbackSpec {
  const raw = env[`${provider.toUpperCase()}_REDIRECT_URI`];
  if (!raw) return spec;
  const url = new URL(raw);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || !url.port) {
    throw new NotConfiguredError(`${provider.toUpperCase()}_REDIRECT_URI must be a loopback address with a port, like http://127.0.0.1:8765/oauth2/callback.`);
  }
  return { ...spec, path: url.pathname, ports: [Number(url.port)], redirectHost: url.hostname === 'localhost' ? 'localhost' : '127.0.0.1' };
}

/**
 * The redirect a sign-in would use, for checking a client without listening: the first fixed port, or
 * for providers that take any port (Google's Desktop clients, RFC 8252 §7.3) the first dynamic port.
 */
export function probeRedirectUri(spec: LoopbackSpec): string {
  return `http://${spec.redirectHost ?? '127.0.0.1'}:${spec.ports?.[0] ?? 49152}${spec.path}`;
}
