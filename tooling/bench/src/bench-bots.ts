/** Users with one trading paper bot each, on a benchmark server, driven over plain HTTP. */
import { trpcCall } from '@tradewind/testing';

export type BenchBot = { id: number; token: string };

/**
 * Registers `count` users (`<prefix>-<n>@example.com`; password hashing is the slow part, so
 * all users first), then gives each a MovingAverage(2, 4) bot on AAPL and MSFT, which starts
 * trading at once.
 */
export async function usersWithBots(url: string, prefix: string, count: number) {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const { accessToken } = await trpcCall<{ accessToken: string }>(url, 'auth.register', {
      email: `${prefix}-${index}@example.com`,
      password: 'correct horse battery 42',
      firstName: 'Bench',
    });
    tokens.push(accessToken);
  }
  const bots: BenchBot[] = [];
  for (const token of tokens) {
    const bot = await trpcCall<{ id: number }>(
      url,
      'bots.create',
      {
        initialCash: 10_000,
        symbols: ['AAPL', 'MSFT'],
        strategy: 'MovingAverage',
        params: { fast: 2, slow: 4 },
      },
      token,
    );
    bots.push({ id: bot.id, token });
  }
  return { tokens, bots };
}

/** Pauses or resumes every bot, one call each. */
export async function setBots(
  url: string,
  bots: readonly BenchBot[],
  action: 'pause' | 'resume',
): Promise<void> {
  for (const bot of bots) await trpcCall(url, `bots.${action}`, { botId: bot.id }, bot.token);
}
