import {
  type AuthenticatedPrincipal,
  DomainError,
  type GroupSummary,
  type ZGroupCreateInput,
  type ZGroupUpdateInput,
} from '@tradewind/core';
import { uniqueViolationFields } from '@tradewind/db';
import type { z } from 'zod';
import {
  GROUP_INCLUDE,
  type GroupDeps,
  ownedGroup,
  requireOwnAccounts,
  toGroupSummary,
} from './group-access.ts';

/** A second group of the same name is refused by its unique index; say so by field. */
function duplicateName(error: unknown, name: string | undefined): never {
  if (uniqueViolationFields(error)) {
    throw new DomainError('CONFLICT', `name: you already have a group named "${name}"`, {
      field: 'name',
    });
  }
  throw error;
}

/** Creates a group of the caller's accounts (an account in another group moves to this one). */
export async function createGroup(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupCreateInput>,
): Promise<GroupSummary> {
  const { prisma } = deps.db;
  await requireOwnAccounts(prisma, principal, input.accounts);
  try {
    const row = await prisma.accountGroup.create({
      data: {
        userId: principal.userId,
        name: input.name,
        description: input.description,
        maxDrawdown: input.maxDrawdown ?? null,
        targetMonthlyRoi: input.targetMonthlyRoi ?? null,
        riskLimit: input.riskLimit ?? null,
        accounts: { connect: input.accounts.map((id) => ({ id })) },
      },
      include: GROUP_INCLUDE,
    });
    return toGroupSummary(row);
  } catch (error) {
    duplicateName(error, input.name);
  }
}

/** Seed 001's PATCH: settings, the whole membership when `accounts` is given, `resume` clears a halt. */
export async function updateGroup(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: z.output<typeof ZGroupUpdateInput>,
): Promise<GroupSummary> {
  const { prisma } = deps.db;
  await ownedGroup(prisma, principal, input.id);
  if (input.accounts) await requireOwnAccounts(prisma, principal, input.accounts);
  try {
    const row = await prisma.accountGroup.update({
      where: { id: input.id },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.maxDrawdown !== undefined && { maxDrawdown: input.maxDrawdown }),
        ...(input.targetMonthlyRoi !== undefined && { targetMonthlyRoi: input.targetMonthlyRoi }),
        ...(input.riskLimit !== undefined && { riskLimit: input.riskLimit }),
        ...(input.resume && { haltedAt: null, haltReason: null }),
        ...(input.accounts && { accounts: { set: input.accounts.map((id) => ({ id })) } }),
      },
      include: GROUP_INCLUDE,
    });
    return toGroupSummary(row);
  } catch (error) {
    duplicateName(error, input.name);
  }
}

/** Deletes the group; its accounts stay, in no group. */
export async function deleteGroup(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  id: string,
): Promise<{ groupId: string }> {
  await ownedGroup(deps.db.prisma, principal, id);
  await deps.db.prisma.accountGroup.delete({ where: { id } });
  return { groupId: id };
}

/** Adds accounts one by one: each either joins or is listed with why it did not. */
export async function addGroupAccounts(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { id: string; accountIds: string[] },
) {
  const { prisma } = deps.db;
  await ownedGroup(prisma, principal, input.id);
  const owned = await prisma.account.findMany({
    where: { id: { in: input.accountIds }, userId: principal.userId },
    select: { id: true, groupId: true },
  });
  const byId = new Map(owned.map((account) => [account.id, account]));
  const success: string[] = [];
  const failed: Array<{ accountId: string; reason: string }> = [];
  for (const accountId of new Set(input.accountIds)) {
    const account = byId.get(accountId);
    if (!account) failed.push({ accountId, reason: 'account not found' });
    else if (account.groupId === input.id)
      failed.push({ accountId, reason: 'already in the group' });
    else success.push(accountId);
  }
  await prisma.account.updateMany({
    where: { id: { in: success } },
    data: { groupId: input.id },
  });
  const group = toGroupSummary(await ownedGroup(prisma, principal, input.id));
  return { results: { success, failed }, group };
}

/** Adds one account (moving it from another group); NOT_FOUND for someone else's. */
export async function addGroupAccount(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { id: string; accountId: string },
): Promise<GroupSummary> {
  const { prisma } = deps.db;
  await ownedGroup(prisma, principal, input.id);
  await requireOwnAccounts(prisma, principal, [input.accountId]);
  await prisma.account.update({ where: { id: input.accountId }, data: { groupId: input.id } });
  return toGroupSummary(await ownedGroup(prisma, principal, input.id));
}

/** Removes one account from the group; NOT_FOUND when it is not in it. */
export async function removeGroupAccount(
  deps: Pick<GroupDeps, 'db'>,
  principal: AuthenticatedPrincipal,
  input: { id: string; accountId: string },
): Promise<GroupSummary> {
  const { prisma } = deps.db;
  const group = await ownedGroup(prisma, principal, input.id);
  if (!group.accounts.some((account) => account.id === input.accountId)) {
    throw new DomainError(
      'NOT_FOUND',
      `accountId: account ${input.accountId} is not in group ${input.id}`,
      { field: 'accountId' },
    );
  }
  await prisma.account.update({ where: { id: input.accountId }, data: { groupId: null } });
  return toGroupSummary(await ownedGroup(prisma, principal, input.id));
}
