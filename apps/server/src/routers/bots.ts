import {
  ZAcknowledgement,
  ZBot,
  ZBotChart,
  ZBotChartInput,
  ZBotCreateInput,
  ZBotDetail,
  ZBotForceEnterInput,
  ZBotForceExitInput,
  ZBotIdInput,
  ZBotListInput,
  ZTrade,
} from '@tradewind/core';
import { z } from 'zod';
import { botChart } from '../services/bots/bot-chart.ts';
import {
  deleteBot,
  forceEnter,
  forceExit,
  pauseBot,
  resumeBot,
  stopBot,
} from '../services/bots/bot-commands.ts';
import { activeBot, getBot, listBots } from '../services/bots/bot-queries.ts';
import { createBot } from '../services/bots/create-bot.ts';
import { protectedProcedure, router } from '../trpc/init.ts';

const readProcedure = protectedProcedure.meta({ permission: 'bots:read', rateLimit: 'read' });
const controlProcedure = protectedProcedure.meta({
  permission: 'bots:control',
  rateLimit: 'control',
});

/** Bots (seed 000's trading sessions): the caller's own. */
export const botsRouter = router({
  create: controlProcedure
    .input(ZBotCreateInput)
    .output(ZBot)
    .mutation(({ ctx, input }) => createBot(ctx, ctx.principal, input)),
  list: readProcedure
    .input(ZBotListInput)
    .output(z.array(ZBot))
    .query(({ ctx, input }) => listBots(ctx, ctx.principal, input)),
  get: readProcedure
    .input(ZBotIdInput)
    .output(ZBotDetail)
    .query(({ ctx, input }) => getBot(ctx, ctx.principal, input.botId)),
  active: readProcedure.output(ZBot.nullable()).query(({ ctx }) => activeBot(ctx, ctx.principal)),
  pause: controlProcedure
    .input(ZBotIdInput)
    .output(ZBot)
    .mutation(({ ctx, input }) => pauseBot(ctx, ctx.principal, input.botId)),
  resume: controlProcedure
    .input(ZBotIdInput)
    .output(ZBot)
    .mutation(({ ctx, input }) => resumeBot(ctx, ctx.principal, input.botId)),
  stop: controlProcedure
    .input(ZBotIdInput)
    .output(ZBot)
    .mutation(({ ctx, input }) => stopBot(ctx, ctx.principal, input.botId, 'stop')),
  terminate: controlProcedure
    .input(ZBotIdInput)
    .output(ZBot)
    .mutation(({ ctx, input }) => stopBot(ctx, ctx.principal, input.botId, 'terminate')),
  delete: controlProcedure
    .input(ZBotIdInput)
    .output(ZAcknowledgement)
    .mutation(({ ctx, input }) => deleteBot(ctx, ctx.principal, input.botId)),
  forceEnter: controlProcedure
    .input(ZBotForceEnterInput)
    .output(ZTrade)
    .mutation(({ ctx, input }) => forceEnter(ctx, ctx.principal, input)),
  forceExit: controlProcedure
    .input(ZBotForceExitInput)
    .output(ZTrade)
    .mutation(({ ctx, input }) => forceExit(ctx, ctx.principal, input)),
  /** The bars the bot traded on and its equity after each, for the dashboard's charts. */
  chart: readProcedure
    .input(ZBotChartInput)
    .output(ZBotChart)
    .query(({ ctx, input }) => botChart(ctx, ctx.principal, input)),
});
