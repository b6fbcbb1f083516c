/** Where a call came from, for sessions, rate limits and the audit trail. */
export type RequestMeta = {
  requestId: string;
  ipAddress: string;
  userAgent: string | undefined;
};
