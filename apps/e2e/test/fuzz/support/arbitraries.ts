/**
 * fast-check arbitraries derived from a JSON schema (zod 4's `z.toJSONSchema` of a procedure's
 * input, or a parameter/body schema of the OpenAPI document): valid values, boundary values and
 * hostile values (NUL, lone surrogates, huge numbers, int4 overflow, deep nesting, prototype
 * keys, huge strings, wrong types) planted anywhere in an otherwise valid value.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
};

type Resolve = (ref: string) => JsonSchema;

const MAX_STRING = 40;
const MAX_ITEMS = 4;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uri' || schema.format === 'url') return fc.webUrl();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((text) => text.length >= minLength && text.length <= (schema.maxLength ?? 1e9));
    } catch {
      // A pattern fast-check cannot read: plain strings (the server refuses most of them).
    }
  }
  return fc.string({ minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1e9) + (integer ? 1 : 1e-6);
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1e9) - (integer ? 1 : 1e-6);
  if (integer) {
    return fc.integer({
      min: Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER),
      max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER),
    });
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(
  schema: JsonSchema,
  resolve: Resolve,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    // Emails are refined beyond what JSON schema says; give the refinement a chance to pass.
    record[name] =
      /email/i.test(name) && property.type === 'string' && !property.format
        ? fc.oneof(fc.emailAddress(), valueArbitrary(property, resolve, depth + 1))
        : valueArbitrary(property, resolve, depth + 1);
  }
  const known = fc.record(record, { requiredKeys: required });
  if (Object.keys(properties).length > 0 || schema.additionalProperties === false) return known;
  const values =
    typeof schema.additionalProperties === 'object'
      ? valueArbitrary(schema.additionalProperties, resolve, depth + 1)
      : fc.oneof(fc.integer({ min: 0, max: 100 }), fc.string({ maxLength: 10 }));
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 4 });
}

/** Values the schema accepts (as far as JSON schema can say; refinements are the server's). */
export function valueArbitrary(
  schema: JsonSchema,
  resolve: Resolve,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueArbitrary(resolve(schema.$ref), resolve, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((option) => valueArbitrary(option, resolve, depth)));
  if (schema.allOf?.[0]) return valueArbitrary(schema.allOf[0], resolve, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > 6) return fc.constant(null);
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems) {
        return fc.tuple(...schema.prefixItems.map((item) => valueArbitrary(item, resolve, depth)));
      }
      const minLength = schema.minItems ?? 0;
      return fc.array(valueArbitrary(schema.items ?? {}, resolve, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    }
    case 'object':
      return objectArbitrary(schema, resolve, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values at and just past the schema's edges: limits, limits ± 1, empty and over-long. */
export function boundaryValues(schema: JsonSchema, resolve: Resolve): unknown[] {
  if (schema.$ref) return boundaryValues(resolve(schema.$ref), resolve);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') {
    const edges = [
      schema.minimum,
      schema.maximum,
      schema.exclusiveMinimum,
      schema.exclusiveMaximum,
    ];
    return [
      ...edges.filter((edge) => edge !== undefined).flatMap((edge) => [edge - 1, edge, edge + 1]),
      0,
      -1,
      0.5,
    ];
  }
  if (type === 'string') {
    const max = schema.maxLength ?? 256;
    return ['', 'x'.repeat(max), 'x'.repeat(max + 1), ' ', '0'];
  }
  if (type === 'array') return [[], new Array((schema.maxItems ?? 50) + 1).fill(null)];
  return [];
}

/** An object with own `__proto__` / `constructor` / `prototype` keys, as JSON.parse makes them. */
const prototypeKeys = [
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"fast":5,"slow":20,"constructor":1}'),
  JSON.parse('{"prototype":[1],"__proto__":null}'),
];

function deeplyNested(depth: number, array: boolean): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = array ? [value] : { a: value };
  return value;
}

/** Values no schema of this API should accept, and none should answer with a 5xx. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    2 ** 31,
    2 ** 31 - 1,
    2 ** 32,
    2 ** 53,
    2 ** 63,
    -(2 ** 31) - 1,
    -1,
    0,
    -0,
    1e308,
    -1e308,
    1e-9,
    Number.MAX_SAFE_INTEGER + 2,
    '9999999999999999999',
    '2147483648',
    '-1',
    '',
    ' ',
    null,
    true,
    false,
    [],
    {},
    [null],
    'x'.repeat(100_000),
    "' OR 1=1 --",
    '../../etc/passwd',
    '%00',
    '{{7*7}}',
    'NaN',
    'Infinity',
    deeplyNested(3_000, true),
    deeplyNested(1_000, false),
    ...prototypeKeys,
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
);

function pathsOf(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  const paths: string[][] = [prefix];
  if (depth > 5 || value === null || typeof value !== 'object') return paths;
  for (const key of Object.keys(value)) {
    paths.push(...pathsOf((value as Record<string, unknown>)[key], [...prefix, key], depth + 1));
  }
  return paths;
}

/** `value` with the node at its `pick`-th path (root included) replaced by `replacement`. */
export function plant(value: unknown, pick: number, replacement: unknown): unknown {
  const paths = pathsOf(value);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Object.defineProperty(node, path[path.length - 1] as string, {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** An extra key no schema declares, prototype keys included. */
function withExtraKey(value: unknown, key: string, extra: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy = { ...(value as object) };
  Object.defineProperty(copy, key, { value: extra, enumerable: true, configurable: true });
  return copy;
}

/** The input mix a fuzzed call sends: valid, boundary-planted and hostile-planted values. */
export function fuzzInput(schema: JsonSchema | undefined, resolve: Resolve): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValue);
  const valid = valueArbitrary(schema, resolve);
  const leaves = collectLeafSchemas(schema, resolve);
  const boundaries = leaves.flatMap((leaf) => boundaryValues(leaf, resolve));
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: boundaries.length > 0 ? 2 : 0,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.constantFrom(...(boundaries.length > 0 ? boundaries : [0])))
        .map(([value, pick, boundary]) => plant(value, pick, boundary)),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, fc.nat(), hostileValue)
        .map(([value, pick, hostile]) => plant(value, pick, hostile)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'),
          hostileValue,
        )
        .map(([value, key, extra]) => withExtraKey(value, key, extra)),
    },
  );
}

function collectLeafSchemas(schema: JsonSchema, resolve: Resolve, depth = 0): JsonSchema[] {
  if (depth > 4) return [];
  if (schema.$ref) return collectLeafSchemas(resolve(schema.$ref), resolve, depth + 1);
  const nested = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? schema.oneOf ?? []),
  ];
  if (nested.length === 0) return [schema];
  return nested.flatMap((child) => collectLeafSchemas(child, resolve, depth + 1));
}

/** A `$ref` resolver over a document (`#/$defs/X`, `#/components/schemas/X`). */
export function refResolver(document: unknown): Resolve {
  return (ref) => {
    let node: unknown = document;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = (node as Record<string, unknown>)[part];
    }
    if (!node) throw new Error(`unresolved $ref ${ref}`);
    return node as JsonSchema;
  };
}
