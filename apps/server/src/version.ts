import packageJson from '../package.json' with { type: 'json' };

/** The server's version, as released; shown by `/health`, `system.status` and the CLI. */
export const SERVER_VERSION: string = packageJson.version;
