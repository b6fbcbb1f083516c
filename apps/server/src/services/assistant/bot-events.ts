/** The outbox events that end or pause a bot's trading. */
export const STOP_EVENT_TYPES = ['bot.paused', 'bot.finished', 'bot.error'] as const;

const GUARDS: Record<string, string> = {
  max_drawdown: 'its drawdown guard',
  max_daily_loss: 'its daily loss guard',
};

/**
 * One stop event in words: a short `headline` naming the bot (`Beta paused by its drawdown
 * guard`) and the `detail` the runner recorded, if any. Payloads are the ones the bot runner and
 * the bot commands write (`reason`, `message`).
 */
export function describeStopEvent(
  botName: string,
  event: { type: string; payload: unknown },
): { headline: string; detail: string | undefined } {
  const payload = (event.payload ?? {}) as { reason?: unknown; message?: unknown };
  const reason = typeof payload.reason === 'string' ? payload.reason : undefined;
  const detail = typeof payload.message === 'string' ? payload.message : undefined;
  if (event.type === 'bot.paused') {
    const guard = reason ? GUARDS[reason] : undefined;
    return {
      headline: `${botName} ${guard ? `paused by ${guard}` : 'was paused on request'}`,
      detail,
    };
  }
  if (event.type === 'bot.error') return { headline: `${botName} stopped on an error`, detail };
  if (reason === 'scheduled') {
    return { headline: `${botName} finished at its scheduled end time`, detail };
  }
  return { headline: `${botName} was stopped on request`, detail };
}
