/**
 * Seed 003's system mode (issue 18 item 2) through the SDK and the `tradewind` binary: the
 * seed's fields, LIVE bots only in `live_trading`, and the switch to it only with two-factor
 * authentication, a current code and a confirmation, audited.
 */
import type { TradewindClient } from '@tradewind/sdk';
import type { RunningServer } from '@tradewind/server';
import { startTestServer } from '@tradewind/server/testing';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/clients.ts';
import { type OperatorCli, operatorCli, printedJson } from './operator-cli.ts';

const LIVE_BOT = {
  initialCash: 10_000,
  symbols: ['AAPL'],
  strategy: 'MovingAverage',
  mode: 'LIVE' as const,
};

let server: RunningServer;
let carol: TradewindClient;
let carolId: string;
let carolKey: string;
let totp: TOTP;
let cli: OperatorCli;

/** The code of the time step `steps` away from now (each step is accepted once). */
const code = (steps: number) => totp.generate({ timestamp: Date.now() + steps * 30_000 });

beforeAll(async () => {
  server = await startTestServer();
  const clients = clientsFor(server);
  const login = await clients.register('mode-carol@example.com');
  carol = clients.withToken(login.accessToken);
  carolId = login.user.id;
  carolKey = (await carol.apiKeys.create.mutate({ name: 'ops', scopes: ['CONTROL'] })).key;
  cli = await operatorCli(server.url, carolKey);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cli?.close();
});

describe('system.mode (seed 003 GET/POST /api/system/mode)', () => {
  it("starts in testing, with the seed's fields, and refuses LIVE bots there", async () => {
    const testing = {
      success: true,
      mode: 'testing',
      paperTrading: true,
      liveTrading: false,
      autopilot: false,
    };
    expect(await carol.system.mode.query()).toEqual(testing);
    expect(printedJson(await cli.run(['system', 'mode', '--json']))).toEqual(testing);
    expect(await failure(carol.bots.create.mutate(LIVE_BOT))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('mode: LIVE bots need the live_trading system mode'),
    });
  });

  it('switches to live_trading only with 2FA, a current code and a confirmation', async () => {
    expect(
      await failure(carol.system.setMode.mutate({ mode: 'live_trading', confirm: true })),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('two-factor') });
    const enrollment = await carol.auth.twoFactor.enroll.mutate();
    totp = new TOTP({ secret: Secret.fromBase32(enrollment.secret), digits: 6, period: 30 });
    await carol.auth.twoFactor.verify.mutate({ totpCode: code(-1) });

    expect(
      await failure(carol.system.setMode.mutate({ mode: 'live_trading', confirm: true })),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('totpCode') });
    expect(
      await failure(carol.system.setMode.mutate({ mode: 'live_trading', totpCode: code(0) })),
    ).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('confirm') });
    expect(await failure(carol.system.setMode.mutate({ mode: 'autopilot' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('mode: autopilot'),
    });
    expect((await carol.system.mode.query()).mode).toBe('testing');

    const switched = printedJson(
      await cli.run(['system', 'mode', 'live_trading', '--totp-code', code(0), '--yes', '--json']),
    );
    expect(switched).toEqual({ success: true, mode: 'live_trading' });
    expect(await carol.system.mode.query()).toEqual({
      success: true,
      mode: 'live_trading',
      paperTrading: false,
      liveTrading: true,
      autopilot: false,
    });
    const audit = await server.deps.db.prisma.auditEntry.findFirst({
      where: { action: 'system.mode_changed', actorUserId: carolId },
    });
    expect(audit?.metadata).toEqual({ from: 'testing', to: 'live_trading' });
    // Past the mode gate, a LIVE bot still needs an exchange account.
    expect(await failure(carol.bots.create.mutate(LIVE_BOT))).toMatchObject({
      message: expect.stringContaining('needs a connected exchange account'),
    });

    expect(await carol.system.setMode.mutate({ mode: 'testing' })).toEqual({
      success: true,
      mode: 'testing',
    });
  });
});
