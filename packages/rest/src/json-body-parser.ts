import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies as Fastify parses them, except that an empty (or blank) body is no body, whatever
 * the Content-Type: clients such as Python's `requests` with a session-wide
 * `Content-Type: application/json` send it on bodiless POSTs (`/bots/{id}/stop`). A route that
 * needs a body then refuses the missing one by name; a malformed non-empty body is still the
 * parser's clear 400.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
}
