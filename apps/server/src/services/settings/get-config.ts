import type { AuthenticatedPrincipal, ConfigView, SettingLevel } from '@tradewind/core';
import type { ServiceDeps } from '../../service-deps.ts';
import { effectiveSettings } from './effective-settings.ts';

/** `config.get`: seed 004's `GET /config` for the system level or the caller's own defaults. */
export async function getConfig(
  deps: Pick<ServiceDeps, 'config' | 'settings' | 'version'>,
  principal: AuthenticatedPrincipal,
  level: SettingLevel,
): Promise<ConfigView> {
  const { entries, settings, lastUpdated } = await effectiveSettings(deps, level, principal.userId);
  return {
    environment: deps.config.environment,
    version: deps.version,
    level,
    lastUpdated,
    settings,
    entries,
  };
}
