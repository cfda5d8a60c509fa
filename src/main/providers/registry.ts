/** Maps each ProviderType to its definition; the only place that knows which providers exist. */
import type { AccountFamily, ProviderType } from '../../shared/models';
import type { AccountFamilySpec, ProviderDefinition } from './provider';

/** A lookup over provider definitions and the account families that group them. */
export interface ProviderRegistry {
  get(type: ProviderType): ProviderDefinition | null;
  list(): ProviderDefinition[];
  /** The account family (one sign-in for several providers), or null. */
  family(name: AccountFamily): AccountFamilySpec | null;
}

/** Creates the registry; a duplicate type, or a family naming an unknown provider, is a programming error. */
export function createProviderRegistry(definitions: readonly ProviderDefinition[], families: readonly AccountFamilySpec[] = []): ProviderRegistry {
  const byType = new Map<ProviderType, ProviderDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`Provider ${definition.type} is registered twice`);
    byType.set(definition.type, definition);
  }
  // A family is offered only with the providers it covers that this registry holds.
  const byFamily = new Map(families.map((spec) => [spec.family, { ...spec, services: spec.services.filter((service) => byType.has(service)) }]));
  return {
    get: (type) => byType.get(type) ?? null,
    list: () => [...byType.values()],
    family: (name) => {
      const spec = byFamily.get(name);
      return spec && spec.services.length > 0 ? spec : null;
    },
  };
}
