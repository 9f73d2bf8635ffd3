// The parts of m3u8-parser and mpd-parser (video.js, untyped) that the media tests read.

declare module 'm3u8-parser' {
  export interface M3u8Segment {
    uri: string;
    duration: number;
    map?: { uri: string };
    key?: { method: string; uri: string };
  }
  export interface M3u8Rendition {
    language?: string;
    uri?: string;
    default?: boolean;
  }
  export interface M3u8Manifest {
    playlists?: Array<{
      uri: string;
      attributes: {
        BANDWIDTH?: number;
        CODECS?: string;
        RESOLUTION?: { width: number; height: number };
        AUDIO?: string;
        SUBTITLES?: string;
      };
    }>;
    mediaGroups?: {
      AUDIO?: Record<string, Record<string, M3u8Rendition>>;
      SUBTITLES?: Record<string, Record<string, M3u8Rendition>>;
    };
    segments: M3u8Segment[];
    endList?: boolean;
  }
  export class Parser {
    manifest: M3u8Manifest;
    push(chunk: string): void;
    end(): void;
  }
}

declare module 'mpd-parser' {
  export interface MpdSegment {
    uri: string;
    resolvedUri: string;
    duration: number;
    map?: { uri: string; resolvedUri: string };
  }
  export interface MpdPlaylist {
    attributes: { BANDWIDTH?: number; CODECS?: string; RESOLUTION?: { width: number; height: number } };
    segments: MpdSegment[];
    contentProtection?: Record<string, { attributes?: Record<string, string>; pssh?: Uint8Array }>;
  }
  export interface MpdGroup {
    language?: string;
    playlists: MpdPlaylist[];
  }
  export interface MpdManifest {
    playlists: MpdPlaylist[];
    mediaGroups: {
      AUDIO: Record<string, Record<string, MpdGroup>>;
      SUBTITLES: Record<string, Record<string, MpdGroup>>;
    };
  }
  export function parse(manifest: string, options: { manifestUri: string }): MpdManifest;
}
