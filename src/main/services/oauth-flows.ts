/** Sign-ins waiting in the browser, by the integrations they will connect, so Cancel and quit can stop them. */
import type { LoopbackListener } from '../auth/loopback-server';

/** Creates the registry of sign-ins in progress. */
export function createOAuthFlows() {
  const byIntegration = new Map<number, LoopbackListener>();
  return {
    /** Records a sign-in for these integrations (a previous one for any of them is stopped). */
    start(integrationIds: readonly number[], listener: LoopbackListener): void {
      for (const id of integrationIds) {
        const previous = byIntegration.get(id);
        if (previous && previous !== listener) previous.cancel();
        byIntegration.set(id, listener);
      }
    },
    /** Forgets a finished sign-in. */
    finish(integrationIds: readonly number[], listener: LoopbackListener): void {
      for (const id of integrationIds) if (byIntegration.get(id) === listener) byIntegration.delete(id);
    },
    /** Stops the sign-in of an integration; false when none is in progress. */
    cancel(integrationId: number): boolean {
      const listener = byIntegration.get(integrationId);
      listener?.cancel();
      return listener !== undefined;
    },
    /** Stops every sign-in (quit). */
    cancelAll(): void {
      for (const listener of new Set(byIntegration.values())) listener.cancel();
    },
  };
}

/** The registry's type. */
export type OAuthFlows = ReturnType<typeof createOAuthFlows>;
