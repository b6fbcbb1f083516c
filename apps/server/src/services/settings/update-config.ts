import type {
  AuthenticatedPrincipal,
  ConfigUpdateResult,
  SettingKey,
  SettingLevel,
  ZConfigUpdateInput,
} from '@tradewind/core';
import { SETTINGS } from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { inBotTransaction } from '../bots/bot-transaction.ts';
import { validateSettings } from './validate-settings.ts';

type Change = { key: SettingKey; old: unknown; new: unknown };

/** Stores the values of one level and answers each key's previous stored value (null: unset). */
async function store(
  tx: Prisma.TransactionClient,
  level: SettingLevel,
  userId: string,
  values: readonly [SettingKey, unknown][],
): Promise<Change[]> {
  const changes: Change[] = [];
  for (const [key, value] of values) {
    const json = value as Prisma.InputJsonValue;
    if (level === 'system') {
      const old = await tx.systemConfig.findUnique({ where: { key } });
      await tx.systemConfig.upsert({
        where: { key },
        create: { key, value: json },
        update: { value: json },
      });
      changes.push({ key, old: old?.value ?? null, new: value });
    } else {
      const where = { userId_key: { userId, key } };
      const old = await tx.userSetting.findUnique({ where });
      await tx.userSetting.upsert({
        where,
        create: { userId, key, value: json },
        update: { value: json },
      });
      changes.push({ key, old: old?.value ?? null, new: value });
    }
  }
  return changes;
}

/**
 * `config.update` (system level) and `config.updateDefaults` (the caller's own): checks every
 * key, then, unless `validateOnly`, stores the values, audits each old and new value and
 * announces `config.changed` on the event bus in the same transaction, so every process drops
 * its cached values.
 */
export async function updateConfig(
  deps: Pick<ServiceDeps, 'config' | 'db' | 'events'>,
  meta: RequestMeta,
  principal: AuthenticatedPrincipal,
  level: SettingLevel,
  input: z.output<typeof ZConfigUpdateInput>,
): Promise<ConfigUpdateResult> {
  const values = validateSettings(deps.config, level, input.settings);
  const updatedSettings = values.map(([key]) => key);
  const restartRequired = values.some(([key]) => SETTINGS[key].restartRequired);
  if (input.validateOnly) {
    return {
      success: true,
      message: 'Configuration is valid; nothing was changed (validate_only)',
      restartRequired,
      updatedSettings,
    };
  }
  await inBotTransaction(deps, async (tx) => {
    const changes = await store(tx, level, principal.userId, values);
    await recordAudit(tx, meta, {
      action: 'config.updated',
      actorUserId: principal.userId,
      targetType: level === 'system' ? 'system_config' : 'user_settings',
      targetId: level === 'system' ? 'system' : principal.userId,
      metadata: { level, changes } as Prisma.InputJsonObject,
    });
    return {
      result: undefined,
      events: [
        {
          type: 'config.changed' as const,
          userId: principal.userId,
          botId: null,
          payload: { level, keys: updatedSettings },
        },
      ],
    };
  });
  return {
    success: true,
    message: restartRequired
      ? 'Configuration updated; restart the server for keys marked restart-required to take effect'
      : 'Configuration updated successfully',
    restartRequired,
    updatedSettings,
  };
}
