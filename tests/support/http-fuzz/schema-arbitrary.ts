import fc from 'fast-check';

/** The part of JSON Schema (as the OpenAPI document writes it) that the fuzzer reads. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  $ref?: string;
}

/** Values the API already holds, so that some requests get past "not found" to the code behind it. */
export interface Known {
  slugs: string[];
  ids: string[];
}

/**
 * Values a schema accepts, or nearly: the documented example, a known slug or id, or a value
 * built from the constraints. Requests built from them reach the handlers' real work (storing a
 * submission, queueing a job), which is where a half-done change would show.
 */
export function valueFor(schema: JsonSchema, known: Known, resolve: (ref: string) => JsonSchema): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueFor(resolve(schema.$ref), known, resolve);
  const built = fromConstraints(schema, known, resolve);
  return schema.example === undefined ? built : fc.oneof(fc.constant(schema.example), built);
}

function fromConstraints(schema: JsonSchema, known: Known, resolve: (ref: string) => JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringFor(schema, known);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? valueFor(schema.items, known, resolve) : fc.jsonValue(), { maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueFor(value, known, resolve)])),
        { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
      );
      if (typeof schema.additionalProperties !== 'object') return record;
      const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valueFor(schema.additionalProperties, known, resolve), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([fixed, more]) => ({ ...more, ...fixed }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, known: Known): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return known.ids.length > 0 ? fc.oneof(fc.constantFrom(...known.ids), fc.uuid()) : fc.uuid();
  // A URL the API refuses without a DNS lookup (loopback), so no request waits on the network.
  if (schema.format === 'uri') return fc.constantFrom('http://127.0.0.1:9/hook', 'https://[::1]/x', 'ftp://127.0.0.1/');
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
    // Slug-shaped parameters: an exercise that exists, sometimes.
    return known.slugs.length > 0 && schema.pattern.includes('a-z0-9') ? fc.oneof(fc.constantFrom(...known.slugs), matching) : matching;
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}
