import {
  type AuthenticatedPrincipal,
  DomainError,
  hasPermission,
  type TradingViewAlert,
  ZTradingViewAlert,
} from '@tradewind/core';
import type { z } from 'zod';
import { signatureMatches } from './alert-signature.ts';
import type { IncomingSignal } from './incoming-signal.ts';

function firstIssuePerField(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'body';
    fields[field] ??= issue.message;
  }
  return fields;
}

/**
 * Everything that refuses a signal before it reaches a bot, in the order a caller fixes it:
 * the body, the signature, the fields, the owner's right to trade, staleness. Throws a
 * `DomainError` naming the field.
 */
export function checkAlert(
  now: Date,
  incoming: IncomingSignal,
  principal: AuthenticatedPrincipal,
): TradingViewAlert {
  if (!incoming.body.ok) {
    throw new DomainError('VALIDATION_ERROR', `body: ${incoming.body.problem}`, {
      fieldErrors: { body: incoming.body.problem },
    });
  }
  if (
    incoming.signature !== undefined &&
    !signatureMatches(incoming.rawBody, incoming.token, incoming.signature)
  ) {
    throw new DomainError(
      'AUTH_INVALID',
      'X-TradingView-Signature does not match the body: expected sha256=<hex HMAC-SHA256 of the body keyed with your webhook token>',
    );
  }
  const parsed = ZTradingViewAlert.safeParse(incoming.body.value);
  if (!parsed.success) {
    const fieldErrors = firstIssuePerField(parsed.error);
    const summary = Object.entries(fieldErrors).map(([field, problem]) => `${field}: ${problem}`);
    throw new DomainError('VALIDATION_ERROR', summary.join('; '), { fieldErrors });
  }
  const alert = parsed.data;
  if (!hasPermission(principal, 'bots:control')) {
    throw new DomainError('PERMISSION_DENIED', 'Permission denied: needs bots:control');
  }
  const sentAt = alert.timenow ?? alert.time;
  if (alert.max_lag !== undefined && sentAt) {
    const field = alert.timenow ? 'timenow' : 'time';
    const lagSeconds = (now.getTime() - sentAt.getTime()) / 1000;
    if (lagSeconds > alert.max_lag) {
      throw new DomainError(
        'VALIDATION_ERROR',
        `${field}: the signal is stale: sent ${lagSeconds.toFixed(1)} s ago, max_lag is ${alert.max_lag} s`,
        { fieldErrors: { [field]: `stale: older than max_lag (${alert.max_lag} s)` } },
      );
    }
  }
  return alert;
}
