import { statfs } from 'node:fs/promises';
import os from 'node:os';

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/**
 * CPU (the last minute's load average over the cores; null where there is none, as on
 * Windows), memory and the disk holding `dataDir` (null when it cannot be read), in percent.
 */
export async function hostUsage(dataDir: string) {
  const [load] = os.loadavg();
  const disk = await statfs(dataDir).catch(() => undefined);
  return {
    cpuUsage:
      load === undefined || os.platform() === 'win32'
        ? null
        : Math.min(100, percent(load, os.availableParallelism())),
    memoryUsage: percent(os.totalmem() - os.freemem(), os.totalmem()),
    diskUsage: disk && disk.blocks > 0 ? percent(disk.blocks - disk.bavail, disk.blocks) : null,
  };
}
