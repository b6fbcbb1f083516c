import {
  type AuthenticatedPrincipal,
  CHAT_CONFIRMATION_TTL_MS,
  type ChatAction,
  type ChatConfirmResult,
  DomainError,
  hasPermission,
  ownResourcesOnly,
  ZChatActionRequest,
} from '@tradewind/core';
import type { Prisma } from '@tradewind/db';
import { generateToken, hashToken } from '../../security/opaque-token.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { ACTION_PERMISSION } from './action-tools.ts';
import type { AssistantDeps, Proposal } from './assistant-tool.ts';
import { appendChatMessages } from './chat-history.ts';
import { runChatAction } from './run-action.ts';

const TOKEN_PREFIX = 'twc_';

/**
 * Stores a proposal under a new confirmation token (shown once; only its SHA-256 hash is kept),
 * bound to the user and to exactly this action, valid for five minutes.
 */
export async function issueConfirmation(
  deps: Pick<AssistantDeps, 'db' | 'now'>,
  userId: string,
  proposal: Proposal,
): Promise<ChatAction> {
  const token = generateToken(TOKEN_PREFIX);
  const expiresAt = new Date(deps.now().getTime() + CHAT_CONFIRMATION_TTL_MS);
  await deps.db.prisma.chatConfirmation.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      action: proposal.request as Prisma.InputJsonObject,
      expiresAt,
    },
  });
  return {
    type: proposal.request.type,
    description: proposal.description,
    token,
    expiresAt: expiresAt.toISOString(),
  };
}

const notFound = () =>
  new DomainError('NOT_FOUND', 'token: no such confirmation (it may belong to another user)', {
    field: 'token',
  });

/**
 * `chat.confirm`: runs the action a token stands for, once. The token must be the caller's own
 * (another user's answers exactly like an unknown one), unused and unexpired; the caller must
 * hold the permission the action's API procedure declares. The token is spent before the action
 * runs, so two confirmations racing run it at most once.
 */
export async function confirmChatAction(
  deps: AssistantDeps,
  meta: RequestMeta,
  caller: AuthenticatedPrincipal,
  token: string,
): Promise<ChatConfirmResult> {
  const principal = ownResourcesOnly(caller) as AuthenticatedPrincipal;
  const { prisma } = deps.db;
  const tokenHash = hashToken(token);
  const row = await prisma.chatConfirmation.findUnique({ where: { tokenHash } });
  if (row === null || row.userId !== principal.userId) throw notFound();
  if (row.usedAt !== null) {
    throw new DomainError('CONFLICT', 'token: this confirmation was already used', {
      field: 'token',
    });
  }
  const now = deps.now();
  if (row.expiresAt <= now) {
    throw new DomainError('VALIDATION_ERROR', 'token: this confirmation has expired; ask again', {
      field: 'token',
    });
  }
  if (!hasPermission(principal, ACTION_PERMISSION)) {
    throw new DomainError('PERMISSION_DENIED', `Permission denied: needs ${ACTION_PERMISSION}`, {
      permission: ACTION_PERMISSION,
    });
  }
  const spent = await prisma.chatConfirmation.updateMany({
    where: { tokenHash, usedAt: null },
    data: { usedAt: now },
  });
  if (spent.count !== 1) {
    throw new DomainError('CONFLICT', 'token: this confirmation was already used', {
      field: 'token',
    });
  }
  const request = ZChatActionRequest.parse(row.action);
  const { response, botIds } = await runChatAction(deps, meta, principal, request);
  await appendChatMessages(deps, principal.userId, [
    { role: 'assistant', content: response, createdAt: deps.now() },
  ]);
  return { success: true, type: request.type, response, botIds, timestamp: now.toISOString() };
}
