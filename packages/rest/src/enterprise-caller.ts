import type {
  Bot,
  BotCreateInput,
  BotDetail,
  PerformanceRecord,
  StatsSummary,
} from '@tradewind/core';

/**
 * The tRPC procedures the enterprise routes call, as the server's `createCaller` exposes them.
 * The server passes its real caller (it satisfies this type), so this package never imports
 * the server and auth, validation, permissions and rate limits stay in the procedures.
 */
export type EnterpriseCaller = {
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
