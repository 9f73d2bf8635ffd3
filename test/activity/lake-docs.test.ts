import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAKE_EVENT_COLUMNS, LAKE_LOG_COLUMNS, LAKE_PARTITION_COLUMNS } from '../../src/activity/lake/index.js';

const doc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/LAKE.md');

describe('docs/LAKE.md', () => {
  it('lists every lake column with its type, and no column the code does not have', async () => {
    const text = await fs.readFile(doc, 'utf8');
    const documented = new Map([...text.matchAll(/^\| `([a-z_]+)` \| ([A-Z[\]]+) \|/gm)].map((m) => [m[1], m[2]]));
    const columns = [...LAKE_EVENT_COLUMNS, ...LAKE_LOG_COLUMNS, ...LAKE_PARTITION_COLUMNS];
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(columns.map((c) => [c.name, c.type])));
  });
});
