import fs from 'node:fs';

/** Linux reports CPU time in clock ticks of 1/100 s (getconf CLK_TCK) and memory in 4 KiB pages. */
const CLK_TCK = 100;
const PAGE_BYTES = 4096;

interface ProcSample {
  at: number;
  /** utime + stime, in ticks. */
  cpuTicks: number;
  rssBytes: number;
  /** Time the main thread (the event loop) spent runnable but waiting for a CPU, in ns; null where the kernel does not say. */
  runQueueNs: number | null;
}

/** /proc/<pid>/schedstat: time on the CPU, time waiting on a run queue (ns), time slices. */
function readRunQueueNs(pid: number): number | null {
  try {
    const wait = Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait : null;
  } catch {
    return null;
  }
}

function readProc(pid: number): ProcSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after its closing paren are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, so field n is at index n - 3.
    const utime = Number(fields[14 - 3]);
    const stime = Number(fields[15 - 3]);
    const rssPages = Number(fields[24 - 3]);
    return {
      at: performance.now(),
      cpuTicks: utime + stime,
      rssBytes: rssPages * PAGE_BYTES,
      runQueueNs: readRunQueueNs(pid),
    };
  } catch {
    return null;
  }
}

export interface ProcWindow {
  /** CPU time over the window as a share of one core (100 = one core busy all the time). */
  cpuPercent: number;
  rssPeakMb: number;
  rssEndMb: number;
  /**
   * Share of the window's wall time the process's event-loop thread was ready to run but waited
   * for a CPU (100 = it waited the whole time): how much of a delay is the machine's, not the code's.
   */
  cpuWaitPercent: number;
}

/** Samples a process's CPU time and RSS from /proc/<pid>/stat every 250 ms. */
export class ProcSampler {
  private timer: NodeJS.Timeout;
  private start: ProcSample | null;
  private last: ProcSample | null;
  private peak = 0;

  constructor(readonly pid: number) {
    this.start = readProc(pid);
    this.last = this.start;
    this.peak = this.start?.rssBytes ?? 0;
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  private sample(): void {
    const s = readProc(this.pid);
    if (!s) return;
    this.last = s;
    this.peak = Math.max(this.peak, s.rssBytes);
  }

  /** CPU and memory since the previous call (or since start), and starts a new window. */
  window(): ProcWindow {
    this.sample();
    const { start, last } = this;
    const result: ProcWindow =
      start && last && last.at > start.at
        ? {
            cpuPercent: ((last.cpuTicks - start.cpuTicks) / CLK_TCK / ((last.at - start.at) / 1000)) * 100,
            rssPeakMb: this.peak / 2 ** 20,
            rssEndMb: last.rssBytes / 2 ** 20,
            cpuWaitPercent:
              last.runQueueNs !== null && start.runQueueNs !== null
                ? ((last.runQueueNs - start.runQueueNs) / 1e6 / (last.at - start.at)) * 100
                : Number.NaN,
          }
        : { cpuPercent: Number.NaN, rssPeakMb: Number.NaN, rssEndMb: Number.NaN, cpuWaitPercent: Number.NaN };
    this.start = last;
    this.peak = last?.rssBytes ?? 0;
    return result;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Busy share of the whole machine (all cores, every process) from /proc/stat. */
export class MachineSampler {
  private start = readMachine();

  window(): { busyPercent: number } {
    const now = readMachine();
    const total = now.total - this.start.total;
    const busy =
      total > 0 ? ((now.total - now.idle - (this.start.total - this.start.idle)) / total) * 100 : 0;
    this.start = now;
    return { busyPercent: busy };
  }
}

function readMachine(): { total: number; idle: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { total: values.reduce((a, b) => a + b, 0), idle };
}

/** A process's resident set size now, in bytes, or null if it is gone. */
export function readRssBytes(pid: number): number | null {
  return readProc(pid)?.rssBytes ?? null;
}
