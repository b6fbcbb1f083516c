import {
  DomainError,
  flattenSettings,
  isSettingKey,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
  type SettingLevel,
  type SettingsTree,
} from '@tradewind/core';
import type { Config } from '../../config.ts';
import { environmentValue } from './environment-settings.ts';

/** Why `value` cannot be stored for `key` at `level`, or undefined when it can. */
function problemWith(
  config: Config,
  level: SettingLevel,
  key: string,
  value: unknown,
): string | undefined {
  if (!isSettingKey(key)) return `unknown setting (known: ${SETTING_KEYS.join(', ')})`;
  const definition = SETTINGS[key];
  if (!(definition.levels as readonly SettingLevel[]).includes(level)) {
    return 'a system setting: only an admin changes it, with config.update';
  }
  if (level === 'system' && environmentValue(config, key)) {
    const variable = 'environmentVariable' in definition ? definition.environmentVariable : '';
    return `set by the environment variable ${variable}, which wins; unset it to change this here`;
  }
  const parsed = definition.schema.safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'invalid value');
}

/**
 * Checks every key of a partial settings tree; all problems are reported at once, each naming
 * its key (`risk.stop_loss_percent: expected at most 1`), and nothing is changed.
 */
export function validateSettings(
  config: Config,
  level: SettingLevel,
  tree: SettingsTree,
): [SettingKey, unknown][] {
  const changes = flattenSettings(tree);
  if (changes.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'settings: expected at least one setting', {
      field: 'settings',
    });
  }
  const problems = changes.flatMap(([key, value]) => {
    const problem = problemWith(config, level, key, value);
    return problem === undefined ? [] : [{ key, message: `${key}: ${problem}` }];
  });
  const first = problems[0];
  if (first) {
    throw new DomainError('VALIDATION_ERROR', problems.map((p) => p.message).join('; '), {
      field: `settings.${first.key}`,
      keys: problems.map((p) => p.key),
    });
  }
  return changes as [SettingKey, unknown][];
}
