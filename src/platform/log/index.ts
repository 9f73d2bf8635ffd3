import path from 'node:path';
import { openJetStreamLog } from './jetstream.js';
import { openSegmentLog } from './segment/log.js';
import type { Log, LogRetention } from './types.js';

export type {
  AppendResult,
  ConsumerOptions,
  Log,
  LogConsumer,
  LogPosition,
  LogRecord,
  LogRecordInput,
  LogRetention,
} from './types.js';
export { partitionFor } from './partition.js';
export { openJetStreamLog, JetStreamLog, type JetStreamLogOptions } from './jetstream.js';
export { openSegmentLog, SegmentLog, type SegmentLogOptions } from './segment/log.js';

/** Settings shared by both adapters; the partition count must stay fixed for a deployment. */
export interface OpenLogOptions {
  /** NATS JetStream when set (services mode), else the segment log under `<dataDir>/log`. */
  natsUrl: string | undefined;
  dataDir: string;
  partitions?: number;
  retention?: LogRetention;
  /** JetStream stream replicas (services mode only). */
  replicas?: number;
}

/**
 * The activity log for this process: JetStream when a NATS URL is configured (failing fast when
 * it is unreachable), otherwise the embedded segment log.
 * @example
 * const log = await openLog({ natsUrl: config.natsUrl, dataDir: config.dataDir });
 * await log.append('activity', [{ key: profileId, value: JSON.stringify(event) }]);
 */
export function openLog(options: OpenLogOptions): Promise<Log> {
  const shared = {
    ...(options.partitions === undefined ? {} : { partitions: options.partitions }),
    ...(options.retention === undefined ? {} : { retention: options.retention }),
  };
  return options.natsUrl
    ? openJetStreamLog({ url: options.natsUrl, ...shared, ...(options.replicas === undefined ? {} : { replicas: options.replicas }) })
    : openSegmentLog({ dir: path.join(options.dataDir, 'log'), ...shared });
}
