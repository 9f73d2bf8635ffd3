import { describe, expect, it } from 'vitest';
import { progressPrinter, renderProgress } from '../../../src/media/jobs/progress-bar.js';

describe('ingest progress bar', () => {
  it('shows the stage as k/n, a bar and the percentage', () => {
    expect(renderProgress({ state: 'encoding', progress: 0.375 })).toBe('encoding 3/6   [#########---------------]  38%');
    expect(renderProgress({ state: 'queued', progress: 0 })).toBe('queued         [------------------------]   0%');
    expect(renderProgress({ state: 'ready', progress: 1 })).toBe('ready          [########################] 100%');
    expect(renderProgress({ state: 'probing', progress: 0, attempt: 2 })).toBe('probing 1/6    [------------------------]   0% (attempt 2)');
  });

  it('redraws in place on a terminal and writes one line per state elsewhere', () => {
    const written: string[] = [];
    const fake = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    const pipe = progressPrinter(fake(false));
    pipe.update({ state: 'encoding', progress: 0.3 });
    pipe.update({ state: 'encoding', progress: 0.4 });
    pipe.update({ state: 'qc', progress: 0.9 });
    pipe.done();
    expect(written).toEqual(['encoding 3/6   [#######-----------------]  30%\n', 'qc 6/6         [######################--]  90%\n']);
    written.length = 0;
    const tty = progressPrinter(fake(true));
    tty.update({ state: 'encoding', progress: 0.3 });
    tty.update({ state: 'encoding', progress: 0.3 });
    tty.done();
    expect(written).toEqual(['\rencoding 3/6   [#######-----------------]  30%', '\n']);
  });
});
