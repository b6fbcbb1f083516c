import type { OperatorAlert, OperatorAlertKind } from '@tradewind/core';
import type { DomainEvent } from '../../events/event-bus.ts';

/** An alert a rule raises: who it is for, the condition it stands for, and what it says. */
export type AlertDraft = {
  userId: string | null;
  botId: number | null;
  kind: OperatorAlertKind;
  type: OperatorAlert['type'];
  severity: OperatorAlert['severity'];
  title: string;
  message: string;
  values: Record<string, unknown>;
  /** The condition: one active alert per key (`feed_unavailable:bot:12`). */
  openKey: string;
};

/** What a rule does with an event: raise an alert, or end the conditions it names. */
export type RuleAction = { raise: AlertDraft } | { resolve: string[] };

type Look = Pick<AlertDraft, 'type' | 'severity' | 'title'>;

/** How each kind looks (seed 004's `type`, `severity` and `title`). */
export const ALERT_LOOKS: Readonly<Record<OperatorAlertKind, Look>> = {
  bot_error: { type: 'error', severity: 'high', title: 'Bot failed' },
  max_drawdown: { type: 'warning', severity: 'high', title: 'Drawdown guard tripped' },
  max_daily_loss: { type: 'warning', severity: 'high', title: 'Daily loss guard tripped' },
  feed_unavailable: { type: 'warning', severity: 'medium', title: 'Market feed unreachable' },
  ledger_inconsistent: { type: 'error', severity: 'critical', title: 'Bot ledger inconsistent' },
  webhook_failing: { type: 'warning', severity: 'medium', title: 'Webhook deliveries failing' },
};

/** The condition key of a kind about one bot (or one webhook subscription). */
export const botKey = (kind: OperatorAlertKind, botId: number) => `${kind}:bot:${botId}`;

/** The conditions that end when a bot resumes (the guards that paused it). */
const RESUMED_ENDS: readonly OperatorAlertKind[] = ['max_drawdown', 'max_daily_loss'];
/** The conditions that end when a bot stops for good. */
const FINISHED_ENDS: readonly OperatorAlertKind[] = [...RESUMED_ENDS, 'feed_unavailable'];

/** The `alert` event kinds (risk guards, feeds) that raise an operator alert as they are. */
const RAISED_ALERT_KINDS: readonly OperatorAlertKind[] = [
  'max_drawdown',
  'max_daily_loss',
  'feed_unavailable',
  'ledger_inconsistent',
];

function draft(
  event: DomainEvent,
  kind: OperatorAlertKind,
  message: string,
  values: Record<string, unknown>,
): RuleAction {
  const botId = event.botId as number;
  return {
    raise: {
      userId: event.userId,
      botId,
      kind,
      ...ALERT_LOOKS[kind],
      message,
      values,
      openKey: botKey(kind, botId),
    },
  };
}

/**
 * The rules over domain events: pure, so every process that sees an event decides the same.
 * A bot in ERROR raises `bot_error`; a guard trip, an unreachable feed or an unreplayable ledger
 * raises its own kind; the feed answering again, the bot resuming or finishing ends them.
 */
export function alertRuleFor(event: DomainEvent): RuleAction | undefined {
  const { botId, payload } = event;
  if (botId === null) return undefined;
  const message = typeof payload.message === 'string' ? payload.message : '';
  switch (event.type) {
    case 'bot.error':
      return draft(event, 'bot_error', `Bot ${botId} stopped with an error: ${message}`, {});
    case 'bot.resumed':
      return { resolve: RESUMED_ENDS.map((kind) => botKey(kind, botId)) };
    case 'bot.finished':
      return { resolve: FINISHED_ENDS.map((kind) => botKey(kind, botId)) };
    case 'alert': {
      const kind = payload.kind as string;
      if (kind === 'feed_restored') return { resolve: [botKey('feed_unavailable', botId)] };
      if (!(RAISED_ALERT_KINDS as readonly string[]).includes(kind)) return undefined;
      const values = (payload.values ?? {}) as Record<string, unknown>;
      return draft(event, kind as OperatorAlertKind, `Bot ${botId}: ${message}`, values);
    }
    default:
      return undefined;
  }
}
