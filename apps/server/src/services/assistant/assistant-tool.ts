import type { AuthenticatedPrincipal, Bot, ChatActionRequest } from '@tradewind/core';
import { z } from 'zod';
import type { BotDeps } from '../bots/bot-deps.ts';

/** What the assistant's services work with: the bot use cases' parts. */
export type AssistantDeps = BotDeps;

/** One conversation turn's facts: who asks, in which currency, and their own bots. */
export type ToolContext = {
  deps: AssistantDeps;
  /** The caller narrowed to their own resources: the assistant never reaches anyone else's. */
  principal: AuthenticatedPrincipal;
  currency: string;
  /** The caller's bots, newest first (the same list `bots.list` answers). */
  bots: Bot[];
};

/** An action the user must confirm before it runs. */
export type Proposal = { request: ChatActionRequest; description: string };

/**
 * A tool's answer: `text` for a person (the offline engine's reply), `data` for a model (sent
 * as a tool result, i.e. as data), and at most one proposal (never an executed action).
 */
export type ToolOutcome = { text: string; data: unknown; proposal?: Proposal };

/** A read service or a confirm-gated action, as both engines call it. */
export type AssistantTool = {
  name: string;
  description: string;
  /** Arguments as JSON Schema, for the model. */
  jsonSchema: Record<string, unknown>;
  /** Validates `args` (from the intent parser or a model) and runs. */
  run(context: ToolContext, args: unknown): Promise<ToolOutcome>;
};

/** Builds a tool whose arguments are checked by `parameters` before `run` sees them. */
export function defineTool<S extends z.ZodObject>(tool: {
  name: string;
  description: string;
  parameters: S;
  run(context: ToolContext, args: z.output<S>): Promise<ToolOutcome>;
}): AssistantTool {
  // Chat-completions APIs want a plain object schema, without the `$schema` dialect line.
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(tool.parameters);
  return {
    name: tool.name,
    description: tool.description,
    jsonSchema,
    run: async (context, args) => {
      const parsed = tool.parameters.safeParse(args ?? {});
      if (!parsed.success) {
        const text = `I could not use ${tool.name}: ${z.prettifyError(parsed.error)}`;
        return { text, data: { error: text } };
      }
      return tool.run(context, parsed.data);
    },
  };
}

/** The argument of every tool about one bot: its name (or `#id`). */
export const ZBotReference = z.object({
  bot: z.string().min(1).max(200).describe("the bot's name, or #id"),
});
