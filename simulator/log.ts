export type SimLogLevel = 'info' | 'warn';
export type SimLog = (level: SimLogLevel, message: string) => void;

/** One short line per event on stderr, as `[sim 12:34:56] …`. */
export const stderrLog: SimLog = (level, message) => {
  const time = new Date().toTimeString().slice(0, 8);
  process.stderr.write(`[sim ${time}]${level === 'warn' ? ' warn:' : ''} ${message}\n`);
};
