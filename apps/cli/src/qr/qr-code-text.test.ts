import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodePng, qrCodeDataUrlToText, readModules, renderModules } from './qr-code-text.ts';

const uri =
  'otpauth://totp/Tradewind:sam%40example.com?issuer=Tradewind&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

/** The module grid the QR library itself computed, rows of `true` for dark. */
function expectedModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))),
  );
}

describe('QR code as text', () => {
  it.each([
    { scale: 4, margin: 4 },
    { scale: 1, margin: 0 },
    { scale: 7, margin: 1 },
  ])('reads back the exact modules of a PNG rendered at $scale px per module', async (options) => {
    const dataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', ...options });
    const png = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
    expect(readModules(decodePng(png))).toEqual(expectedModules(uri));
  });

  it('draws two module rows per line with half blocks inside a quiet zone', async () => {
    expect(
      renderModules(
        [
          [true, false],
          [false, true],
        ],
        1,
      ),
    ).toBe('█▀██\n██▄█');
    // The server's rendering options are the library defaults; 2 modules of quiet zone a side.
    const lines = qrCodeDataUrlToText(await QRCode.toDataURL(uri)).split('\n');
    const size = expectedModules(uri).length + 4;
    expect(lines).toHaveLength(Math.ceil(size / 2));
    expect(lines.every((line) => [...line].length === size)).toBe(true);
  });

  it('refuses what is not a PNG', () => {
    expect(() => qrCodeDataUrlToText('data:image/png;base64,aGVsbG8=')).toThrow('not a PNG image');
  });
});
