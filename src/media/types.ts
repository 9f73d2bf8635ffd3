/** A frame rate or aspect as an exact fraction (ffprobe's "30000/1001"). */
export interface Rational {
  num: number;
  den: number;
}

/** The video stream the pipeline transcodes (the first one that is not cover art). */
export interface VideoStreamInfo {
  /** Absolute stream index in the container (for `-map 0:<index>`). */
  index: number;
  codec: string;
  /** Display size: sample aspect ratio and rotation applied, as a viewer sees it. */
  width: number;
  height: number;
  frameRate: Rational;
  pixFmt: string;
  /** Frame count declared by the container, when it declares one. */
  frames: number | undefined;
  durationSeconds: number | undefined;
}

/** One audio track of the source; every one becomes an AAC rendition. */
export interface AudioStreamInfo {
  index: number;
  codec: string;
  channels: number;
  sampleRate: number;
  /** ISO 639-2 code as tagged in the source, 'und' when untagged. */
  language: string;
  title: string | undefined;
  isDefault: boolean;
}

/** One subtitle track of the source. Only text tracks can become WebVTT. */
export interface SubtitleStreamInfo {
  index: number;
  codec: string;
  language: string;
  title: string | undefined;
  /** False for bitmap subtitles (PGS, VobSub, DVB), which cannot become WebVTT. */
  isText: boolean;
  isForced: boolean;
}

/** What probing learned about a source, after validation: it is a playable video. */
export interface MediaInfo {
  path: string;
  sizeBytes: number;
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  /** Length of the title: the video stream's, else the container's. */
  durationSeconds: number;
  video: VideoStreamInfo;
  audio: AudioStreamInfo[];
  subtitles: SubtitleStreamInfo[];
}

/** Result of the constant-quality probe encode that measures how hard a title is to compress. */
export interface Complexity {
  /** Bits per pixel per frame of the CRF probe encode: the per-title complexity measure. */
  bitsPerPixel: number;
  /** Multiplier applied to the reference ladder's bitrates (1 = reference content). */
  factor: number;
  level: 'low' | 'medium' | 'high';
  sampledSeconds: number;
  sampledFrames: number;
  sampleWidth: number;
  sampleHeight: number;
}

/** One video rendition of the ladder. */
export interface VideoRung {
  /** Directory-safe name, e.g. "720p". */
  name: string;
  width: number;
  height: number;
  /** Target average bitrate in bits per second. */
  bitrate: number;
  /** VBV peak rate and buffer in bits (per second / total). */
  maxrate: number;
  bufsize: number;
}

/** One AAC rendition, made from one audio track of the source. */
export interface AudioRendition {
  /** Absolute index of the source stream. */
  sourceIndex: number;
  /** ISO 639-2 language, 'und' when unknown. */
  language: string;
  /** Human name shown in players (HLS NAME). */
  label: string;
  /** Directory-safe unique name, e.g. "eng" or "eng-2". */
  name: string;
  bitrate: number;
  channels: number;
  sampleRate: number;
  isDefault: boolean;
}

/**
 * The per-title encoding decision, computed once from MediaInfo and Complexity and handed unchanged to
 * transcoding, packaging and QC.
 */
export interface Ladder {
  segmentSeconds: number;
  /** Output frame rate, the same on every rung so keyframes can align. */
  frameRate: Rational;
  /** Frames per GOP (= one segment). */
  gop: number;
  complexity: Complexity;
  /** Ascending by resolution. */
  video: VideoRung[];
  audio: AudioRendition[];
}

/** Per-title content key for CENC: 16 random bytes each, lower-case hex. */
export interface ContentKey {
  keyId: string;
  key: string;
}
