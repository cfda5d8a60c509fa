/**
 * The checks OpenAI makes on a `json_schema` response format in strict mode, so the fake refuses
 * what the real API would: a name, an object root, and in every object all properties required
 * and `additionalProperties: false`.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function walk(schema: unknown, path: string, defs: Json): string | null {
  if (!isObject(schema)) return `${path}: schema must be an object`;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/(definitions|\$defs)\//, '');
    return name in defs ? null : `${path}: unresolved $ref ${schema.$ref}`;
  }
  for (const key of ['anyOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const [index, entry] of list.entries()) {
        const problem = walk(entry, `${path}.${key}[${index}]`, defs);
        if (problem) return problem;
      }
    }
  }
  if ('oneOf' in schema) return `${path}: 'oneOf' is not permitted`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object')) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (schema.additionalProperties !== false) return `${path}: 'additionalProperties' is required to be supplied and to be false`;
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).filter((key) => !required.includes(key));
    if (missing.length > 0) return `${path}: 'required' is required to include every key in properties. Missing '${missing[0]}'`;
    for (const [key, value] of Object.entries(properties)) {
      const problem = walk(value, `${path}.${key}`, defs);
      if (problem) return problem;
    }
  }
  if (types.includes('array')) {
    if (!('items' in schema)) return `${path}: array schema missing items`;
    return walk(schema.items, `${path}[]`, defs);
  }
  return null;
}

/** Why a `response_format.json_schema` would be refused, or null when it is acceptable. */
export function strictSchemaProblem(jsonSchema: unknown): string | null {
  if (!isObject(jsonSchema)) return "'json_schema' is required";
  if (typeof jsonSchema.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(jsonSchema.name)) return "'json_schema.name' must match ^[a-zA-Z0-9_-]{1,64}$";
  const schema = jsonSchema.schema;
  if (!isObject(schema)) return "'json_schema.schema' is required";
  if (jsonSchema.strict !== true) return null;
  if (schema.type !== 'object') return 'the root schema must be an object';
  const defs = { ...(isObject(schema.definitions) ? schema.definitions : {}), ...(isObject(schema.$defs) ? schema.$defs : {}) };
  for (const [name, def] of Object.entries(defs)) {
    const problem = walk(def, `#/definitions/${name}`, defs);
    if (problem) return problem;
  }
  return walk(schema, '#', defs);
}
