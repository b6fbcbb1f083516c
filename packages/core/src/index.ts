export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from './auth/password-policy.ts';
export {
  API_KEY_LEVEL_PERMISSIONS,
  API_KEY_LEVELS,
  type ApiKeyLevel,
  expandScopes,
  PERMISSIONS,
  type Permission,
  permissionsForRole,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from './auth/permissions.ts';
export {
  type AuthenticatedPrincipal,
  canAccessOwnedResource,
  hasPermission,
  type Principal,
} from './auth/principal.ts';
export {
  type AdminUser,
  type AdminUserListInput,
  type AdminUserUpdateInput,
  type AuditEntry,
  type AuditListInput,
  ZAdminUser,
  ZAdminUserIdInput,
  ZAdminUserListInput,
  ZAdminUserUpdateInput,
  ZAuditEntry,
  ZAuditListInput,
} from './contracts/admin.ts';
export {
  type ApiKeyCreateInput,
  type ApiKeySummary,
  type CreatedApiKey,
  ZApiKeyCreateInput,
  ZApiKeyIdInput,
  ZApiKeySummary,
  ZCreatedApiKey,
} from './contracts/api-keys.ts';
export { zAsyncIterable } from './contracts/async-iterable.ts';
export {
  type Acknowledgement,
  type AuthTokens,
  type LoginInput,
  type RegisterInput,
  type SessionSummary,
  ZAcknowledgement,
  ZAuthTokens,
  ZDeviceInfo,
  ZLoginInput,
  ZPasswordResetCompleteInput,
  ZPasswordResetRequestInput,
  ZPermissionsOutput,
  ZRefreshInput,
  ZRegisterInput,
  ZSessionIdInput,
  ZSessionSummary,
  ZTwoFactorDisableInput,
  ZTwoFactorEnrollment,
  ZTwoFactorVerifyInput,
} from './contracts/auth.ts';
export {
  type Plan,
  type UserProfile,
  ZApiKeyLevel,
  ZEmail,
  ZPassword,
  ZPermission,
  ZPlan,
  ZRole,
  ZSystemMode,
  ZTotpCode,
  ZUsername,
  ZUserProfile,
} from './contracts/identity.ts';
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
