import { type AuthenticatedPrincipal, type ChatReply, ownResourcesOnly } from '@tradewind/core';
import { listBots } from '../bots/bot-queries.ts';
import type { AssistantDeps, Proposal, ToolContext } from './assistant-tool.ts';
import { appendChatMessages, chatHistory } from './chat-history.ts';
import { issueConfirmation } from './confirmations.ts';
import { modelReply } from './model-engine.ts';
import { offlineReply } from './offline-engine.ts';

/** Earlier messages a model sees for context. */
const MODEL_HISTORY = 10;
const FALLBACK_NOTE = '(The model provider did not answer, so the built-in assistant replied.)';

async function contextFor(
  deps: AssistantDeps,
  caller: AuthenticatedPrincipal,
): Promise<ToolContext> {
  const principal = ownResourcesOnly(caller) as AuthenticatedPrincipal;
  const [user, bots] = await Promise.all([
    deps.db.prisma.user.findUniqueOrThrow({
      where: { id: principal.userId },
      select: { currency: true },
    }),
    listBots(deps, principal, { limit: 1000 }),
  ]);
  return { deps, principal, currency: user.currency, bots };
}

async function answer(
  deps: AssistantDeps,
  context: ToolContext,
  message: string,
): Promise<{ text: string; proposals: Proposal[]; engine: ChatReply['engine'] }> {
  const provider = deps.config.assistant.provider;
  if (provider !== null) {
    const { messages } = await chatHistory(deps, context.principal.userId, MODEL_HISTORY);
    try {
      const reply = await modelReply(provider, context, messages, message);
      return { ...reply, engine: 'model' };
    } catch {
      const offline = await offlineReply(context, message);
      return {
        text: `${offline.text}\n${FALLBACK_NOTE}`,
        proposals: offline.proposal ? [offline.proposal] : [],
        engine: 'offline',
      };
    }
  }
  const offline = await offlineReply(context, message);
  return {
    text: offline.text,
    proposals: offline.proposal ? [offline.proposal] : [],
    engine: 'offline',
  };
}

/**
 * Seed 003's chat: answers from the caller's own data through the configured engine (a model
 * provider, falling back to the offline intent engine on any failure; or the offline engine
 * alone), turns each proposed action into a confirmation token, and stores both messages.
 */
export async function chat(
  deps: AssistantDeps,
  caller: AuthenticatedPrincipal,
  message: string,
): Promise<ChatReply> {
  const askedAt = deps.now();
  const context = await contextFor(deps, caller);
  const { text, proposals, engine } = await answer(deps, context, message);
  const actions = await Promise.all(
    proposals.map((proposal) => issueConfirmation(deps, context.principal.userId, proposal)),
  );
  const response =
    engine === 'model' && actions.length > 0
      ? `${text}\n\nWaiting for your confirmation: ${actions.map((action) => action.description).join('; ')}.`
      : text;
  await appendChatMessages(deps, context.principal.userId, [
    { role: 'user', content: message, createdAt: askedAt },
    { role: 'assistant', content: response, createdAt: deps.now() },
  ]);
  return {
    success: true,
    response,
    requiresConfirmation: actions.length > 0,
    actions,
    engine,
    timestamp: deps.now().toISOString(),
  };
}
