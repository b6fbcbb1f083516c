import os from 'node:os';
import type { SystemNotification } from '@tradewind/core';
import type { ServiceDeps } from '../service-deps.ts';
import { type BotCountScope, getSystemStatus } from '../services/system-control/system-status.ts';

type SamplerDeps = Pick<ServiceDeps, 'config' | 'db' | 'version' | 'startedAt' | 'now'>;

/**
 * Seed 004's system status: whether bots trade, how many run, and this process's CPU and
 * memory use. CPU is measured between two samples, so the sampler keeps the previous reading.
 */
export class SystemSampler {
  readonly #deps: SamplerDeps;
  #cpu = process.cpuUsage();
  #at = performance.now();

  constructor(deps: SamplerDeps) {
    this.#deps = deps;
  }

  /** A status counting the bots `scope` may see (the caller's own; an admin's: all). */
  async sample(
    scope: Exclude<BotCountScope, { kind: 'none' }>,
    kind: SystemNotification['kind'] = 'status',
  ): Promise<SystemNotification> {
    const status = await getSystemStatus(this.#deps, scope);
    const botsActive = status.botsActive ?? 0;
    const cpu = process.cpuUsage(this.#cpu);
    const at = performance.now();
    const elapsedMicros = Math.max(1, (at - this.#at) * 1000);
    this.#cpu = process.cpuUsage();
    this.#at = at;
    return {
      kind,
      timestamp: status.timestamp,
      tradingActive: botsActive > 0,
      botsActive,
      botsTotal: status.botsTotal ?? 0,
      cpuUsage: round1(((cpu.user + cpu.system) / elapsedMicros) * 100),
      memoryUsage: round1((process.memoryUsage.rss() / os.totalmem()) * 100),
      uptimeSeconds: status.uptimeSeconds,
    };
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
