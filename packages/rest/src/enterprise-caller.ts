import type {
  Bot,
  BotCreateInput,
  BotDetail,
  PerformanceRecord,
  StatsSummary,
} from '@tradewind/core';
import type { EnterpriseWebhooksCaller } from './webhook-routes.ts';

/**
 * The tRPC procedures the bot routes call, as the server's `createCaller` exposes them.
 * The server passes its real caller (it satisfies this type), so this package never imports
 * the server and auth, validation, permissions and rate limits stay in the procedures.
 */
export type EnterpriseBotsCaller = {
  bots: {
    list(input: { limit: number }): Promise<Bot[]>;
    active(): Promise<Bot | null>;
    get(input: { botId: number }): Promise<BotDetail>;
    create(input: BotCreateInput): Promise<Bot>;
    stop(input: { botId: number }): Promise<Bot>;
  };
  performance: {
    records(input: { limit: number }): Promise<PerformanceRecord[]>;
    stats(): Promise<StatsSummary>;
  };
};

/** Everything the enterprise route table calls. */
export type EnterpriseCaller = EnterpriseBotsCaller & EnterpriseWebhooksCaller;
