import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './files.js';
import { PartitionLog, type PartitionOptions } from './partition-log.js';

/**
 * A topic of the segment log: `<dir>/<partition>/` segment directories, `topic.json` fixing the
 * partition count (changing it would move keys between partitions and break per-key order), and
 * `groups/<group>.json` with each consumer group's committed positions.
 */
export class Topic {
  private listeners: (() => void)[] = [];
  private readonly groups = new Map<string, Promise<GroupOffsets>>();

  private constructor(readonly name: string, readonly dir: string, readonly partitions: PartitionLog[]) {}

  /** Opens (creating when new) a topic and recovers each of its partitions. */
  static async open(root: string, name: string, partitionCount: number, options: PartitionOptions): Promise<Topic> {
    const dir = path.join(root, name);
    await fs.mkdir(path.join(dir, 'groups'), { recursive: true });
    const metaFile = path.join(dir, 'topic.json');
    const meta = await fs.readFile(metaFile, 'utf8').then((text) => JSON.parse(text) as { partitions: number }, () => undefined);
    if (meta && meta.partitions !== partitionCount) {
      throw new Error(`log topic "${name}" has ${meta.partitions} partitions, configured ${partitionCount}`);
    }
    if (!meta) await writeFileAtomic(metaFile, JSON.stringify({ partitions: partitionCount }));
    const opened = await Promise.allSettled(
      Array.from({ length: partitionCount }, (_, p) => PartitionLog.open(path.join(dir, String(p)), options)),
    );
    const partitions = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = opened.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all(partitions.map((p) => p.close()));
      throw failure.reason;
    }
    return new Topic(name, dir, partitions);
  }

  /** Resolves at the next commit that made records of this topic durable, or after `ms`. */
  nextAppend(ms: number): { done: Promise<void>; cancel(): void } {
    let cancel = (): void => {};
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      const listener = (): void => finish();
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.listeners.push(listener);
      cancel = () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        finish();
      };
    });
    return { done, cancel };
  }

  /** Wakes consumers waiting in poll (called after each commit touching this topic). */
  notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  /** The committed positions of a group, shared by every consumer of it in this process. */
  groupOffsets(group: string): Promise<GroupOffsets> {
    let offsets = this.groups.get(group);
    if (!offsets) {
      offsets = GroupOffsets.load(path.join(this.dir, 'groups', `${group}.json`));
      this.groups.set(group, offsets);
    }
    return offsets;
  }

  async close(): Promise<void> {
    this.notify();
    await Promise.all(this.partitions.map((p) => p.close()));
  }
}

/**
 * A group's committed position per partition (the next offset to read), persisted atomically.
 * Writes are chained so concurrent commits land in order and never interleave.
 */
export class GroupOffsets {
  private chain: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string, private readonly positions: Map<number, number>) {}

  static async load(file: string): Promise<GroupOffsets> {
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    const saved = text ? (JSON.parse(text) as { positions: Record<string, number> }).positions : {};
    return new GroupOffsets(file, new Map(Object.entries(saved).map(([p, offset]) => [Number(p), offset])));
  }

  /** The committed position of a partition, if the group ever committed one. */
  get(partition: number): number | undefined {
    return this.positions.get(partition);
  }

  /** Stores positions: `forward` only moves them ahead (commit), otherwise sets them (seek). */
  update(positions: ReadonlyMap<number, number>, mode: 'forward' | 'set'): Promise<void> {
    let changed = false;
    for (const [partition, offset] of positions) {
      const current = this.positions.get(partition);
      if (mode === 'forward' && current !== undefined && current >= offset) continue;
      if (current === offset) continue;
      this.positions.set(partition, offset);
      changed = true;
    }
    if (!changed) return this.chain;
    const snapshot = JSON.stringify({ positions: Object.fromEntries(this.positions) });
    this.chain = this.chain.catch(() => {}).then(() => writeFileAtomic(this.file, snapshot));
    return this.chain;
  }
}
