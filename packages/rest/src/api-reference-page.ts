import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The Swagger UI files the page loads, served from the npm package: no CDN, works offline. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const assetDirectory = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

function page(openApiUrl: string, assetsUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tradewind Enterprise API reference</title>
  <link rel="icon" type="image/png" href="${assetsUrl}/favicon-32x32.png">
  <link rel="stylesheet" href="${assetsUrl}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${assetsUrl}/swagger-ui-bundle.js"></script>
  <script>
    // validatorUrl: null keeps Swagger UI from calling its online validator.
    window.ui = SwaggerUIBundle({
      url: ${JSON.stringify(openApiUrl)},
      dom_id: '#swagger-ui',
      validatorUrl: null,
      tryItOutEnabled: true,
      persistAuthorization: true,
    });
  </script>
</body>
</html>
`;
}

/**
 * The interactive API reference (Swagger UI) at `pagePath`, reading the document at
 * `openApiUrl`; its assets are served from `<pagePath>/assets/`.
 */
export async function registerApiReferencePage(
  app: FastifyInstance,
  options: { pagePath: string; openApiUrl: string },
): Promise<void> {
  const assetsUrl = `${options.pagePath}/assets`;
  const html = page(options.openApiUrl, assetsUrl);
  app.get(options.pagePath, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(html),
  );
  app.get<{ Params: { file: string } }>(`${assetsUrl}/:file`, async (request, reply) => {
    const contentType = ASSETS[request.params.file];
    if (!contentType) return reply.code(404).send({ error: 'No such asset' });
    const content = await readFile(path.join(assetDirectory, request.params.file));
    return reply.type(contentType).header('cache-control', 'public, max-age=86400').send(content);
  });
}
