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

/**
 * A zod error's first message per field (`form` for the input as a whole): the top-level field,
 * or with `leaf` the last named part of the path (`data.start` -> `start`).
 */
export function issuesByField(
  issues: readonly { path: PropertyKey[]; message: string }[],
  leaf = false,
) {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const named = issue.path.filter((part) => typeof part === 'string');
    found[String((leaf ? named.at(-1) : issue.path[0]) ?? 'form')] ??= issue.message;
  }
  return found;
}
