import {
  type AuthenticatedPrincipal,
  type ChatActionRequest,
  DomainError,
  ZBotCreateInput,
} from '@tradewind/core';
import type { RequestMeta } from '../audit/request-meta.ts';
import { pauseBot, resumeBot, stopBot } from '../bots/bot-commands.ts';
import { createBot } from '../bots/create-bot.ts';
import { runSystemCommand } from '../system-control/run-system-command.ts';
import type { AssistantDeps } from './assistant-tool.ts';
import { botLabel } from './bot-lookup.ts';

/**
 * Runs a confirmed action through the use case its API procedure calls (`bots.pause|resume|
 * stop|create`, `system.command stop`), so ownership, state and limits are checked exactly as
 * there. The caller has already checked the procedure's permission.
 */
export async function runChatAction(
  deps: AssistantDeps,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  request: ChatActionRequest,
): Promise<{ response: string; botIds: number[] }> {
  switch (request.type) {
    case 'pause_bot': {
      const bot = await pauseBot(deps, principal, request.botId);
      return { response: `Paused ${botLabel(bot)}.`, botIds: [bot.id] };
    }
    case 'resume_bot': {
      const bot = await resumeBot(deps, principal, request.botId);
      return { response: `Resumed ${botLabel(bot)}.`, botIds: [bot.id] };
    }
    case 'stop_bot': {
      const bot = await stopBot(deps, principal, request.botId, 'stop');
      return { response: `Stopped ${botLabel(bot)}.`, botIds: [bot.id] };
    }
    case 'stop_all_bots': {
      const result = await runSystemCommand(deps, meta, principal, {
        command: 'stop',
        parameters: {},
        reason: 'stop all bots, confirmed in the assistant chat',
        allUsers: false,
      });
      if (!result.success) {
        const failed = result.failures.map((failure) => `#${failure.botId}: ${failure.error}`);
        throw new DomainError('CONFLICT', `Some bots could not be stopped: ${failed.join('; ')}`);
      }
      return { response: `Stopped ${result.botIds.length} bot(s).`, botIds: result.botIds };
    }
    case 'start_bot': {
      const { strategy, params, initialCash, symbols, timeframe } = request;
      const input = ZBotCreateInput.parse({ strategy, params, initialCash, symbols, timeframe });
      const bot = await createBot(deps, principal, input);
      return { response: `Started ${botLabel(bot)}.`, botIds: [bot.id] };
    }
  }
}
