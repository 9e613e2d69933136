/**
 * qrcode's encoder on its own. The package's main entry also loads its PNG (pngjs), SVG, UTF-8
 * and terminal renderers, which a Lambda bundle would carry for nothing: we only need the module
 * matrix. @types/qrcode describes the main entry only; this is the same create() it re-exports.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
