import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FakeExchangeControl } from './control.ts';

const ZId = z.object({ id: z.coerce.number().int().positive() });
const ZApiKey = z.object({ apiKey: z.string().min(1) });

/**
 * The control API over HTTP, under /fake/v1, for CI scripts in any language: faults
 * (GET, POST, DELETE /faults; DELETE /faults/:id), accounts (PATCH /accounts/:apiKey), the
 * request log (GET, DELETE /requests) and limits (POST /limits/reset). Invalid input answers
 * 400 naming the field; it is not weight-limited, not faulted and not logged.
 */
export function mountControlApi(app: FastifyInstance, control: FakeExchangeControl): void {
  app.register(async (scope) => routes(scope, control), { prefix: '/fake/v1' });
}

function routes(app: FastifyInstance, control: FakeExchangeControl): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof z.ZodError) return reply.code(400).send({ error: z.prettifyError(error) });
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status < 500) {
      return reply.code(status).send({ error: (error as Error).message });
    }
    return reply.code(500).send({ error: 'internal error' });
  });
  app.get('/faults', async () => control.faults());
  app.post('/faults', async (request, reply) =>
    reply.code(201).send({ id: control.injectFault(request.body as never) }),
  );
  app.delete('/faults', async (_request, reply) => {
    control.clearFaults();
    return reply.code(204).send();
  });
  app.delete('/faults/:id', async (request, reply) => {
    const { id } = ZId.parse(request.params);
    if (!control.removeFault(id)) return reply.code(404).send({ error: `no fault ${id}` });
    return reply.code(204).send();
  });
  app.patch('/accounts/:apiKey', async (request, reply) => {
    const { apiKey } = ZApiKey.parse(request.params);
    try {
      control.updateAccount(apiKey, request.body as never);
    } catch (error) {
      if (error instanceof z.ZodError) throw error;
      return reply.code(404).send({ error: `no account with api key ${apiKey}` });
    }
    return reply.code(204).send();
  });
  app.get('/requests', async () => control.requests());
  app.delete('/requests', async (_request, reply) => {
    control.clearRequests();
    return reply.code(204).send();
  });
  app.post('/limits/reset', async (_request, reply) => {
    control.resetLimits();
    return reply.code(204).send();
  });
}
