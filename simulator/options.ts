import { parseArgs } from 'node:util';
import { z } from 'zod';

const seconds = z.coerce.number().min(0);

/** Every knob of the simulator; the CLI flags are the kebab-case of these names. */
export const SimulatorOptions = z
  .object({
    /** The Shieldline server to drive. */
    url: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    /** How many units to move (the first N by call sign; they must exist on the server). */
    units: z.coerce.number().int().min(0).max(100_000).default(40),
    /** Position reports per second over all units; each unit reports at most once a second. Default: units / 2. */
    rate: z.coerce.number().positive().optional(),
    /** Mean seconds between alerts (jittered ±50 %); 0: none. */
    alertEvery: seconds.default(90),
    /** Alerts per minute; overrides alertEvery when given (0: none). */
    alertsPerMin: z.coerce.number().min(0).max(6000).optional(),
    /** No new alert while this many incidents are open, so an unattended demo does not pile up; 0: no cap. */
    maxOpen: z.coerce.number().int().min(0).default(12),
    /** Stop after this many seconds; 0: run until stopped. */
    duration: seconds.default(0),
    /** Answer assignments of simulated units (accept, en_route, on_scene, clear). */
    respond: z.boolean().default(true),
    /** Who answers: the unit's own field officer (its demo login, falling back) or the dispatcher session. */
    answerAs: z.enum(['officer', 'dispatcher']).default('officer'),
    /** A dispatcher (or supervisor) account: reads units and assignments and listens to the stream. */
    username: z.string().min(1).default('dispatcher2'),
    password: z
      .string()
      .min(1)
      .default(process.env.DEMO_PASSWORD || 'shieldline-demo'),
    /** Device key the positions and alerts are sent with, as a gateway would. */
    deviceKey: z
      .string()
      .min(16)
      .default(process.env.DEMO_DEVICE_KEY || 'demo-device-key-0000000000000000'),
    acceptAfter: z.coerce.number().min(0).default(4),
    enRouteAfter: z.coerce.number().min(0).default(3),
    onScene: z.coerce.number().min(0).default(180),
    arriveM: z.coerce.number().positive().default(50),
    /** Multiplies every speed: 1 is real time, 10 makes a demo drive ten times faster. */
    speedFactor: z.coerce.number().positive().max(1000).default(1),
    /** Position reports in flight at once at most. */
    concurrency: z.coerce.number().int().min(1).max(10_000).default(64),
    /** Seconds between one-line summaries; 0: none. */
    statsEvery: seconds.default(30),
    seed: z.coerce.number().int().optional(),
  })
  .strict();
export type SimulatorInput = z.input<typeof SimulatorOptions>;
export type SimulatorConfig = z.output<typeof SimulatorOptions>;

export const HELP = `Shieldline simulator: moves units around 赣县区, raises alerts, answers assignments.

Usage: npm run simulate -- [flags]

  --url URL              server to drive (default http://localhost:\${PORT:-3000})
  --units N              units to move, the first N by call sign (default 40)
  --rate R               position reports per second over all units (default units/2;
                         each unit reports at most once a second)
  --alert-every S        mean seconds between alerts, jittered ±50% (default 90; 0 = none)
  --alerts-per-min N     alerts per minute (overrides --alert-every)
  --max-open N           no new alert while N incidents are open (default 12; 0 = no cap)
  --duration S           stop after S seconds (default 0 = run until Ctrl-C)
  --no-respond           do not answer assignments
  --answer-as WHO        officer (the unit's own login; default) or dispatcher
  --username U           dispatcher account to read with (default dispatcher2)
  --password P           its password (default $DEMO_PASSWORD or shieldline-demo)
  --device-key K         gateway device key (default $DEMO_DEVICE_KEY or the demo key)
  --accept-after S       mean seconds before a unit accepts (default 4)
  --en-route-after S     mean seconds from accepting to setting off (default 3)
  --on-scene S           mean seconds on scene before clearing (default 180)
  --arrive-m M           on scene within M metres (default 50)
  --speed-factor F       multiply every speed (default 1)
  --concurrency N        position reports in flight at most (default 64)
  --stats-every S        seconds between summary lines (default 30; 0 = none)
  --seed N               repeatable randomness
  --help                 this text

As a load generator: npm run simulate -- --units 2000 --rate 2000 --alerts-per-min 30 --max-open 0
`;

const FLAGS = [
  'url',
  'units',
  'rate',
  'alert-every',
  'alerts-per-min',
  'max-open',
  'duration',
  'answer-as',
  'username',
  'password',
  'device-key',
  'accept-after',
  'en-route-after',
  'on-scene',
  'arrive-m',
  'speed-factor',
  'concurrency',
  'stats-every',
  'seed',
] as const;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export class OptionsError extends Error {}

/** Parses argv into validated options; `help` when --help was asked for. */
export function parseCliOptions(argv: string[]): { help: true } | { help: false; options: SimulatorConfig } {
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])),
        'no-respond': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new OptionsError(err instanceof Error ? err.message : String(err));
  }
  if (values.help === true) return { help: true };
  const input: Record<string, unknown> = {
    url: `http://localhost:${process.env.PORT || 3000}`,
  };
  for (const flag of FLAGS) {
    const value = values[flag];
    if (typeof value === 'string') input[camel(flag)] = value;
  }
  if (values['no-respond'] === true) input.respond = false;
  const result = SimulatorOptions.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  --${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
    );
    throw new OptionsError(`bad options:\n${lines.join('\n')}`);
  }
  return { help: false, options: result.data };
}
