import { ProcSampler, type ProcWindow } from './procStats';
import type { ServerProcess } from './topology';

export interface ServerWindow {
  /** Summed over every server process: CPU as a share of one core, RSS the sum of each one's peak and end. */
  cpuPercent: number;
  rssPeakMb: number;
  rssEndMb: number;
  processes: Array<{ role: ServerProcess['role']; pid: number } & ProcWindow>;
}

/** CPU and RSS of all of a topology's processes, per process and summed, window by window. */
export class ServerSampler {
  private readonly samplers: Array<{ process: ServerProcess; sampler: ProcSampler }>;

  constructor(processes: ServerProcess[]) {
    this.samplers = processes.map((process) => ({ process, sampler: new ProcSampler(process.pid) }));
  }

  window(): ServerWindow {
    const processes = this.samplers.map(({ process, sampler }) => ({
      role: process.role,
      pid: process.pid,
      ...sampler.window(),
    }));
    const total = (key: 'cpuPercent' | 'rssPeakMb' | 'rssEndMb') =>
      processes.reduce((t, p) => t + (Number.isFinite(p[key]) ? p[key] : 0), 0);
    return {
      cpuPercent: total('cpuPercent'),
      rssPeakMb: total('rssPeakMb'),
      rssEndMb: total('rssEndMb'),
      processes,
    };
  }

  stop(): void {
    for (const { sampler } of this.samplers) sampler.stop();
  }
}
