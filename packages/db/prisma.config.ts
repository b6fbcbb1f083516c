import { defineConfig } from 'prisma/config';
import { createCliAdapterFactory } from './src/cli-adapter.ts';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: createCliAdapterFactory,
});
