/**
 * Every tRPC procedure of the AppRouter, walked from `_def.procedures`, with its input as zod
 * schema and as zod 4's JSON schema: a procedure added to the router is fuzzed without a line
 * here.
 */
import { appRouter } from '@tradewind/server/router';
import { z } from 'zod';
import type { JsonSchema } from './arbitraries.ts';
import type { ProcedureKind } from './doors.ts';

export type Procedure = {
  path: string;
  kind: ProcedureKind;
  /** The zod input schema; undefined for a procedure without input. */
  input: z.ZodType | undefined;
  /** Its JSON schema (input side), with its `$defs`. */
  schema: JsonSchema | undefined;
};

type ProcedureDef = { _def: { type: ProcedureKind; inputs: z.ZodType[] } };

export function routerProcedures(): Procedure[] {
  const record = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(record).map(([path, procedure]) => {
    const [input] = procedure._def.inputs;
    return {
      path,
      kind: procedure._def.type,
      input,
      schema: input
        ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
        : undefined,
    };
  });
}
