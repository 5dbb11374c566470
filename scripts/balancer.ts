/**
 * The sticky balancer on its own (docker-compose's `balancer` service): BALANCER_WEB and
 * BALANCER_INGEST list backends as host:port, comma-separated; it listens on PORT (3000).
 */
import { type Backend, createStickyBalancer } from './stickyBalancer';

function backends(name: string): Backend[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [host, port] = entry.split(':');
      if (!host || !port || !Number.isInteger(Number(port)))
        throw new Error(`${name}: "${entry}" is not host:port`);
      return { host, port: Number(port) };
    });
}

const web = backends('BALANCER_WEB');
if (web.length === 0) {
  process.stderr.write('BALANCER_WEB must name at least one web process (host:port)\n');
  process.exit(2);
}
const balancer = createStickyBalancer({ web, ingest: backends('BALANCER_INGEST') });
balancer.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0', () => {
  process.stderr.write(`balancer: ${web.length} web, ${backends('BALANCER_INGEST').length} ingest\n`);
});
process.on('SIGTERM', () => balancer.close(() => process.exit(0)));
