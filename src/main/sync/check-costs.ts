/**
 * What the scheduler's change checks cost since an integration's last sync. The scheduler adds to
 * it; the sync engine takes it into the next sync log. Neither needs to know the other.
 */

/** Calls, quota units and number of checks run. */
export interface CheckCost {
  apiCalls: number;
  quotaUnits: number;
  checks: number;
}

/** Creates the ledger shared by the scheduler and the sync engine. */
export function createCheckCostLedger() {
  const costs = new Map<number, CheckCost>();
  return {
    /** Adds one check's metered calls and units. */
    add(integrationId: number, meter: { apiCalls: number; quotaUnits: number }): void {
      const cost = costs.get(integrationId) ?? { apiCalls: 0, quotaUnits: 0, checks: 0 };
      costs.set(integrationId, { apiCalls: cost.apiCalls + meter.apiCalls, quotaUnits: cost.quotaUnits + meter.quotaUnits, checks: cost.checks + 1 });
    },
    /** Returns and forgets what was spent for an integration, or null when nothing was. */
    take(integrationId: number): CheckCost | null {
      const cost = costs.get(integrationId) ?? null;
      costs.delete(integrationId);
      return cost;
    },
  };
}

/** The ledger's type. */
export type CheckCostLedger = ReturnType<typeof createCheckCostLedger>;
