import {
  nestSettings,
  SETTING_KEYS,
  SETTINGS,
  type SettingEntry,
  type SettingKey,
  type SettingLevel,
} from '@tradewind/core';
import type { Config } from '../../config.ts';
import { environmentValue } from './environment-settings.ts';
import type { RuntimeSettings, StoredSettings } from './runtime-settings.ts';

/** Where a key's value comes from, highest first: environment, the user's, the system's, default. */
function entryFor(
  config: Config,
  key: SettingKey,
  system: StoredSettings,
  user: StoredSettings | undefined,
): SettingEntry {
  const definition = SETTINGS[key];
  const fromEnvironment = environmentValue(config, key);
  const [value, source] = fromEnvironment
    ? [fromEnvironment.value, 'environment' as const]
    : user?.values.has(key)
      ? [user.values.get(key), 'user' as const]
      : system.values.has(key)
        ? [system.values.get(key), 'system' as const]
        : [definition.default, 'default' as const];
  return {
    key,
    value,
    default: definition.default,
    source,
    restartRequired: definition.restartRequired,
    levels: [...definition.levels],
    ...('environmentVariable' in definition && {
      environmentVariable: definition.environmentVariable,
    }),
    description: definition.description,
  };
}

/**
 * The effective settings of a level: every key for `system`; for `user`, the keys a user may
 * set, with the user's own values over the system's.
 */
export async function effectiveSettings(
  deps: { config: Config; settings: RuntimeSettings },
  level: SettingLevel,
  userId: string,
) {
  const system = await deps.settings.system();
  const user = level === 'user' ? await deps.settings.user(userId) : undefined;
  const keys = SETTING_KEYS.filter((key) =>
    (SETTINGS[key].levels as readonly SettingLevel[]).includes(level),
  );
  const entries = keys.map((key) => entryFor(deps.config, key, system, user));
  return {
    entries,
    settings: nestSettings(entries.map((entry) => [entry.key, entry.value])),
    lastUpdated: (user ?? system).lastUpdated,
  };
}
