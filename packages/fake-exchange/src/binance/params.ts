import { errors } from './errors.ts';

const INTEGER = /^-?[0-9]{1,20}$/;
const DECIMAL = /^[0-9]{1,20}(\.[0-9]{1,20})?$/;

/** A request's parameters (query string and form body together), read the way Binance reads them. */
export class Params {
  readonly #values: URLSearchParams;

  constructor(values: URLSearchParams) {
    this.#values = values;
  }

  string(name: string): string | undefined {
    const value = this.#values.get(name);
    return value === null || value === '' ? undefined : value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw errors.mandatory(name);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!INTEGER.test(value)) throw errors.illegalCharacters(name);
    return Number(value);
  }

  requiredInteger(name: string): number {
    const value = this.integer(name);
    if (value === undefined) throw errors.mandatory(name);
    return value;
  }

  decimal(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!DECIMAL.test(value)) throw errors.illegalCharacters(name);
    return Number(value);
  }

  /** One of `allowed`, or Binance's "not valid" error naming the parameter. */
  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw errors.invalidValue(name);
    return value as T;
  }

  requiredChoice<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.choice(name, allowed);
    if (value === undefined) throw errors.mandatory(name);
    return value;
  }
}
