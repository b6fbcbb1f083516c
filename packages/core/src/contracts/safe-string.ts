import { z } from 'zod';

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high
// one. PostgreSQL refuses NUL in text, and a lone surrogate cannot be encoded as UTF-8.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored as text, or `undefined` when it can. */
export function unsafeStringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * The string every string input starts from: refuses NUL and unpaired surrogates, which no
 * text column can hold. Chain the usual checks on it (`ZSafeString.trim().min(1)`).
 */
export const ZSafeString = z.string().check((context) => {
  const problem = unsafeStringProblem(context.value);
  if (problem) context.issues.push({ code: 'custom', message: problem, input: context.value });
});
