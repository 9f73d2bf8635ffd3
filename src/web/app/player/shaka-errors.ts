import shaka from 'shaka-player/dist/shaka-player.compiled.js';

/** Shaka's numbered errors in words a viewer understands (codes: shaka.util.Error.Code). */
export function describeShakaError(error: unknown): string {
  if (!(error instanceof shaka.util.Error)) return error instanceof Error ? error.message : 'The video could not be played.';
  const Code = shaka.util.Error.Code;
  const Category = shaka.util.Error.Category;
  if (error.code === Code.LICENSE_REQUEST_FAILED || error.code === Code.LICENSE_RESPONSE_REJECTED) {
    return 'The playback licence was refused; the session may have expired. Go back and press Play again.';
  }
  if (error.category === Category.DRM) return 'This browser could not decrypt the video (ClearKey is not supported here).';
  if (error.category === Category.NETWORK) return 'The video could not be downloaded. Check your connection and try again.';
  if (error.category === Category.MEDIA) return 'This browser cannot decode the video.';
  return `The video could not be played (error ${error.code}).`;
}

/** True when this browser has what Shaka needs: MSE and EME. */
export function playerSupported(): boolean {
  shaka.polyfill.installAll();
  return shaka.Player.isBrowserSupported();
}
