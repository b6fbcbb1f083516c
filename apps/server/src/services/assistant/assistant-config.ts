import { z } from 'zod';

/** The assistant's environment variables, merged into the server's (config.ts). */
export const ZAssistantEnv = {
  /** An OpenAI-compatible chat-completions API (`…/v1`); unset: the offline engine only. */
  ASSISTANT_PROVIDER_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .optional(),
  /** The model the provider is asked for. */
  ASSISTANT_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  /** Sent as the provider's bearer token. */
  ASSISTANT_API_KEY: z.string().min(1).optional(),
  /** A provider call slower than this falls back to the offline engine. */
  ASSISTANT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
};

export type AssistantConfig = {
  /** Null: no model provider; the offline intent engine answers everything. */
  provider: { url: string; model: string; apiKey: string | undefined; timeoutMs: number } | null;
};

/** Reads the assistant settings from the parsed environment. */
export function assistantConfigFrom(values: {
  ASSISTANT_PROVIDER_URL?: string | undefined;
  ASSISTANT_MODEL: string;
  ASSISTANT_API_KEY?: string | undefined;
  ASSISTANT_TIMEOUT_MS: number;
}): AssistantConfig {
  return {
    provider: values.ASSISTANT_PROVIDER_URL
      ? {
          url: values.ASSISTANT_PROVIDER_URL,
          model: values.ASSISTANT_MODEL,
          apiKey: values.ASSISTANT_API_KEY,
          timeoutMs: values.ASSISTANT_TIMEOUT_MS,
        }
      : null,
  };
}
