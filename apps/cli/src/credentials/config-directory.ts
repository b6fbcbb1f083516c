import envPaths from 'env-paths';

/**
 * Where the CLI keeps its files: `TRADEWIND_CONFIG_DIR` when set (tests point it at a temp
 * directory), otherwise the platform's config directory, e.g. `~/.config/tradewind` on Linux.
 */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRADEWIND_CONFIG_DIR || envPaths('tradewind', { suffix: '' }).config;
}
