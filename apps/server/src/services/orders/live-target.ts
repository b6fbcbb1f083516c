import type { ExecutionPort } from '@tradewind/engine';

/** Where a LIVE bot's order goes: the bot, its account and the account's execution port. */
export type LiveTarget = { botId: number; accountId: string; port: ExecutionPort };
