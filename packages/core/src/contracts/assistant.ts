import { z } from 'zod';
import { zSafeString } from './safe-string.ts';

/** The longest chat message accepted; a longer one is refused naming `message`. */
export const CHAT_MESSAGE_MAX_LENGTH = 2000;
/** How long a confirmation token stays valid. */
export const CHAT_CONFIRMATION_TTL_MS = 5 * 60_000;

/** Seed 003's `POST /api/ai/chat` body. */
export const ZChatMessageInput = z
  .object({
    message: zSafeString({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(CHAT_MESSAGE_MAX_LENGTH, `must be at most ${CHAT_MESSAGE_MAX_LENGTH} characters`),
  })
  .strict();
export type ChatMessageInput = z.input<typeof ZChatMessageInput>;

/** What the assistant can do once the user confirms; each is one API procedure. */
export const CHAT_ACTION_TYPES = [
  'pause_bot',
  'resume_bot',
  'stop_bot',
  'stop_all_bots',
  'start_bot',
] as const;
export const ZChatActionType = z.enum(CHAT_ACTION_TYPES);
export type ChatActionType = z.infer<typeof ZChatActionType>;

/** An action and its parameters, exactly as it will run when confirmed. */
export const ZChatActionRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.enum(['pause_bot', 'resume_bot', 'stop_bot']),
    botId: z.number().int(),
    botName: z.string(),
  }),
  z.object({ type: z.literal('stop_all_bots') }),
  z.object({
    type: z.literal('start_bot'),
    strategy: z.string(),
    params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
    initialCash: z.number(),
    symbols: z.array(z.string()),
    timeframe: z.string().optional(),
    /** The template it came from, when one was named. */
    templateId: z.string().optional(),
  }),
]);
export type ChatActionRequest = z.infer<typeof ZChatActionRequest>;

/** A proposed action: what it does, in words, and the token that confirms it. */
export const ZChatAction = z.object({
  type: ZChatActionType,
  description: z.string(),
  /** Single use, bound to this user and this action; send it to `chat.confirm`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
});
export type ChatAction = z.infer<typeof ZChatAction>;

/** Seed 003's chat answer (camelCase), plus which engine answered and the time. */
export const ZChatReply = z.object({
  success: z.literal(true),
  response: z.string(),
  requiresConfirmation: z.boolean(),
  actions: z.array(ZChatAction),
  /** `offline`: the built-in intent engine; `model`: the configured model provider. */
  engine: z.enum(['offline', 'model']),
  timestamp: z.iso.datetime(),
});
export type ChatReply = z.infer<typeof ZChatReply>;

export const ZChatRole = z.enum(['user', 'assistant']);
export type ChatRole = z.infer<typeof ZChatRole>;

export const ZChatHistoryInput = z
  .object({ limit: z.number().int().min(1).max(500).default(50) })
  .strict()
  .default({ limit: 50 });
export type ChatHistoryInput = z.input<typeof ZChatHistoryInput>;

/** Seed 003's history: the latest `limit` messages, oldest first. */
export const ZChatHistory = z.object({
  success: z.literal(true),
  messages: z.array(
    z.object({ role: ZChatRole, content: z.string(), timestamp: z.iso.datetime() }),
  ),
});
export type ChatHistory = z.infer<typeof ZChatHistory>;

/** Seed 003's greeting with a daily report of the last 24 hours. */
export const ZChatGreeting = z.object({
  success: z.literal(true),
  greeting: z.string(),
  dailyReport: z.object({ summary: z.string(), highlights: z.array(z.string()) }),
});
export type ChatGreeting = z.infer<typeof ZChatGreeting>;

export const ZChatCleared = z.object({ success: z.literal(true), message: z.string() });
export type ChatCleared = z.infer<typeof ZChatCleared>;

export const ZChatConfirmInput = z
  .object({
    token: zSafeString({ error: 'must be a string' }).trim().min(1, 'is required').max(200),
  })
  .strict();
export type ChatConfirmInput = z.input<typeof ZChatConfirmInput>;

/** What a confirmed action did. */
export const ZChatConfirmResult = z.object({
  success: z.literal(true),
  type: ZChatActionType,
  response: z.string(),
  /** The bots the action changed. */
  botIds: z.array(z.number().int()),
  timestamp: z.iso.datetime(),
});
export type ChatConfirmResult = z.infer<typeof ZChatConfirmResult>;
