import type { ServerResponse } from 'node:http';

/**
 * Response bodies joined from pre-encoded pieces into buffers that are reused once the response has
 * been written, instead of a new buffer per response.
 *
 * Why: a home page is 40–70 kB. A fresh buffer per page is memory outside the V8 heap, which V8
 * counts towards starting a collection, so at thousands of pages per second it collects far more
 * often, now and then with a full marking of a heap that holds every page plan (bench:home, 20 k
 * members: 324 pauses, 3 of them major, in 143 k pages; with the pool 17, none major, in 67 k).
 * Reused buffers keep that memory flat.
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
    private readonly bufferBytes = 128 * 1024,
    private readonly maxFree = 256,
  ) {}

  /** The pieces as one body for `response`; the body's memory is reused after the response finishes. */
  join(pieces: readonly Buffer[], response: ServerResponse): Buffer {
    let length = 0;
    for (const piece of pieces) length += piece.length;
    if (length > this.bufferBytes) return Buffer.concat(pieces, length);
    const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
    let offset = 0;
    for (const piece of pieces) offset += piece.copy(buffer, offset);
    response.once('finish', () => {
      if (this.free.length < this.maxFree) this.free.push(buffer);
    });
    return buffer.subarray(0, length);
  }
}
