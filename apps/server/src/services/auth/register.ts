import {
  type AuthTokens,
  DomainError,
  passwordProblems,
  passwordRefusal,
  type ZRegisterInput,
} from '@tradewind/core';
import { uniqueViolationFields } from '@tradewind/db';
import type { z } from 'zod';
import type { ServiceDeps } from '../../service-deps.ts';
import { recordAudit } from '../audit/audit.ts';
import type { RequestMeta } from '../audit/request-meta.ts';
import { issueSession } from './issue-session.ts';

type RegisterDeps = Pick<ServiceDeps, 'db' | 'passwords' | 'accessTokens' | 'now' | 'config'>;

/** Creates an account and signs it in. */
export async function register(
  deps: RegisterDeps,
  meta: RequestMeta,
  input: z.output<typeof ZRegisterInput>,
): Promise<AuthTokens> {
  const problems = passwordProblems(input.password, { email: input.email });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_ERROR', passwordRefusal('password', problems), {
      field: 'password',
      problems,
    });
  }
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          username: input.username ?? null,
          firstName: input.firstName,
          passwordHash,
          role: deps.config.adminEmail === input.email ? 'ADMIN' : 'TRADER',
        },
      });
      await recordAudit(tx, meta, {
        action: 'auth.register',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
      });
      return issueSession(deps, tx, user, meta);
    });
  } catch (error) {
    const fields = uniqueViolationFields(error);
    if (fields) {
      const field = fields.includes('username') ? 'username' : 'email';
      throw new DomainError('CONFLICT', `${field}: an account with this ${field} already exists`, {
        field,
      });
    }
    throw error;
  }
}
