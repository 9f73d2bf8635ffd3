// `npm run simulate -- lake --out data/lake --events 1000000 --profiles 10000 --titles 2000 --seed 42`
// `npm run simulate -- lake --out data/lake --demo-catalog --events 300000 --profiles 3000` (activity for `npm start`'s catalog)
// `npm run simulate -- send --url http://127.0.0.1:8080 --rate 5000 --seconds 30 --seed 42`
// Simulated viewers with hidden tastes (bench/simulator/README.md); `lake` also writes the hidden
// truth (profile → tastes) next to the lake as `<out>/_simulation/truth.json`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEMO_COUNTS, DEMO_SEED } from '../../src/catalog/demo/generate.js';
import { openSqlEngine } from '../../src/platform/sql/index.js';
import { demoSimCatalog } from './catalog.js';
import { generateEvents } from './generate.js';
import { toLake } from './lake.js';
import { createPopulation, populationTruth } from './population.js';
import { batchesOf, registerPopulation, sendBatches } from './send.js';

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};
const log = (line: string) => console.log(`[simulate] ${line}`);

const program = new Command('simulate').description('Simulated viewers for benchmarks and recommendation evaluation');

program
  .command('lake')
  .description('Generate events and write them straight into the lake layout')
  .requiredOption('--out <dir>', 'lake root')
  .option('--events <n>', 'events to generate', positive, 1_000_000)
  .option('--profiles <n>', 'profiles', positive, 10_000)
  .option('--titles <n>', 'catalog size (demo generator, 80 % movies)', positive, 2_000)
  .option('--demo-catalog', 'the catalog `npm start` seeds (its title ids), instead of --titles')
  .option('--catalog-seed <n>', 'seed of the demo catalog', positive, DEMO_SEED)
  .option('--seed <n>', 'simulation seed', positive, 42)
  .option('--days <n>', 'length of the window ending at the current hour', positive, 7)
  .option('--heartbeat-sec <n>', 'playback seconds between heartbeats', positive, 10)
  .option('--memory <size>', 'DuckDB memory limit', '2GB')
  .action(async (o: { out: string; events: number; profiles: number; titles: number; demoCatalog?: boolean; catalogSeed: number; seed: number; days: number; heartbeatSec: number; memory: string }) => {
    const started = Date.now();
    const catalog = o.demoCatalog ? demoSimCatalog(DEMO_COUNTS, DEMO_SEED) : demoSimCatalog(Math.round(o.titles), o.catalogSeed);
    const profiles = createPopulation(catalog, Math.round(o.profiles), o.seed);
    log(`catalog ${catalog.titles.length} titles, ${profiles.length} profiles (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const truthDir = path.join(o.out, '_simulation');
    await fs.mkdir(truthDir, { recursive: true });
    await fs.writeFile(path.join(truthDir, 'truth.json'), JSON.stringify({ seed: o.seed, catalogSeed: o.catalogSeed, titles: o.titles, events: o.events, profiles: populationTruth(catalog, profiles) }));
    const sql = await openSqlEngine({ memoryLimit: o.memory });
    try {
      const events = generateEvents({ catalog, profiles, events: Math.round(o.events), seed: o.seed, windowDays: o.days, heartbeatSec: o.heartbeatSec });
      const result = await toLake(events, {
        sql,
        lakeRoot: o.out,
        onProgress: ({ events: n, phase }) => log(`${phase} ${n.toLocaleString('en')} events, ${Math.round(n / ((Date.now() - started) / 1000)).toLocaleString('en')}/s`),
      });
      log(`done: ${result.events.toLocaleString('en')} events in ${result.files.length} files, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await sql.close();
    }
  });

program
  .command('send')
  .description('Register the population on a running server and POST its events at a target rate')
  .requiredOption('--url <url>', 'server base URL')
  .option('--rate <n>', 'events per second', positive, 5_000)
  .option('--seconds <n>', 'how long to send', positive, 30)
  .option('--profiles <n>', 'profiles to register', positive, 100)
  .option('--concurrency <n>', 'requests in flight', positive, 16)
  .option('--seed <n>', 'simulation seed', positive, 42)
  .option('--heartbeat-sec <n>', 'playback seconds between heartbeats', positive, 10)
  .action(async (o: { url: string; rate: number; seconds: number; profiles: number; concurrency: number; seed: number; heartbeatSec: number }) => {
    const url = o.url.replace(/\/$/, '');
    // The server's demo catalog, so title ids exist there.
    const catalog = demoSimCatalog(DEMO_COUNTS, DEMO_SEED);
    const profiles = createPopulation(catalog, Math.round(o.profiles), o.seed);
    const registered = await registerPopulation(url, profiles, Date.now().toString(36), (n) => {
      if (n % 25 === 0) log(`registered ${n}/${profiles.length} profiles`);
    });
    log(`registered ${registered.profileIds.size} profiles in ${registered.tokens.size} accounts`);
    const events = generateEvents({ catalog, profiles, events: Math.round(o.rate * o.seconds), seed: o.seed, windowDays: 1, heartbeatSec: o.heartbeatSec });
    const stats = await sendBatches(batchesOf(events, registered), {
      url,
      rate: o.rate,
      concurrency: Math.round(o.concurrency),
      onProgress: (s) => log(`sent ${s.sent} acked ${s.acked} rejected ${s.rejected} failed batches ${s.failedBatches} retries ${s.retries}, ${s.ratePerSecond} acked/s`),
    });
    log(`done: ${JSON.stringify(stats)}`);
    if (stats.failedBatches > 0 || stats.rejected > 0) process.exitCode = 1;
  });

await program.parseAsync(process.argv);
