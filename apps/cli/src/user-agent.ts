import packageJson from '../package.json' with { type: 'json' };

/** Sent on every request, so sessions list this CLI as the device that opened them. */
export const USER_AGENT = `tradewind-cli/${packageJson.version} (node ${process.versions.node}; ${process.platform})`;

/** The global fetch, with the CLI's user agent on every request. */
export const fetchWithUserAgent: typeof globalThis.fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('user-agent', USER_AGENT);
  return globalThis.fetch(input, { ...init, headers });
};
