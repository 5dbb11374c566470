/**
 * The position load: the simulator as a load generator in its own process, reporting every
 * unit through POST /api/v1/units/:id/position with the device key.
 * Env: LOAD_URL, LOAD_UNITS, LOAD_RATE, LOAD_PASSWORD, LOAD_DEVICE_KEY.
 */
import { startSimulator } from '../simulator/simulator';
import { onParentMessage, toParent } from './ipc';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const sim = startSimulator(
  {
    url: env('LOAD_URL'),
    units: Number(env('LOAD_UNITS')),
    rate: Number(env('LOAD_RATE')),
    alertEvery: 0,
    respond: false,
    concurrency: 512,
    statsEvery: 0,
    username: 'dispatcher2',
    password: env('LOAD_PASSWORD'),
    deviceKey: env('LOAD_DEVICE_KEY'),
    seed: 1,
  },
  { log: (level, message) => level === 'warn' && process.stderr.write(`[load] ${message}\n`) },
);

function report(): void {
  const s = sim.stats();
  toParent({
    type: 'stats',
    sent: s.reportsSent,
    accepted: s.reportsAccepted,
    rejected: s.reportsRejected,
    failed: s.reportsFailed,
    answered: true,
    delayed: s.reportsDelayed,
    units: s.units,
  });
}

const timer = setInterval(report, 1000);
onParentMessage((message) => {
  if (message.type !== 'stop') return;
  clearInterval(timer);
  void sim.stop().then(() => {
    report();
    setTimeout(() => process.exit(0), 100);
  });
});
process.on('SIGTERM', () => process.exit(0));
