import { isRunning, isTerminal, stageOf, type JobState } from './model.js';

/** What a progress line shows. */
export interface ProgressView {
  state: JobState;
  progress: number;
  attempt?: number;
}

const WIDTH = 24;

/** One line: `encoding 3/6 [#########---------------]  38%` (attempt shown from the second one). */
export function renderProgress(view: ProgressView): string {
  const pct = Math.round(Math.min(1, Math.max(0, view.progress)) * 100);
  const filled = Math.round((pct / 100) * WIDTH);
  const stage = stageOf(view.state);
  const label = stage ? `${view.state} ${stage.index}/${stage.count}` : view.state;
  const retry = view.attempt !== undefined && view.attempt > 1 ? ` (attempt ${view.attempt})` : '';
  return `${label.padEnd(14)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}%${retry}`;
}

/**
 * Draws progress on a stream: redrawn in place on a terminal; on a pipe or log file one line per
 * state change, so CI logs stay readable.
 */
export function progressPrinter(out: NodeJS.WriteStream): { update(view: ProgressView): void; done(): void } {
  let lastState: JobState | undefined;
  let lastLine = '';
  return {
    update(view) {
      const line = renderProgress(view);
      if (out.isTTY) {
        if (line !== lastLine) out.write(`\r${line}`);
      } else if (view.state !== lastState && (isRunning(view.state) || isTerminal(view.state) || view.state === 'queued')) {
        out.write(`${line}\n`);
      }
      lastLine = line;
      lastState = view.state;
    },
    done() {
      if (out.isTTY && lastLine) out.write('\n');
    },
  };
}
