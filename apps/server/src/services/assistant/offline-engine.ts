import { STRATEGY_REGISTRY } from '@tradewind/engine';
import { STRATEGY_TEMPLATES } from '../strategies/strategy-templates.ts';
import type { ToolContext, ToolOutcome } from './assistant-tool.ts';
import { ASSISTANT_TOOLS } from './assistant-tools.ts';
import { botLabel } from './bot-lookup.ts';
import { parseIntent } from './intent-parser.ts';

/** Built-in algorithms and template ids and names, as the intent parser recognises them. */
export const STRATEGY_NAMES = [
  ...STRATEGY_REGISTRY.keys(),
  ...STRATEGY_TEMPLATES.flatMap((template) => [template.id, template.name]),
];

export const HELP_TEXT =
  'Ask me about your portfolio ("how are my bots?"), one bot ("how is Alpha doing?"), your best ' +
  'and worst bot, open positions, alerts, backtest results, or why a bot stopped. I can also ' +
  'pause, resume or stop a bot, stop all bots, or start a bot ("start a MovingAverage bot with ' +
  '10000 on AAPL"), each once you confirm.';

function reply(text: string): ToolOutcome {
  return { text, data: null };
}

/**
 * The offline engine: reads the message with the deterministic intent parser and answers with
 * the tool it names. No network; the same message over the same data gives the same answer.
 */
export async function offlineReply(context: ToolContext, message: string): Promise<ToolOutcome> {
  const intent = parseIntent(message, {
    botNames: context.bots.map((bot) => bot.name),
    strategyNames: STRATEGY_NAMES,
  });
  switch (intent.kind) {
    case 'tool': {
      const tool = ASSISTANT_TOOLS.get(intent.tool);
      if (tool === undefined) throw new Error(`intent names no tool: ${intent.tool}`);
      return tool.run(context, intent.args);
    }
    case 'greeting':
      return reply(`Hello! ${HELP_TEXT}`);
    case 'help':
      return reply(HELP_TEXT);
    case 'need_bot':
      return reply(
        context.bots.length === 0
          ? 'You have no bots yet.'
          : `Which bot do you mean? Your bots: ${context.bots.map(botLabel).join(', ')}.`,
      );
    case 'start_help':
      return reply(
        `To start a bot I need ${intent.missing.join(', ')}: for example "start a MovingAverage bot with 10000 on AAPL" or "start golden-cross with 5000 on SPY".`,
      );
    case 'unknown':
      return reply(`I'm not sure what you mean. ${HELP_TEXT}`);
  }
}
