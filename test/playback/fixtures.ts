// Shaka Packager v3.4.2 output for a 1080p source packaged with rungs 360p/720p/1080p (copied verbatim
// from a real run of the media pipeline), the inputs of the manifest filter tests and fake publications.

export const KEY_ID = 'fce2f6f2cbcf1381951e5467bf3fd61f';
export const KEY = '00112233445566778899aabbccddeeff';

export const SHAKA_HLS_MASTER = `#EXTM3U
## Generated with https://github.com/shaka-project/shaka-packager version v3.4.2-c819dea-release

#EXT-X-INDEPENDENT-SEGMENTS

#EXT-X-MEDIA:TYPE=AUDIO,URI="audio/und/playlist.m3u8",GROUP-ID="audio",NAME="Unknown",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="1"

#EXT-X-STREAM-INF:BANDWIDTH=616107,AVERAGE-BANDWIDTH=599274,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25.000,AUDIO="audio",CLOSED-CAPTIONS=NONE
video/360p/playlist.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=1544955,AVERAGE-BANDWIDTH=1539530,CODECS="avc1.42c01f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=25.000,AUDIO="audio",CLOSED-CAPTIONS=NONE
video/720p/playlist.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2867251,AVERAGE-BANDWIDTH=2783096,CODECS="avc1.42c028,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=25.000,AUDIO="audio",CLOSED-CAPTIONS=NONE
video/1080p/playlist.m3u8
`;

export const SHAKA_DASH_MPD = `<?xml version="1.0" encoding="UTF-8"?>
<!--Generated with https://github.com/shaka-project/shaka-packager version v3.4.2-c819dea-release-->
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:mpeg:dash:schema:mpd:2011 DASH-MPD.xsd" xmlns:cenc="urn:mpeg:cenc:2013" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S" type="static" mediaPresentationDuration="PT4S">
  <Period id="0">
    <AdaptationSet id="0" contentType="video" maxWidth="1920" maxHeight="1080" frameRate="12800/512" segmentAlignment="true" par="16:9">
      <ContentProtection value="cenc" schemeIdUri="urn:mpeg:dash:mp4protection:2011" cenc:default_KID="fce2f6f2-cbcf-1381-951e-5467bf3fd61f"/>
      <ContentProtection schemeIdUri="urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b">
        <cenc:pssh>AAAANHBzc2gBAAAAEHfv7MCyTQKs4zweUuL7SwAAAAH84vbyy88TgZUeVGe/P9YfAAAAAA==</cenc:pssh>
      </ContentProtection>
      <Representation id="0" bandwidth="544584" codecs="avc1.42c01e" mimeType="video/mp4" sar="1:1" width="640" height="360">
        <SegmentTemplate timescale="12800" initialization="video/360p/init.mp4" media="video/360p/seg_$Number$.m4s" startNumber="1">
          <SegmentTimeline>
            <S t="0" d="25600" r="1"/>
          </SegmentTimeline>
        </SegmentTemplate>
      </Representation>
      <Representation id="1" bandwidth="1473432" codecs="avc1.42c01f" mimeType="video/mp4" sar="1:1" width="1280" height="720">
        <SegmentTemplate timescale="12800" initialization="video/720p/init.mp4" media="video/720p/seg_$Number$.m4s" startNumber="1">
          <SegmentTimeline>
            <S t="0" d="25600" r="1"/>
          </SegmentTimeline>
        </SegmentTemplate>
      </Representation>
      <Representation id="2" bandwidth="2795728" codecs="avc1.42c028" mimeType="video/mp4" sar="1:1" width="1920" height="1080">
        <SegmentTemplate timescale="12800" initialization="video/1080p/init.mp4" media="video/1080p/seg_$Number$.m4s" startNumber="1">
          <SegmentTimeline>
            <S t="0" d="25600" r="1"/>
          </SegmentTimeline>
        </SegmentTemplate>
      </Representation>
    </AdaptationSet>
    <AdaptationSet id="1" contentType="audio" startWithSAP="1" segmentAlignment="true">
      <ContentProtection value="cenc" schemeIdUri="urn:mpeg:dash:mp4protection:2011" cenc:default_KID="fce2f6f2-cbcf-1381-951e-5467bf3fd61f"/>
      <ContentProtection schemeIdUri="urn:uuid:1077efec-c0b2-4d02-ace3-3c1e52e2fb4b">
        <cenc:pssh>AAAANHBzc2gBAAAAEHfv7MCyTQKs4zweUuL7SwAAAAH84vbyy88TgZUeVGe/P9YfAAAAAA==</cenc:pssh>
      </ContentProtection>
      <Representation id="3" bandwidth="71523" codecs="mp4a.40.2" mimeType="audio/mp4" audioSamplingRate="48000">
        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="1"/>
        <SegmentTemplate timescale="48000" initialization="audio/und/init.mp4" media="audio/und/seg_$Number$.m4s" startNumber="1">
          <SegmentTimeline>
            <S t="0" d="96256"/>
            <S t="96256" d="95744"/>
          </SegmentTimeline>
        </SegmentTemplate>
      </Representation>
    </AdaptationSet>
  </Period>
</MPD>
`;
