import {
  type AuthenticatedPrincipal,
  type BotStatus,
  DomainError,
  hasPermission,
  isDomainError,
  type SystemCommand,
  type SystemCommandResult,
  type ZSystemCommandInput,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { pauseBot, resumeBot, stopBot } from '../bots/bot-commands.ts';
import type { BotDeps } from '../bots/bot-deps.ts';

/** Which bots each command acts on, and how. */
const COMMANDS: Record<
  SystemCommand,
  {
    from: BotStatus[];
    run: (deps: BotDeps, principal: AuthenticatedPrincipal, botId: number) => Promise<unknown>;
  }
> = {
  stop: { from: ['ACTIVE', 'PAUSED'], run: stopBot },
  pause: { from: ['ACTIVE'], run: pauseBot },
  resume: { from: ['PAUSED'], run: resumeBot },
  start: { from: ['PAUSED'], run: resumeBot },
};

/**
 * Seed 004's system command over the caller's bots (every user's with `allUsers`, for admins):
 * each bot is acted on in its own transaction, exactly as `bots.stop`/`pause`/`resume` do, so a
 * stopped bot is COMPLETED before the answer and its runner trades no further bar. One audit
 * entry keeps the command, the reason and the bots.
 */
export async function runSystemCommand(
  deps: BotDeps & Pick<ServiceDeps, 'now'>,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZSystemCommandInput>,
): Promise<SystemCommandResult> {
  const everyone = input.allUsers;
  if (everyone && (!hasPermission(principal, 'system:admin') || principal.ownResourcesOnly)) {
    throw new DomainError('PERMISSION_DENIED', "allUsers: only admins act on every user's bots", {
      field: 'allUsers',
      permission: 'system:admin',
    });
  }
  const { from, run } = COMMANDS[input.command];
  const requested = input.parameters.botIds;
  const bots = await deps.db.prisma.bot.findMany({
    where: {
      status: { in: from },
      ...(!everyone && { userId: principal.userId }),
      ...(requested && { id: { in: requested } }),
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const botIds: number[] = [];
  const failures: SystemCommandResult['failures'] = [];
  for (const { id } of bots) {
    try {
      await run(deps, principal, id);
      botIds.push(id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      failures.push({ botId: id, error: error.message });
    }
  }
  // Named bots the command did not find among the caller's in a state it acts on.
  for (const id of requested ?? []) {
    if (!bots.some((bot) => bot.id === id)) {
      failures.push({ botId: id, error: `Bot ${id} not found or not ${from.join('/')}` });
    }
  }
  await recordAudit(deps.db.prisma, meta, {
    action: 'system.command',
    actorUserId: principal.userId,
    targetType: 'bots',
    targetId: everyone ? 'all' : principal.userId,
    metadata: {
      command: input.command,
      reason: input.reason,
      allUsers: everyone,
      botIds,
      failures,
    } as Prisma.InputJsonObject,
  });
  return {
    success: failures.length === 0,
    message: `Trading bot ${input.command} initiated: ${botIds.length} bot(s)${
      failures.length > 0 ? `, ${failures.length} failed` : ''
    }`,
    command: input.command,
    timestamp: deps.now().toISOString(),
    botIds,
    failures,
  };
}
