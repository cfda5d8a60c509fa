/** Maps each ProviderType to its definition; the only place that knows which providers exist. */
import type { ProviderType } from '../../shared/models';
import type { ProviderDefinition } from './provider';

/** A lookup over provider definitions. */
export interface ProviderRegistry {
  get(type: ProviderType): ProviderDefinition | null;
  list(): ProviderDefinition[];
}

/** Creates the registry; a duplicate type is a programming error. */
export function createProviderRegistry(definitions: readonly ProviderDefinition[]): ProviderRegistry {
  const byType = new Map<ProviderType, ProviderDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`Provider ${definition.type} is registered twice`);
    byType.set(definition.type, definition);
  }
  return {
    get: (type) => byType.get(type) ?? null,
    list: () => [...byType.values()],
  };
}
