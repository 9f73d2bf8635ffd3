// `npm run bench:ingest`: the whole ingest of a generated 30 s 720p title against one bare ffmpeg command
// that encodes the same ladder. Env: BENCH_RUNS (default 1; medians are reported), BENCH_LOOK (testsrc2,
// mandelbrot, gradients or life), BENCH_SECONDS (source length, default 30).
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDemoSource, type DemoLook } from '../src/media/demo-sources.js';
import { transcodeArgs } from '../src/media/ffmpeg-args.js';
import { PIPELINE_STAGES, processSource, type PipelineStage, type ProcessResult } from '../src/media/pipeline.js';
import { runTool } from '../src/media/runner.js';
import { planTranscode } from '../src/media/transcode.js';

const TARGET_RATIO = 1.3;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const LOOK = (process.env.BENCH_LOOK ?? 'testsrc2') as DemoLook;
// processSource's default preset: the bare command must encode exactly what the pipeline encodes.
const PRESET = 'veryfast';

interface RunFigures {
  stages: Record<PipelineStage, number>;
  stageCpu: Record<PipelineStage, number>;
  ingestSeconds: number;
  bareSeconds: number;
  ingestCpu: number;
  bareCpu: number;
}

const TICK = 100; // USER_HZ: /proc times are in 1/100 s on Linux
/**
 * CPU seconds used by this process and its finished children. Under contention wall time measures the
 * neighbours as much as us; CPU time is the stable companion figure.
 */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: state is field 3, so utime..cstime (14..17) sit at 11..14.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks / TICK;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** The whole ingest with default options, as a worker runs it (tools located inside, as by default). */
async function ingest(
  source: string,
  workDir: string,
): Promise<{ result: ProcessResult; seconds: number; cpu: number; stageCpu: Record<PipelineStage, number> }> {
  const stageCpu = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, 0])) as Record<PipelineStage, number>;
  let stage: PipelineStage | undefined;
  const start = cpuSeconds();
  let mark = start;
  // A stage's first report comes after the previous stage's tools have exited, so their CPU is counted.
  const onProgress = ({ stage: next }: { stage: PipelineStage }): void => {
    if (next === stage) return;
    const now = cpuSeconds();
    if (stage) stageCpu[stage] = now - mark;
    [stage, mark] = [next, now];
  };
  const { value, seconds } = await timed(() => processSource(source, workDir, {}, onProgress));
  const end = cpuSeconds();
  if (stage) stageCpu[stage] = end - mark;
  return { result: value, seconds, cpu: end - start, stageCpu };
}

/**
 * The same ladder in one bare ffmpeg process: the arguments come from the builder the pipeline uses, on
 * the ladder the pipeline chose, so the encode is identical; only probe, analysis, packaging, trickplay
 * and QC are missing.
 */
async function bare(result: ProcessResult, dir: string): Promise<{ seconds: number; cpu: number }> {
  await mkdir(dir, { recursive: true });
  const args = transcodeArgs(planTranscode(result.media, result.ladder, dir, PRESET));
  const cpu = cpuSeconds();
  const { seconds } = await timed(() => runTool('ffmpeg', args));
  const used = cpuSeconds() - cpu;
  await rm(dir, { recursive: true, force: true });
  return { seconds, cpu: used };
}

const work = await mkdtemp(path.join(os.tmpdir(), 'marquee-bench-ingest-'));
const figures: RunFigures[] = [];
let last: ProcessResult | undefined;
try {
  const source = await generateDemoSource(
    { name: 'bench', look: LOOK, seconds: SECONDS, width: 1280, height: 720, audio: [{ language: 'eng', frequencyHz: 440 }], subtitles: [] },
    work,
  );
  for (let run = 0; run < RUNS; run++) {
    const workDir = path.join(work, `run-${run}`);
    // The first run needs the ladder before the bare encode can copy it; later runs alternate the order
    // so that load arriving or leaving mid-run does not always favour the same side.
    const bareFirst = run % 2 === 1 && last !== undefined;
    let bared = bareFirst && last ? await bare(last, path.join(work, 'bare')) : undefined;
    const { result, seconds, cpu, stageCpu } = await ingest(source, workDir);
    bared ??= await bare(result, path.join(work, 'bare'));
    last = result;
    const stages = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, result.timings[s] / 1000])) as Record<PipelineStage, number>;
    figures.push({ stages, stageCpu, ingestSeconds: seconds, bareSeconds: bared.seconds, ingestCpu: cpu, bareCpu: bared.cpu });
    console.log(
      `run ${run + 1}/${RUNS}: ingest ${seconds.toFixed(2)} s (${cpu.toFixed(1)} CPU-s), ` +
        `bare ffmpeg ${bared.seconds.toFixed(2)} s (${bared.cpu.toFixed(1)} CPU-s), ratio ${(seconds / bared.seconds).toFixed(2)}`,
    );
    await rm(workDir, { recursive: true, force: true });
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

if (!last) throw new Error('no run completed');
const cpus = os.cpus();
const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`\nmachine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, node ${process.version}; load average at the end ${load}`);
console.log(`source: ${LOOK}, ${SECONDS} s, 1280x720, 25 fps, one AAC track; ${RUNS} run(s), medians`);
console.log(`ladder (complexity ${last.ladder.complexity.level}, factor ${last.ladder.complexity.factor}): ` +
  last.ladder.video.map((r) => `${r.name} ${r.width}x${r.height} ${Math.round(r.bitrate / 1000)}k`).join(', ') +
  `; ${last.ladder.audio.length} AAC rendition(s); ${last.ladder.segmentSeconds} s segments, preset ${PRESET}`);

const m = (pick: (f: RunFigures) => number): number => median(figures.map(pick));
const bareSeconds = m((f) => f.bareSeconds);
const ingestSeconds = m((f) => f.ingestSeconds);
const ratio = m((f) => f.ingestSeconds / f.bareSeconds);
const rtf = (s: number): string => (s / SECONDS).toFixed(3);
const cpuRatio = m((f) => f.ingestCpu / f.bareCpu);
console.log('\n| measure | wall s | real-time factor | CPU s |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| bare ffmpeg, same ladder | ${bareSeconds.toFixed(2)} | ${rtf(bareSeconds)} | ${m((f) => f.bareCpu).toFixed(1)} |`);
for (const stage of PIPELINE_STAGES) {
  const s = m((f) => f.stages[stage]);
  console.log(`| ingest: ${stage} | ${s.toFixed(2)} | ${rtf(s)} | ${m((f) => f.stageCpu[stage]).toFixed(1)} |`);
}
console.log(`| ingest, whole | ${ingestSeconds.toFixed(2)} | ${rtf(ingestSeconds)} | ${m((f) => f.ingestCpu).toFixed(1)} |`);
const met = ratio <= TARGET_RATIO;
console.log(`\nwhole ingest / bare ffmpeg, wall: ${ratio.toFixed(2)}× (median of per-run ratios; target ≤ ${TARGET_RATIO}×) — ${met ? 'met' : 'NOT met'}`);
console.log(`whole ingest / bare ffmpeg, CPU: ${cpuRatio.toFixed(2)}× (less sensitive to other load on the machine)`);
process.exitCode = met ? 0 : 1;
