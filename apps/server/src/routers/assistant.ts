import {
  ZChatCleared,
  ZChatConfirmInput,
  ZChatConfirmResult,
  ZChatGreeting,
  ZChatHistory,
  ZChatHistoryInput,
  ZChatMessageInput,
  ZChatReply,
} from '@tradewind/core';
import { chat } from '../services/assistant/chat.ts';
import { chatHistory, clearChatHistory } from '../services/assistant/chat-history.ts';
import { confirmChatAction } from '../services/assistant/confirmations.ts';
import { chatGreeting } from '../services/assistant/daily-report.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });
// A message may call a model provider and writes history; confirming acts on bots.
const writeProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'control' });

/** Seed 003's AI chat: the caller's own data, actions only with a confirmation token. */
export const assistantRouter = router({
  message: writeProcedure
    .input(ZChatMessageInput)
    .output(ZChatReply)
    .mutation(({ ctx, input }) => chat(ctx, ctx.principal, input.message)),
  history: readProcedure
    .input(ZChatHistoryInput)
    .output(ZChatHistory)
    .query(({ ctx, input }) => chatHistory(ctx, ctx.principal.userId, input.limit)),
  greeting: readProcedure
    .output(ZChatGreeting)
    .mutation(({ ctx }) => chatGreeting(ctx, ctx.principal)),
  clear: writeProcedure
    .output(ZChatCleared)
    .mutation(({ ctx }) => clearChatHistory(ctx, ctx.principal.userId)),
  /** Runs a proposed action; needs `bots:control`, checked in the service like the bots API. */
  confirm: protectedProcedure
    .meta({ permission: 'bots:read', rateLimit: 'control' })
    .input(ZChatConfirmInput)
    .output(ZChatConfirmResult)
    .mutation(({ ctx, input }) => confirmChatAction(ctx, ctx.meta, ctx.principal, input.token)),
});
