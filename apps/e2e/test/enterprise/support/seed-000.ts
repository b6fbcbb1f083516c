/**
 * Seed 000 (the enterprise API document) read as data: its JSON examples by endpoint and
 * label, its curl scripts, and a check that a real response has the example's shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fixturePath } from '@tradewind/testing';
import { expect } from 'vitest';

const seedsDir = fixturePath('seeds/');

function seedText(): string {
  const name = readdirSync(seedsDir).find((file) => /^000_.*\.txt$/.test(file));
  if (!name) throw new Error(`seed 000 not found in ${seedsDir}`);
  return readFileSync(`${seedsDir}${name}`, 'utf8');
}

export type SeedBlock = { heading: string; label: string; language: string; code: string };

/** Every fenced code block with the heading it sits under and the bold label before it. */
export function seedBlocks(): SeedBlock[] {
  const blocks: SeedBlock[] = [];
  let heading = '';
  let label = '';
  let open: SeedBlock | undefined;
  for (const line of seedText().split('\n')) {
    if (open) {
      if (line.startsWith('```')) {
        blocks.push(open);
        open = undefined;
      } else {
        open.code += `${line}\n`;
      }
      continue;
    }
    const fence = line.match(/^```(\w*)/);
    if (fence) {
      open = { heading, label, language: fence[1] ?? '', code: '' };
      continue;
    }
    const title = line.match(/^#{1,6}\s+(.*)$/);
    if (title?.[1]) {
      heading = title[1].trim();
      label = '';
    }
    const bold = line.match(/^\*\*(.+?):?\*\*\s*$/);
    if (bold?.[1]) label = bold[1].replace(/:$/, '');
  }
  return blocks;
}

/** The JSON example under `heading` labelled `label` (e.g. "Get Bot by ID", "Example Response"). */
export function seedExample(heading: string, label: string): unknown {
  const block = seedBlocks().find(
    (candidate) =>
      candidate.heading === heading && candidate.label === label && candidate.language === 'json',
  );
  if (!block) throw new Error(`seed 000 has no JSON "${label}" under "${heading}"`);
  return JSON.parse(block.code);
}

/** The bash block under `heading` (e.g. "Complete Bot Lifecycle"). */
export function seedScript(heading: string): string {
  const block = seedBlocks().find(
    (candidate) => candidate.heading === heading && candidate.language === 'bash',
  );
  if (!block) throw new Error(`seed 000 has no bash block under "${heading}"`);
  return block.code;
}

type JsonType =
  | 'null'
  | 'boolean'
  | 'number'
  | 'string'
  | 'date'
  | 'date-time'
  | 'array'
  | 'object';

/** A JSON value's type, telling the seed's dates and date-times apart from other strings. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return 'date-time';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
    return 'string';
  }
  return typeof value as JsonType;
}

function collectFieldTypes(value: unknown, into: Record<string, JsonType>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectFieldTypes(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (item !== null && !into[key]) into[key] = jsonType(item);
      collectFieldTypes(item, into);
    }
  }
}

/** The non-null type each field name has somewhere among the seed's JSON examples. */
export function seedFieldTypes(): Record<string, JsonType> {
  const types: Record<string, JsonType> = {};
  for (const block of seedBlocks()) {
    if (block.language !== 'json') continue;
    try {
      collectFieldTypes(JSON.parse(block.code), types);
    } catch {
      // Some blocks are sketches with comments (`{ ... }`), not JSON.
    }
  }
  return types;
}

/**
 * Asserts that `actual` has exactly the example's field names, recursively, and each field the
 * example's JSON type. Where the example shows null, or the field is in `nullable` (fields our
 * contract documents as null when undefined, e.g. a Sharpe ratio without volatility), null or
 * the type the example shows elsewhere are both accepted.
 */
export function expectSeedShape(
  actual: unknown,
  example: unknown,
  options: { nullable?: readonly string[]; typesElsewhere?: Record<string, JsonType> } = {},
  path = '$',
): void {
  const typesElsewhere = options.typesElsewhere ?? seedFieldTypes();
  const exampleType = jsonType(example);
  const actualType = jsonType(actual);
  const field =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  if (exampleType === 'null' || options.nullable?.includes(field)) {
    if (actualType === 'null') return;
    const expected = exampleType === 'null' ? typesElsewhere[field] : exampleType;
    expect(expected, `${path}: the seed shows no non-null type for this field`).toBeDefined();
    expect(actualType, `${path} (seed: null or ${expected})`).toBe(expected);
    return;
  }
  expect(actualType, `${path} type`).toBe(exampleType);
  if (exampleType === 'object') {
    const a = actual as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} field names`).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e))
      expectSeedShape(a[key], e[key], { ...options, typesElsewhere }, `${path}.${key}`);
  }
  if (exampleType === 'array') {
    const [first] = example as unknown[];
    if (first === undefined) return;
    (actual as unknown[]).forEach((item, index) => {
      expectSeedShape(item, first, { ...options, typesElsewhere }, `${path}[${index}]`);
    });
  }
}
