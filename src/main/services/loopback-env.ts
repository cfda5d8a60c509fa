/** `<PROVIDER>_REDIRECT_URI`: a fixed loopback port and path the person registered for a provider's OAuth client. */
import type { ProviderType } from '../../shared/models';
import { NotConfiguredError } from '../errors';
import type { LoopbackSpec } from '../providers/provider';

/** Applies `<PROVIDER>_REDIRECT_URI` to a provider's loopback spec (unchanged when unset). */
export function loopbackFromEnv(spec: LoopbackSpec, provider: ProviderType, env: Readonly<Record<string, string | undefined>>): LoopbackSpec {
  const raw = env[`${provider.toUpperCase()}_REDIRECT_URI`];
  if (!raw) return spec;
  const url = new URL(raw);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || !url.port) {
    throw new NotConfiguredError(`${provider.toUpperCase()}_REDIRECT_URI must be a loopback address with a port, like http://127.0.0.1:8765/oauth2/callback.`);
  }
  return { ...spec, path: url.pathname, ports: [Number(url.port)], redirectHost: url.hostname === 'localhost' ? 'localhost' : '127.0.0.1' };
}
