import path from 'node:path';
import { LAKE_EVENTS_TABLE } from './schema.js';

/**
 * Where lake files live and what they are called. A published file is
 * `<lake>/events/dt=YYYY-MM-DD/hr=HH/part-pPP-oFIRST-oLAST.parquet`: the log partition and the
 * first and last log offset it holds, so recovery can pick the files that may overlap a redelivered
 * range from names alone. Files are written under `<lake>/_tmp/`, outside the readers' glob, and
 * renamed into place.
 */

/** Staging directory for files being written (outside `events/`, same filesystem for `rename`). */
export function lakeTmpDir(lakeRoot: string): string {
  return path.join(lakeRoot, '_tmp');
}

/** The events table directory. */
export function lakeEventsDir(lakeRoot: string): string {
  return path.join(lakeRoot, LAKE_EVENTS_TABLE);
}

/** The UTC hour of a receive time, as the `dt=…/hr=…` partition path relative to `events/`. */
export function hourPartition(receivedAtMs: number): string {
  const iso = new Date(receivedAtMs).toISOString(); // 2026-11-30T17:04:05.000Z
  return `dt=${iso.slice(0, 10)}/hr=${iso.slice(11, 13)}`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `part-p03-o000000001200-o000000001450.parquet` (offsets wider than 12 digits simply grow). */
export function partFileName(partition: number, firstOffset: number, lastOffset: number): string {
  return `part-p${pad(partition, 2)}-o${pad(firstOffset, 12)}-o${pad(lastOffset, 12)}.parquet`;
}

/** A published part file, as read back from its name. */
export interface PartFile {
  path: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
}

const PART_NAME = /^part-p(\d+)-o(\d+)-o(\d+)\.parquet$/;

/** Parses a part file name; undefined for anything else (foreign files are left alone). */
export function parsePartFileName(filePath: string): PartFile | undefined {
  const match = PART_NAME.exec(path.basename(filePath));
  if (!match) return undefined;
  return { path: filePath, partition: Number(match[1]), firstOffset: Number(match[2]), lastOffset: Number(match[3]) };
}
