import { TRPCClientError } from '@trpc/client';

type ErrorData = {
  domainCode?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  details?: Record<string, unknown>;
};

/** What the server said about a failed call: its message, per-field errors, domain details. */
export function describeError(error: unknown): {
  message: string;
  fields: Record<string, string>;
  details: Record<string, unknown>;
} {
  if (!(error instanceof TRPCClientError)) {
    return {
      message: error instanceof Error ? error.message : String(error),
      fields: {},
      details: {},
    };
  }
  const data = (error.data ?? {}) as ErrorData;
  const fields: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data.fieldErrors ?? {})) {
    if (messages?.[0]) fields[field] = messages[0];
  }
  return { message: error.message, fields, details: data.details ?? {} };
}
