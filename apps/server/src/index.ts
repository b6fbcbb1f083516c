export { type Config, ConfigError, loadConfig } from './config.ts';
export type { AppRouter } from './routers/root.ts';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.ts';
