/**
 * The logging surface the database package uses: a subset of pino's `Logger`, so the
 * server passes its logger as is and tests pass nothing (or a spy).
 */
export type DatabaseLogger = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
};

/** Drops everything; the default when no logger is given. */
export const silentLogger: DatabaseLogger = {
  info() {},
  warn() {},
};
