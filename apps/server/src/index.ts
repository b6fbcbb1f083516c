export { type Config, ConfigError, loadConfig } from './config.ts';
export type { AppRouter } from './routers/root.ts';
export { deriveKey } from './security/secret-key.ts';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.ts';
