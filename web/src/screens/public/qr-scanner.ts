import { h } from '../../core/dom';
import { navigate } from '../../core/router';
import { t } from '../../i18n';
import { normalizeCode } from './verify-forms';

/** The part of the Shape Detection API the scanner uses (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

type Decode = (frame: HTMLCanvasElement) => Promise<string | undefined>;

/**
 * The verify code a scanned QR code names: the copy's QR holds `<site>/verify/<code>`; a bare
 * code (typed into another generator) is taken too. Anything else is not ours.
 */
export function codeFromQr(text: string): string | undefined {
  const path = /\/verify\/([0-9A-Za-z-]{20,40})\/?(?:[?#].*)?$/.exec(text.trim());
  return normalizeCode(path ? path[1] : text.trim());
}

/**
 * The browser's own BarcodeDetector where it exists and reads QR codes (Android, ChromeOS,
 * macOS); elsewhere jsQR (a few tens of kB, loaded only when a scan starts) on the frame's pixels.
 */
async function decoder(): Promise<Decode> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.().catch((): string[] => []))?.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (frame) => (await detector.detect(frame))[0]?.rawValue;
  }
  const { default: jsQR } = await import('jsqr');
  return async (frame) => {
    const ctx = frame.getContext('2d', { willReadFrequently: true })!;
    const image = ctx.getImageData(0, 0, frame.width, frame.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/** Frames are decoded a few times a second: enough to feel instant, light on a phone's battery. */
const FRAME_INTERVAL_MS = 150;
/** Frames are scaled to this width before decoding: a copy's QR code is large in the frame. */
const DECODE_WIDTH = 640;

/**
 * A "scan with the camera" button: opens the rear camera (getUserMedia), reads frames until a QR
 * code with a verify code appears, then stops the camera and opens /verify/{code}.
 */
export function qrScanner(): HTMLElement {
  const video = h('video', { class: 'scanner__video', muted: true, playsinline: true, 'aria-label': t('verify.scan.video'), hidden: true });
  const status = h('p', { class: 'scanner__status', role: 'status', 'aria-live': 'polite' });
  let stream: MediaStream | undefined;
  let timer: number | undefined;
  const stop = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video.hidden = true;
    startButton.hidden = false;
    stopButton.hidden = true;
  };
  const start = async () => {
    status.textContent = '';
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (error) {
      status.textContent = t('verify.scan.noCamera', { reason: error instanceof Error ? error.message || error.name : String(error) });
      return;
    }
    video.muted = true;
    video.srcObject = stream;
    video.hidden = false;
    startButton.hidden = true;
    stopButton.hidden = false;
    await video.play().catch(() => undefined);
    status.textContent = t('verify.scan.scanning');
    const decode = await decoder();
    const frame = document.createElement('canvas');
    const tick = async () => {
      if (!stream) return;
      // The router replaced the view (a link was followed): the camera goes off with it.
      if (!video.isConnected) return stop();
      if (video.videoWidth > 0) {
        const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
        frame.width = Math.round(video.videoWidth * scale);
        frame.height = Math.round(video.videoHeight * scale);
        frame.getContext('2d', { willReadFrequently: true })!.drawImage(video, 0, 0, frame.width, frame.height);
        const text = await decode(frame).catch(() => undefined);
        if (text) {
          const code = codeFromQr(text);
          if (code) {
            status.textContent = t('verify.scan.found', { code });
            stop();
            navigate(`/verify/${code}`);
            return;
          }
          status.textContent = t('verify.scan.notOurs');
        }
      }
      timer = window.setTimeout(() => void tick(), FRAME_INTERVAL_MS);
    };
    void tick();
  };
  const startButton: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn--secondary', 'data-testid': 'scan-start', onClick: () => void start() }, t('verify.scan.start'));
  const stopButton: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn--secondary', hidden: true, onClick: stop }, t('verify.scan.stop'));
  const supported = typeof navigator.mediaDevices?.getUserMedia === 'function';
  return h(
    'div',
    { class: 'scanner', 'data-testid': 'qr-scanner', hidden: !supported },
    h('h3', null, t('verify.scan.heading')),
    h('p', { class: 'hint' }, t('verify.scan.hint')),
    h('div', { class: 'actions' }, startButton, stopButton),
    video,
    status,
  );
}
