import { type ChatAction, isDomainError } from '@tradewind/core';
import { toErrorResponse } from '@tradewind/rest';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.ts';
import type { ServerDeps } from '../server-deps.ts';
import { httpCallContextFactory } from '../trpc/context.ts';
import { createCallerFactory } from '../trpc/init.ts';

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

const snakeAction = (action: ChatAction) => ({
  type: action.type,
  description: action.description,
  token: action.token,
  expires_at: action.expiresAt,
});

/** The seed 003 error schema (plus the request id every error of this server carries). */
function fail(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const { status, body } = toErrorResponse(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'assistant REST call failed');
  const cause = error instanceof Error ? error.cause : undefined;
  const domain = isDomainError(error) ? error : isDomainError(cause) ? cause : undefined;
  const code = domain?.code ?? (status === 400 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR');
  return reply.code(status).send({
    success: false,
    error: body.error,
    error_code: code,
    timestamp: new Date().toISOString(),
    request_id: request.id,
  });
}

/**
 * Seed 003's AI chat routes, snake_case, each the `chat.*` procedure called with this
 * request's credentials (so permissions, rate limits and validation are the tRPC door's):
 * `POST /api/ai/chat`, `POST /api/chat/message`, `GET /api/ai/chat/history?limit=`,
 * `POST /api/ai/chat/greeting`, `POST /api/ai/chat/clear`, and `POST /api/ai/chat/confirm`
 * (the seed's "action confirmation tokens").
 */
export function registerAssistantRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const contextOf = httpCallContextFactory(deps);
  const route =
    (handle: (caller: Caller, request: FastifyRequest) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return await handle(createCaller(contextOf(request, reply)), request);
      } catch (error) {
        return fail(request, reply, error);
      }
    };
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  app.post(
    '/api/ai/chat',
    route(async (caller, request) => {
      const reply = await caller.chat.message({ message: body(request).message as string });
      return {
        success: true,
        response: reply.response,
        requires_confirmation: reply.requiresConfirmation,
        actions: reply.actions.map(snakeAction),
      };
    }),
  );
  app.post(
    '/api/chat/message',
    route(async (caller, request) => {
      const reply = await caller.chat.message({ message: body(request).message as string });
      return { success: true, response: reply.response, timestamp: reply.timestamp };
    }),
  );
  app.get(
    '/api/ai/chat/history',
    route(async (caller, request) => {
      const { limit } = request.query as { limit?: string };
      const parsed = limit === undefined ? undefined : Number(limit);
      return caller.chat.history(parsed === undefined ? undefined : { limit: parsed });
    }),
  );
  app.post(
    '/api/ai/chat/greeting',
    route(async (caller) => {
      const { greeting, dailyReport } = await caller.chat.greeting();
      return { success: true, greeting, daily_report: dailyReport };
    }),
  );
  app.post(
    '/api/ai/chat/clear',
    route((caller) => caller.chat.clear()),
  );
  app.post(
    '/api/ai/chat/confirm',
    route(async (caller, request) => {
      const done = await caller.chat.confirm({ token: body(request).token as string });
      return {
        success: true,
        response: done.response,
        type: done.type,
        bot_ids: done.botIds,
        timestamp: done.timestamp,
      };
    }),
  );
}
