/**
 * `npm run simulate -- [flags]`: drives a running Shieldline server (see --help).
 */
import { stderrLog } from './log';
import { HELP, OptionsError, parseCliOptions } from './options';
import { startSimulator } from './simulator';

function main(): void {
  let parsed: ReturnType<typeof parseCliOptions>;
  try {
    parsed = parseCliOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof OptionsError)) throw err;
    process.stderr.write(`${err.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const sim = startSimulator(parsed.options, { log: stderrLog });
  stderrLog('info', `simulating against ${parsed.options.url} (Ctrl-C to stop)`);
  const stop = (signal: string) => {
    stderrLog('info', `${signal}: stopping`);
    void sim.stop();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  void sim.done.then(() => {
    const s = sim.stats();
    stderrLog(
      'info',
      `stopped: ${s.reportsSent} reports (${s.reportsAccepted} accepted), ${s.alertsRaised} alerts, ${s.answersSent} answers`,
    );
    process.exit(0);
  });
}

main();
