// Where a viewing starts. Its own module, importing nothing, so the browser tests wait for the same point.

/** Where to start: the saved position, unless that was the very end (then from the start). */
export function startPosition(play: { resume: { positionSec: number; durationSec: number } | null }): number | null {
  const resume = play.resume;
  return resume && resume.positionSec > 0 && resume.positionSec < resume.durationSec - 10 ? resume.positionSec : null;
}
