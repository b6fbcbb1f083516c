/** Seed 000's bot, performance and stats routes, each mapped onto one tRPC procedure. */
import {
  DomainError,
  ZEnterpriseActiveBotResponse,
  ZEnterpriseBotCreateInput,
  ZEnterpriseBotDetailResponse,
  ZEnterpriseBotListResponse,
  ZEnterpriseBotPath,
  ZEnterpriseListQuery,
  ZEnterpriseMessageResponse,
  ZEnterprisePerformanceResponse,
  ZEnterpriseStartedBotResponse,
  ZEnterpriseStatsResponse,
} from '@tradewind/core';
import type { EnterpriseBotsCaller } from './enterprise-caller.ts';
import {
  toEnterpriseActiveBot,
  toEnterpriseBot,
  toEnterpriseBotDetail,
  toEnterprisePerformanceRecord,
  toEnterpriseStartedBot,
  toEnterpriseStats,
} from './enterprise-mappings.ts';
import { defineRoute, type EnterpriseRoute, success, successMessage } from './enterprise-route.ts';

export const botRoutes: readonly EnterpriseRoute<EnterpriseBotsCaller>[] = [
  defineRoute({
    method: 'GET',
    path: '/bots',
    operationId: 'listBots',
    summary: 'List your bots (trading sessions), newest first',
    tag: 'Bots',
    query: ZEnterpriseListQuery,
    status: 200,
    response: ZEnterpriseBotListResponse,
    responseName: 'BotListResponse',
    errors: [400],
    handle: async (caller: EnterpriseBotsCaller, { query }) =>
      success((await caller.bots.list({ limit: query.limit })).map(toEnterpriseBot)),
  }),
  defineRoute({
    method: 'GET',
    path: '/bots/active',
    operationId: 'getActiveBot',
    summary: 'The bot currently running',
    tag: 'Bots',
    status: 200,
    response: ZEnterpriseActiveBotResponse,
    responseName: 'ActiveBotResponse',
    errors: [404],
    handle: async (caller: EnterpriseBotsCaller) => {
      const bot = await caller.bots.active();
      if (!bot) throw new DomainError('NOT_FOUND', 'No active bot found');
      return success(toEnterpriseActiveBot(bot));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/bots/:botId',
    operationId: 'getBot',
    summary: 'One bot with all its trades',
    tag: 'Bots',
    params: ZEnterpriseBotPath,
    status: 200,
    response: ZEnterpriseBotDetailResponse,
    responseName: 'BotDetailResponse',
    errors: [400, 404],
    handle: async (caller: EnterpriseBotsCaller, { params }) =>
      success(toEnterpriseBotDetail(await caller.bots.get({ botId: params.botId }))),
  }),
  defineRoute({
    method: 'POST',
    path: '/bots',
    operationId: 'startBot',
    summary: 'Create and start a bot',
    tag: 'Bots',
    body: ZEnterpriseBotCreateInput,
    status: 201,
    response: ZEnterpriseStartedBotResponse,
    responseName: 'StartedBotResponse',
    errors: [400, 409, 413, 415, 422],
    handle: async (caller: EnterpriseBotsCaller, { body }) =>
      success(toEnterpriseStartedBot(await caller.bots.create(body))),
  }),
  defineRoute({
    method: 'POST',
    path: '/bots/:botId/stop',
    operationId: 'stopBot',
    summary: 'Stop a running bot; it finishes as COMPLETED',
    tag: 'Bots',
    params: ZEnterpriseBotPath,
    status: 200,
    response: ZEnterpriseMessageResponse,
    responseName: 'MessageResponse',
    errors: [400, 404, 409, 413, 415, 422],
    handle: async (caller: EnterpriseBotsCaller, { params }) => {
      await caller.bots.stop({ botId: params.botId });
      return successMessage('Bot stopped successfully');
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/performance',
    operationId: 'listPerformance',
    summary: 'Performance records of your finished bots, newest first',
    tag: 'Performance',
    query: ZEnterpriseListQuery,
    status: 200,
    response: ZEnterprisePerformanceResponse,
    responseName: 'PerformanceResponse',
    errors: [400],
    handle: async (caller: EnterpriseBotsCaller, { query }) =>
      success(
        (await caller.performance.records({ limit: query.limit })).map(
          toEnterprisePerformanceRecord,
        ),
      ),
  }),
  defineRoute({
    method: 'GET',
    path: '/stats',
    operationId: 'getStats',
    summary: 'Aggregate statistics across all your bots',
    tag: 'Performance',
    status: 200,
    response: ZEnterpriseStatsResponse,
    responseName: 'StatsResponse',
    errors: [],
    handle: async (caller: EnterpriseBotsCaller) =>
      success(toEnterpriseStats(await caller.performance.stats())),
  }),
];
