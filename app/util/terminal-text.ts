/**
 * Text for a terminal, with the characters that would act instead of print shown as visible escapes.
 *
 * Column names, cells, file names and the messages built from them come from files the user may not have written.
 * Sent raw, an ESC (or the 8-bit CSI, 0x9B) starts a control sequence — recolour or clear the screen, move the
 * cursor over earlier output, set the window title, on some terminals write the clipboard or open links; a lone
 * carriage return or backspace overwrites what was printed; a bidi override (U+202E…) makes a line read differently
 * from what it holds. Each such character becomes `\xHH` or `\uHHHH`; tab and line feed stay, as the CLI lays
 * out its own output with them. Pure (no Node): the CLI and `sapling ui`'s command line both use it.
 */

// C0 controls but tab and line feed, DEL, C1 controls; bidi embeddings, overrides and isolates, the implicit marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function terminalText(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase()}`;
  });
}
