/**
 * npx tsx scripts/writeHaproxyConfig.ts — writes deploy/haproxy.cfg, docker-compose's balancer
 * configuration, from the same function start:cluster uses (a test checks they agree).
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMPOSE_FRONT, haproxyConfig } from './haproxyConfig';

const file = path.resolve(import.meta.dirname, '../deploy/haproxy.cfg');
fs.writeFileSync(file, haproxyConfig(COMPOSE_FRONT));
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
