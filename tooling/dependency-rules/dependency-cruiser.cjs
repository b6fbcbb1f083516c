// The repository's dependency rules (STYLE.md habit 2, DESIGN.md "Dependencies point one way").
// `pnpm test` runs them over apps/, packages/ and tooling/ (this package's `lint`); test/rules.test.ts
// proves each one fails on a tree that breaks it. Paths are relative to the repository root.
const testFile = '(\\.test\\.ts$|/test/|/examples/)';

/** I/O and transport modules core and engine must not import (they stay pure). */
const io = [
  '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|tls|child_process|cluster|worker_threads)$',
  'node_modules/(fastify|@fastify|@trpc/server|@prisma|prisma|pg|@electric-sql|ioredis|undici|ws|ccxt)/',
  '^packages/(db|venues)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Modules form no cycle, type-only imports included: a cycle is one module in two files.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-engine-no-io',
      severity: 'error',
      comment: 'core and engine are pure: no file system, network, database or transport.',
      from: { path: '^packages/(core|engine)/src/' },
      to: { path: io },
    },
    {
      name: 'clients-no-server-runtime',
      severity: 'error',
      comment:
        'rest, sdk and cli never load the server: they may import its router type (AppRouter) only.',
      from: { path: '^(packages/(rest|sdk)|apps/cli)/', pathNot: testFile },
      to: { path: '^apps/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'packages-not-apps',
      severity: 'error',
      comment: 'Apps import packages, never the reverse (the SDK may import the router type).',
      from: { path: '^packages/', pathNot: testFile },
      to: { path: '^apps/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'packages-not-apps-types',
      severity: 'error',
      comment: 'A package takes no type from an app except the SDK its router type (AppRouter).',
      from: { path: '^packages/', pathNot: [testFile, '^packages/sdk/'] },
      to: { path: '^apps/', dependencyTypes: ['type-only'] },
    },
    {
      name: 'services-no-transport',
      severity: 'error',
      comment:
        'Server services never speak HTTP: no transport library and no edge (routers, http, realtime, trpc).',
      from: { path: '^apps/server/src/services/', pathNot: testFile },
      to: {
        path: [
          'node_modules/(fastify|@fastify|@trpc/server|ws)/',
          '^apps/server/src/(routers|http|realtime|trpc)/',
        ],
      },
    },
    {
      name: 'edges-no-database',
      severity: 'error',
      comment:
        'The server edges (routers, http, realtime, trpc) reach the database through services only.',
      from: { path: '^apps/server/src/(routers|http|realtime|trpc)/', pathNot: testFile },
      to: { path: ['^packages/db/', 'node_modules/(@prisma|@electric-sql|pg)/'] },
    },
  ],
  options: {
    // Paths (and the folders `lint` names) are relative to the repository root, wherever it runs.
    baseDir: require('node:path').resolve(__dirname, '../..'),
    // Type-only imports count: a cycle through `import type` still ties the files together.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/generated/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default', 'node'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
