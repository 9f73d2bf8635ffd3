import type { ServerResponse } from 'node:http';

/**
 * Response bodies copied into buffers that are reused once the response has been written, instead
 * of a new buffer per response (a reused home page is copied out of its plan's block, which a later
 * plan may overwrite: src/recs/home/page-plans.ts).
 *
 * Why not a new buffer each time: a body over 4 kB is a buffer of its own outside the V8 heap, which
 * V8 counts towards starting a collection, so at thousands of pages per second it collects far more
 * often (bench:home, 20 k members, when pages were 40–70 kB: 324 pauses, 3 of them major, in 143 k
 * pages; with a pool 17, none major, in 67 k).
 *
 * A buffer goes back to the pool only on the response's `finish` (Node has handed the last byte to
 * the kernel, so nothing reads the buffer any more); a response closed before that keeps its buffer
 * out of the pool, and the garbage collector frees it.
 */
export class BodyPool {
  private readonly free: Buffer[] = [];

  /**
   * @param bufferBytes size of each pooled buffer; a larger body gets a buffer of its own
   * @param maxFree buffers kept for reuse (about the responses in flight at once)
   */
  constructor(
    private readonly bufferBytes = 64 * 1024,
    private readonly maxFree = 256,
  ) {}

  /** A copy of `bytes` to send as `response`'s body; its memory is reused after the response finishes. */
  copy(bytes: Uint8Array, response: ServerResponse): Buffer {
    if (bytes.length > this.bufferBytes) return Buffer.from(bytes);
    const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
    buffer.set(bytes);
    response.once('finish', () => {
      if (this.free.length < this.maxFree) this.free.push(buffer);
    });
    return buffer.subarray(0, bytes.length);
  }
}
