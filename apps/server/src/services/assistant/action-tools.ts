import {
  type Bot,
  type BotStatus,
  type ChatActionRequest,
  hasPermission,
  isDomainError,
  RUNNING_STATUSES,
  ZBotCreateInput,
} from '@tradewind/core';
import { findStrategyDefinition } from '@tradewind/engine';
import { z } from 'zod';
import { STRATEGY_TEMPLATES } from '../strategies/strategy-templates.ts';
import {
  type AssistantTool,
  defineTool,
  type ToolContext,
  type ToolOutcome,
  ZBotReference,
} from './assistant-tool.ts';
import { botLabel, findBot, normalizeName, unknownBot } from './bot-lookup.ts';
import { formatMoney } from './money-format.ts';

/** The permission every action needs, as the bots procedures and `system.command` declare it. */
export const ACTION_PERMISSION = 'bots:control';

function propose(request: ChatActionRequest, description: string): ToolOutcome {
  return {
    text: `I can do this for you: ${description}. Confirm to go ahead (the confirmation expires in 5 minutes).`,
    data: { proposed: description, requiresUserConfirmation: true },
    proposal: { request, description },
  };
}

function refuse(text: string): ToolOutcome {
  return { text, data: { refused: text } };
}

function withControl(context: ToolContext, act: () => ToolOutcome): ToolOutcome {
  if (!hasPermission(context.principal, ACTION_PERMISSION)) {
    return refuse(`You can't do that: it needs the ${ACTION_PERMISSION} permission.`);
  }
  return act();
}

/** A confirm-gated action on one bot, allowed from `from` statuses only. */
function botAction(
  type: 'pause_bot' | 'resume_bot' | 'stop_bot',
  verb: string,
  participle: string,
  from: readonly BotStatus[],
  describe: (bot: Bot) => string,
): AssistantTool {
  return defineTool({
    name: type,
    description: `Propose to ${verb} one of the user's bots; nothing happens until the user confirms.`,
    parameters: ZBotReference,
    run: async (context, { bot: reference }) =>
      withControl(context, () => {
        const bot = findBot(context.bots, reference);
        if (bot === undefined) return unknownBot(context.bots);
        if (!from.includes(bot.status)) {
          return refuse(`${botLabel(bot)} is ${bot.status}, so it cannot be ${participle} now.`);
        }
        return propose({ type, botId: bot.id, botName: bot.name }, describe(bot));
      }),
  });
}

const stopAll = defineTool({
  name: 'stop_all_bots',
  description:
    "Propose to stop all the user's running bots (the kill switch); nothing happens until the user confirms.",
  parameters: z.object({}),
  run: async (context) =>
    withControl(context, () => {
      const running = context.bots.filter((bot) =>
        (RUNNING_STATUSES as readonly string[]).includes(bot.status),
      );
      if (running.length === 0) return refuse('None of your bots is running.');
      return propose(
        { type: 'stop_all_bots' },
        `stop all ${running.length} running bot${running.length === 1 ? '' : 's'} (${running.map(botLabel).join(', ')}), closing their positions`,
      );
    }),
});

const ZStartBotArguments = z.object({
  strategy: z
    .string()
    .min(1)
    .max(100)
    .describe('a built-in strategy (MovingAverage, Momentum, ...) or a template id (golden-cross)'),
  cash: z.number().describe('initial cash'),
  symbols: z.array(z.string()).min(1).describe('symbols to trade, e.g. ["AAPL"]'),
});

/** A template by id or name (`golden cross`), or a built-in algorithm with its defaults. */
function resolveStrategy(name: string) {
  const wanted = normalizeName(name);
  const template = STRATEGY_TEMPLATES.find(
    (candidate) =>
      normalizeName(candidate.id) === wanted || normalizeName(candidate.name) === wanted,
  );
  if (template) {
    const definition = findStrategyDefinition(template.algorithm);
    if (definition === undefined) return undefined;
    return { definition, params: template.parameters, template };
  }
  const definition = findStrategyDefinition(name);
  return definition && { definition, params: {}, template: undefined };
}

const startBot = defineTool({
  name: 'start_bot',
  description:
    'Propose to start a paper bot from a built-in strategy or template with cash and symbols; nothing happens until the user confirms.',
  parameters: ZStartBotArguments,
  run: async (context, args) =>
    withControl(context, () => {
      const resolved = resolveStrategy(args.strategy);
      if (resolved === undefined) {
        const known = [...STRATEGY_TEMPLATES.map((template) => template.id)].join(', ');
        return refuse(`I don't know that strategy. Strategies and templates: ${known}.`);
      }
      const { definition, template } = resolved;
      const input = ZBotCreateInput.safeParse({
        initialCash: args.cash,
        symbols: args.symbols.map((symbol) => symbol.toUpperCase()),
        strategy: definition.name,
        params: resolved.params,
        ...(template && { timeframe: template.timeframe }),
      });
      if (!input.success) return refuse(`I can't start that bot: ${z.prettifyError(input.error)}`);
      try {
        definition.parseParams(input.data.params);
      } catch (error) {
        if (isDomainError(error)) return refuse(`I can't start that bot: ${error.message}`);
        throw error;
      }
      const params = input.data.params;
      const shown = Object.entries(params)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');
      return propose(
        {
          type: 'start_bot',
          strategy: definition.name,
          params,
          initialCash: input.data.initialCash,
          symbols: input.data.symbols,
          timeframe: input.data.timeframe,
          ...(template && { templateId: template.id }),
        },
        `start a paper bot running ${template ? `the ${template.name} template (${definition.name})` : definition.name}` +
          `${shown ? ` with ${shown}` : ''} on ${input.data.symbols.join(', ')} with ${formatMoney(input.data.initialCash, context.currency)}`,
      );
    }),
});

/** The confirm-gated actions both engines may propose. */
export const ACTION_TOOLS: readonly AssistantTool[] = [
  botAction('pause_bot', 'pause', 'paused', ['ACTIVE'], (bot) => `pause ${botLabel(bot)}`),
  botAction('resume_bot', 'resume', 'resumed', ['PAUSED'], (bot) => `resume ${botLabel(bot)}`),
  botAction(
    'stop_bot',
    'stop',
    'stopped',
    ['ACTIVE', 'PAUSED'],
    (bot) => `stop ${botLabel(bot)}, closing its positions at the last price`,
  ),
  stopAll,
  startBot,
];
