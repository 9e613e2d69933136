import * as z from 'zod';

/** zod → the JSON Schema (2020-12) dialect OpenAPI 3.1 uses, with named schemas as components. */

const COMPONENT = '#/components/schemas/';

type Json = Record<string, unknown>;

/** The component name of a schema (`.meta({ id })`), if it has one. */
export const componentId = (schema: z.ZodType): string | undefined => z.globalRegistry.get(schema)?.id;

/** Every named schema of the contracts, as `components.schemas`; inputs in their input form (defaults optional). */
export function componentSchemas(inputIds: ReadonlySet<string>): Record<string, Json> {
  const convert = (io: 'input' | 'output') => z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io, uri: (id) => `${COMPONENT}${id}` }).schemas;
  const inputs = convert('input');
  const outputs = convert('output');
  return Object.fromEntries(
    Object.keys(outputs)
      .sort()
      .map((id) => [id, tidy(inputIds.has(id) ? inputs[id] : outputs[id])]),
  );
}

/** A schema used in place: a `$ref` when it is named, else inline with refs to the named ones. */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const id = componentId(schema);
  if (id) return { $ref: `${COMPONENT}${id}` };
  return tidy(z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as Json);
}

/** Drops what OpenAPI does not need: `$schema`, `$id`, `$defs` (named schemas are components), safe-integer bounds. */
function tidy(node: unknown): Json {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$schema' || key === '$id' || key === '$defs') continue;
      if ((key === 'minimum' || key === 'maximum') && Math.abs(v as number) === Number.MAX_SAFE_INTEGER) continue;
      out[key] = key === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', COMPONENT) : walk(v);
    }
    return out;
  };
  return walk(node) as Json;
}
