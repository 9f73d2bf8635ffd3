/**
 * Pure builder of Shaka Packager's argument list: renditions in, CMAF segments plus an HLS multivariant
 * playlist and a static DASH MPD out, all referencing the same segment files, CENC-encrypted under one key.
 */
import { MediaError } from './errors.js';
import type { ContentKey } from './types.js';

/** An input stream of the packager and where its segments go (relative to the output directory). */
export interface PackageStream {
  /** Absolute path of the rendition file (MP4 or WebVTT). */
  input: string;
  kind: 'video' | 'audio' | 'text';
  /** Directory of the stream under the output dir, e.g. "video/720p", "audio/eng", "subs/eng". */
  dir: string;
  /** ISO 639 code (audio and text). */
  language?: string;
  /** HLS NAME of audio and subtitle renditions. */
  label?: string;
}

/** Everything one packager run needs. */
export interface PackagePlan {
  streams: readonly PackageStream[];
  segmentSeconds: number;
  /** Encrypt every audio and video stream with CENC ('cenc' scheme) under this key; null for clear. */
  encryption: ContentKey | null;
  /** Language whose audio (and text) is marked default in both manifests. */
  defaultLanguage?: string;
  hlsMaster: string;
  dashManifest: string;
}

/** File names inside each stream directory. */
export const SEGMENT_NAMES = {
  init: 'init.mp4',
  media: 'seg_$Number$.m4s',
  text: 'seg_$Number$.vtt',
  playlist: 'playlist.m3u8',
} as const;

const AUDIO_GROUP = 'audio';
const SUBTITLE_GROUP = 'subs';

function field(value: string, what: string): string {
  // Stream descriptors are comma-separated key=value lists with no escaping.
  if (/[,=]/.test(value)) {
    throw new MediaError('MEDIA_BAD_OPTIONS', `Shaka Packager cannot take a ${what} containing ',' or '=': ${value}`);
  }
  return value;
}

/** One stream descriptor ("in=…,stream=…,init_segment=…,segment_template=…"). */
export function streamDescriptor(stream: PackageStream): string {
  const parts = [`in=${field(stream.input, 'path')}`, `stream=${stream.kind}`];
  // Shaka Packager refuses 'und'; an untagged track simply carries no language.
  if (stream.language && stream.language !== 'und') parts.push(`language=${field(stream.language, 'language')}`);
  const dir = field(stream.dir, 'directory');
  if (stream.kind === 'text') {
    // WebVTT stays WebVTT, segmented on the same boundaries (the packager needs templates for all or none).
    parts.push(`segment_template=${dir}/${SEGMENT_NAMES.text}`);
  } else {
    parts.push(`init_segment=${dir}/${SEGMENT_NAMES.init}`, `segment_template=${dir}/${SEGMENT_NAMES.media}`);
  }
  parts.push(`playlist_name=${dir}/${SEGMENT_NAMES.playlist}`);
  if (stream.kind !== 'video') {
    parts.push(`hls_group_id=${stream.kind === 'audio' ? AUDIO_GROUP : SUBTITLE_GROUP}`);
    // Labels are free text from the source's tags; commas would end the descriptor field.
    parts.push(`hls_name=${(stream.label ?? stream.language ?? stream.dir).replace(/[,=]/g, ' ')}`);
  }
  return parts.join(',');
}

/** Shaka Packager argv; run it with the output directory as working directory so manifests use relative URLs. */
export function packagerArgs(plan: PackagePlan): string[] {
  const seconds = String(plan.segmentSeconds);
  const args = [
    ...plan.streams.map(streamDescriptor),
    '--segment_duration', seconds,
    '--fragment_duration', seconds,
    // Segment templates would otherwise make a dynamic (live) MPD; VOD needs a static one.
    '--generate_static_live_mpd',
    '--hls_playlist_type', 'VOD',
    '--hls_master_playlist_output', plan.hlsMaster,
    '--mpd_output', plan.dashManifest,
  ];
  if (plan.defaultLanguage) {
    args.push('--default_language', plan.defaultLanguage, '--default_text_language', plan.defaultLanguage);
  }
  if (plan.encryption) {
    const { keyId, key } = plan.encryption;
    if (!/^[0-9a-f]{32}$/.test(keyId) || !/^[0-9a-f]{32}$/.test(key)) {
      throw new MediaError('MEDIA_BAD_OPTIONS', 'Content key and key id must be 16 bytes of lower-case hex');
    }
    args.push(
      '--enable_raw_key_encryption',
      // An empty label applies the key to every stream.
      '--keys', `label=:key_id=${keyId}:key=${key}`,
      '--protection_scheme', 'cenc',
      // The common PSSH ('1077efec…') carries the key id, which is what ClearKey players look up.
      '--protection_systems', 'CommonSystem',
      '--clear_lead', '0',
    );
  }
  return [...args, '--quiet'];
}
