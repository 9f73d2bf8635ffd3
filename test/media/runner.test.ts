import { describe, expect, it } from 'vitest';
import { MediaError } from '../../src/media/errors.js';
import { runTool, stderrTail } from '../../src/media/runner.js';
import { parseToolVersion } from '../../src/media/tools.js';

// Node itself stands in for ffmpeg: these tests need no media tools.
const node = process.execPath;

async function failure(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof MediaError) return err;
    throw err;
  }
  throw new Error('expected a MediaError');
}

describe('runTool', () => {
  it('reports progress from -progress style key=value blocks and keeps the last block', async () => {
    const script = [
      "process.stdout.write('frame=10\\nout_time_us=2500000\\nprogress=continue\\n');",
      "process.stdout.write('frame=40\\nout_time_us=10000000\\nprogress=end\\n');",
    ].join('');
    const fractions: number[] = [];
    const result = await runTool(node, ['-e', script], { durationSeconds: 10, onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([0.25, 1]);
    expect(result.progress).toEqual({ frame: '40', out_time_us: '10000000', progress: 'end' });
  });

  it('captures stdout when asked', async () => {
    const result = await runTool(node, ['-e', 'console.log(JSON.stringify({a:1}))'], { captureStdout: true });
    expect(JSON.parse(result.stdout)).toEqual({ a: 1 });
  });

  it('fails with the exit code and the tail of stderr', async () => {
    const script = "for (let i = 1; i <= 30; i++) console.error('line ' + i); process.exit(3)";
    const err = await failure(runTool(node, ['-e', script]));
    expect(err.code).toBe('MEDIA_TOOL_FAILED');
    expect(err.message).toMatch(/exited with 3: line 16\nline 17[\s\S]*line 30$/);
    expect(err.details).toMatchObject({ exitCode: 3 });
  });

  it('kills the child on abort and says it was cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runTool(node, ['-e', 'setTimeout(() => {}, 60000)'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const err = await failure(run);
    expect(err.code).toBe('MEDIA_CANCELLED');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    const controller = new AbortController();
    const script = "process.on('SIGTERM', () => {}); setTimeout(() => {}, 60000); console.log('ready')";
    const run = runTool(node, ['-e', script], { signal: controller.signal, killGraceMs: 200, captureStdout: true });
    setTimeout(() => controller.abort(), 300);
    expect((await failure(run)).code).toBe('MEDIA_CANCELLED');
  });

  it('refuses to start when already aborted, and names a missing binary', async () => {
    expect((await failure(runTool(node, ['-e', ''], { signal: AbortSignal.abort() }))).code).toBe('MEDIA_CANCELLED');
    const missing = await failure(runTool('/nonexistent/ffmpeg', ['-version']));
    expect(missing.code).toBe('MEDIA_TOOL_MISSING');
    expect(missing.message).toBe('ffmpeg was not found at /nonexistent/ffmpeg');
  });
});

describe('tool helpers', () => {
  it('reads versions of ffmpeg and Shaka Packager', () => {
    expect(parseToolVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026')).toEqual([5, 1]);
    expect(parseToolVersion('packager version v3.4.2-c819dea-release')).toEqual([3, 4]);
    expect(parseToolVersion('ffmpeg version N-112233-gdeadbeef')).toBeUndefined();
  });

  it('keeps the last non-empty stderr lines', () => {
    expect(stderrTail('a\n\nb\nc\n\n', 2)).toBe('b\nc');
  });
});
