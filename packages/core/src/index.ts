export { zAsyncIterable } from './contracts/async-iterable.ts';
export {
  type DatabaseDialect,
  type Environment,
  type Health,
  type Heartbeat,
  type HeartbeatInput,
  type Ping,
  type SystemStatus,
  ZDatabaseDialect,
  ZEnvironment,
  ZHealth,
  ZHeartbeat,
  ZHeartbeatInput,
  ZPing,
  ZSystemStatus,
} from './contracts/system.ts';
export { DomainError, isDomainError } from './errors/domain-error.ts';
export {
  ERROR_CODE_TABLE,
  ERROR_CODES,
  type ErrorCode,
  type TransportErrorCode,
} from './errors/error-code.ts';
