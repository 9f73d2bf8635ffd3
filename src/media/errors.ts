/**
 * Stable error codes of the media pipeline. Each carries the HTTP status an API should answer with
 * (422 for sources the pipeline refuses, 500/503 for our own failures), so the central catalogue in
 * src/errors.ts can adopt them as they are.
 */
export const MEDIA_ERRORS = {
  /** The file has no bytes, or declares no duration / no frames. */
  MEDIA_EMPTY: { status: 422, message: 'The file is empty' },
  /** Not a media file at all, a still image, or a media file without a video stream. */
  MEDIA_NOT_VIDEO: { status: 422, message: 'The file is not a playable video' },
  /** A recognised container that cannot be read, or a stream that does not decode. */
  MEDIA_CORRUPT: { status: 422, message: 'The file is damaged' },
  /** The declared duration cannot be true for the file's size or frame count. */
  MEDIA_DURATION_IMPLAUSIBLE: { status: 422, message: 'The declared duration is implausible' },
  /** A video the pipeline will not take on (tiny or gigantic frame size, undecodable codec). */
  MEDIA_UNSUPPORTED: { status: 422, message: 'The video format is not supported' },
  /** ffmpeg, ffprobe or Shaka Packager cannot be found or is too old. */
  MEDIA_TOOL_MISSING: { status: 503, message: 'A media tool is missing' },
  /** A media tool exited with an error. */
  MEDIA_TOOL_FAILED: { status: 500, message: 'A media tool failed' },
  /** The packaged title failed quality control; it must not be published. */
  MEDIA_QC_FAILED: { status: 500, message: 'The title failed quality control' },
  /** The work was cancelled through its AbortSignal. */
  MEDIA_CANCELLED: { status: 499, message: 'Media processing was cancelled' },
  /** Options passed to the pipeline are out of range. */
  MEDIA_BAD_OPTIONS: { status: 400, message: 'Invalid media processing options' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the media pipeline's stable error codes. */
export type MediaErrorCode = keyof typeof MEDIA_ERRORS;

/** An error of the media pipeline: a stable code, a human reason and optional structured details. */
export class MediaError extends Error {
  readonly status: number;

  constructor(
    readonly code: MediaErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? MEDIA_ERRORS[code].message);
    this.name = 'MediaError';
    this.status = MEDIA_ERRORS[code].status;
  }
}

/** True when `err` is a MediaError, optionally with the given code. */
export function isMediaError(err: unknown, code?: MediaErrorCode): err is MediaError {
  return err instanceof MediaError && (code === undefined || err.code === code);
}
