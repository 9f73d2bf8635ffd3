import { spawn } from 'node:child_process';
import { MediaError } from './errors.js';

/** How to run one media tool invocation. */
export interface RunOptions {
  /** Cancels the run: the child gets SIGTERM, then SIGKILL after `killGraceMs`. */
  signal?: AbortSignal;
  /** Working directory of the child (Shaka Packager writes relative paths into manifests). */
  cwd?: string;
  /** Collect stdout as text (ffprobe JSON). Otherwise stdout is parsed as `-progress pipe:1` output. */
  captureStdout?: boolean;
  /** Media duration the command processes; with `onProgress`, turns out_time_us into a fraction. */
  durationSeconds?: number;
  /** Called with 0..1 as ffmpeg reports progress (needs `-progress pipe:1` in the arguments). */
  onProgress?: (fraction: number) => void;
  /** Delay between SIGTERM and SIGKILL on cancel. */
  killGraceMs?: number;
}

/** What a finished run left behind. */
export interface RunResult {
  stdout: string;
  /** The last part of stderr (bounded), where ffmpeg's filters print their summaries. */
  stderr: string;
  /** The last complete `-progress` block (out_time_us, frame, total_size, …), empty if none. */
  progress: Readonly<Record<string, string>>;
}

// Enough for the psnr/ssim summaries and a useful error tail, bounded so a chatty encode cannot grow memory.
const STDERR_LIMIT = 256 * 1024;
const ERROR_TAIL_LINES = 15;

/** The last `lines` non-empty lines of a tool's stderr, for error messages. */
export function stderrTail(stderr: string, lines = ERROR_TAIL_LINES): string {
  return stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0).slice(-lines).join('\n');
}

/**
 * Runs a media tool (argv built elsewhere by a pure builder), reporting progress, honouring cancellation,
 * and failing with MEDIA_TOOL_FAILED carrying the stderr tail.
 */
export function runTool(bin: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new MediaError('MEDIA_CANCELLED'));
  const name = bin.split(/[\\/]/).pop() ?? bin;

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let lineBuffer = '';
    let block: Record<string, string> = {};
    let lastBlock: Record<string, string> = {};
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGTERM');
      // ffmpeg finishes its trailer on SIGTERM; a wedged child must still go away.
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 2000);
      killTimer.unref();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const handleProgressLine = (line: string): void => {
      const eq = line.indexOf('=');
      if (eq <= 0) return;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      block[key] = value;
      if (key !== 'progress') return;
      lastBlock = block;
      block = {};
      const outUs = Number(lastBlock.out_time_us);
      if (options.onProgress && options.durationSeconds && Number.isFinite(outUs) && outUs >= 0) {
        const fraction = value === 'end' ? 1 : outUs / 1e6 / options.durationSeconds;
        options.onProgress(Math.min(1, Math.max(0, fraction)));
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (options.captureStdout) {
        stdout += chunk;
        return;
      }
      lineBuffer += chunk;
      let nl: number;
      while ((nl = lineBuffer.indexOf('\n')) >= 0) {
        handleProgressLine(lineBuffer.slice(0, nl));
        lineBuffer = lineBuffer.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > STDERR_LIMIT * 2) stderr = stderr.slice(-STDERR_LIMIT);
    });

    child.on('error', (err: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      if (err.code === 'ENOENT') {
        reject(new MediaError('MEDIA_TOOL_MISSING', `${name} was not found at ${bin}`, { tool: name, bin }));
      } else {
        reject(new MediaError('MEDIA_TOOL_FAILED', `${name} could not start: ${err.message}`, { tool: name }));
      }
    });
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (cancelled) {
        reject(new MediaError('MEDIA_CANCELLED', `${name} was cancelled`, { tool: name }));
      } else if (code !== 0) {
        const tail = stderrTail(stderr);
        reject(
          new MediaError('MEDIA_TOOL_FAILED', `${name} exited with ${code ?? sig}: ${tail}`, {
            tool: name,
            exitCode: code,
            signal: sig,
            stderrTail: tail,
          }),
        );
      } else {
        resolve({ stdout, stderr: stderr.slice(-STDERR_LIMIT), progress: lastBlock });
      }
    });
  });
}
