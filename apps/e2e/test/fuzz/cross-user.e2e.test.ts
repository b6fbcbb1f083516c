/**
 * The cross-user matrix, generated from the router and the OpenAPI document: every procedure
 * and REST route that takes an id is called by a second user with the owner's real ids, on
 * tRPC and on REST. Each must answer NOT_FOUND (404) or FORBIDDEN (403), never a 400 (the call
 * must reach the ownership check) and never a success, and leave the owner's rows as they
 * were. A procedure or route with an id the classification below does not know fails the test,
 * so a new one is covered as soon as it is added.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type JsonSchema, refResolver, valueArbitrary } from './support/arbitraries.ts';
import { type Answer, callProcedure, callRaw, type ProcedureKind } from './support/doors.ts';
import { SEED } from './support/fuzz-run.ts';
import { type FuzzWorld, type OwnedIds, startFuzzWorld } from './support/fuzz-world.ts';
import { knownFinding } from './support/known-findings.ts';
import { routerProcedures } from './support/procedures.ts';
import { restOperations, restRequest, servedOpenApi } from './support/rest-operations.ts';

/** An input field or path parameter that names a resource. */
const ID_FIELD = /^(id|.*Id)$/;

type Owned = keyof OwnedIds;

/** Which owned resource an id field names: by field name, then `id` by router or path. */
const BY_FIELD: Record<string, Owned | 'public'> = {
  botId: 'bot',
  strategyId: 'strategy',
  backtestId: 'backtest',
  webhookId: 'webhook',
  subscriptionId: 'webhook',
  deliveryId: 'delivery',
  sessionId: 'session',
  keyId: 'apiKey',
  accountId: 'account',
  userId: 'user',
  actorUserId: 'user',
  // Not owned: strategy templates are the same for everyone; an event cursor only positions a
  // stream of the caller's own events.
  templateId: 'public',
  lastEventId: 'public',
  groupId: 'group',
  transferId: 'transfer',
  alertId: 'operatorAlert',
  channelId: 'notificationChannel',
};
const ID_BY_NAMESPACE: Record<string, Owned> = {
  webhooks: 'webhook',
  apiKeys: 'apiKey',
  signals: 'signal',
  accounts: 'account',
  groups: 'group',
  transfers: 'transfer',
};

/**
 * Procedures whose id only filters a list of the caller's own things: another user's id must
 * give NOT_FOUND / FORBIDDEN or an empty answer, never the owner's rows.
 */
const FILTERS = new Set([
  'alerts.list',
  'trades.list',
  'signals.list',
  'webhooks.deliveries',
  'admin.audit.list',
  'realtime.events',
  'realtime.botUpdates',
  'realtime.trades',
  'realtime.alerts',
]);

function classify(path: string, field: string): Owned | 'public' | undefined {
  if (field === 'id') return ID_BY_NAMESPACE[path.split('.')[0] ?? ''];
  return BY_FIELD[field];
}

let world: FuzzWorld;

