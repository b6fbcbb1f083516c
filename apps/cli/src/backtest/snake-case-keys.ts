/**
 * A copy of `value` with every object key in snake_case (`finalEquity` -> `final_equity`), the
 * spelling of Tradewind's JSON outside TypeScript (seed 002, the REST API). Values are kept.
 * Strategy parameters (under a `params` key) keep their names, which `--param` takes as they are.
 */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    result[snakeCase(key)] = key === 'params' ? entry : snakeCaseKeys(entry);
  }
  return result;
}

/** `finalEquity` -> `final_equity`. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