beforeAll(async () => {
  world = await startFuzzWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const REFUSED = /"httpStatus":(403|404)\b/;

/** NOT_FOUND or FORBIDDEN (status or, in a stream, the error event); for filters also empty. */
function refusal(answer: Answer, filter: boolean, kind: ProcedureKind): boolean {
  if (answer.status === 403 || answer.status === 404) return true;
  if (REFUSED.test(answer.text)) return true;
  if (!filter || answer.status !== 200) return false;
  // A stream that sent no data of anyone's, or an empty list.
  if (kind === 'subscription') return !/^data: \{"json"/m.test(answer.text);
  const data = (JSON.parse(answer.text) as { result?: { data?: { json?: unknown } } }).result?.data
    ?.json;
  const lists = Array.isArray(data) ? [data] : Object.values(data ?? {}).filter(Array.isArray);
  return lists.length > 0 && lists.every((list) => list.length === 0);
}

it("refuses every id-taking procedure to another user, with the owner's ids", {
  timeout: 300_000,
}, async () => {
  const unclassified: string[] = [];
  const problems: string[] = [];
  let matrix = 0;
  for (const procedure of routerProcedures()) {
    const properties = procedure.schema?.properties ?? {};
    const fields = Object.keys(properties).filter((field) => ID_FIELD.test(field));
    if (fields.length === 0) continue;
    const owned: Record<string, unknown> = {};
    for (const field of fields) {
      const kind = classify(procedure.path, field);
      if (kind === undefined) unclassified.push(`${procedure.path}.${field}`);
      else if (kind !== 'public') owned[field] = world.ids[kind];
    }
    if (Object.keys(owned).length === 0) continue;
    // Valid values for the other fields (zod has the last word), the owner's ids in place.
    const inputs = fc
      .sample(valueArbitrary(procedure.schema as JsonSchema, refResolver(procedure.schema)), {
        seed: SEED,
        numRuns: 300,
      })
      .map((input) => ({ ...(input as object), ...owned }))
      // The ids alone too: some inputs take an id or other fields, not both.
      .concat([owned])
      .filter((input) => procedure.input?.safeParse(input).success)
      .slice(0, 2);
    if (inputs.length === 0) {
      problems.push(`${procedure.path}: no valid input could be generated`);
      continue;
    }
    const before = await world.snapshot();
    for (const input of inputs) {
      matrix++;
      const answer = await callProcedure(
        world.server.url,
        procedure.path,
        procedure.kind,
        input,
        world.intruder.trpc,
      );
      if (!refusal(answer, FILTERS.has(procedure.path), procedure.kind)) {
        const finding = {
          door: 'cross-user',
          target: `tRPC ${procedure.path} ${JSON.stringify(input)}`,
          why: `${answer.status} ${answer.text.slice(0, 300)}`,
        };
        if (knownFinding(finding)) console.log(`known: ${finding.target} -> ${finding.why}`);
        else problems.push(`${finding.target} -> ${finding.why}`);
      }
    }
    if ((await world.snapshot()) !== before)
      problems.push(`tRPC ${procedure.path} changed the owner's rows`);
  }
  console.log(`cross-user tRPC: ${matrix} calls`);
  expect({ unclassified, problems }).toEqual({ unclassified: [], problems: [] });
});

it("refuses every REST route with an id to another user's key", { timeout: 300_000 }, async () => {
  const document = await servedOpenApi(world.server.url);
  const resolve = refResolver(document);
  const unclassified: string[] = [];
  const problems: string[] = [];
  let matrix = 0;
  for (const operation of restOperations(document)) {
    const fields = Object.keys(operation.params?.properties ?? {});
    if (fields.length === 0) continue;
    const params: Record<string, unknown> = {};
    for (const field of fields) {
      const kind = field === 'id' ? undefined : BY_FIELD[field];
      if (kind === undefined || kind === 'public') unclassified.push(`${operation.path} ${field}`);
      else params[field] = world.ids[kind];
    }
    const target = `${operation.method} ${operation.path}`;
    const bodies = operation.body
      ? fc.sample(valueArbitrary(operation.body, resolve), { seed: SEED, numRuns: 10 })
      : [undefined];
    const before = await world.snapshot();
    let answer: Answer | undefined;
    // The first body that passes validation decides (a 400 never reached the ownership check).
    for (const body of bodies) {
      matrix++;
      answer = await callRaw(
        ...restRequest(
          world.server.url,
          operation,
          { params, query: undefined, body },
          world.intruder.rest,
        ),
      );
      if (answer.status !== 400) break;
    }
    if (answer && answer.status !== 404 && answer.status !== 403) {
      problems.push(`REST ${target} -> ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    if ((await world.snapshot()) !== before)
      problems.push(`REST ${target} changed the owner's rows`);
  }
  console.log(`cross-user REST: ${matrix} calls`);
  expect({ unclassified, problems }).toEqual({ unclassified: [], problems: [] });
});
