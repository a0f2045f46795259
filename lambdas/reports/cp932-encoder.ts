/**
 * Encodes text as Windows-31J (CP932), the Shift_JIS of Excel and of the government's upload
 * form. The table is the reverse of the platform's WHATWG Shift_JIS decoder, built on first use,
 * so the handler bundle carries no code table of its own. A character CP932 lacks becomes `?`.
 */
let encodingTable: Map<number, number> | undefined;

function buildEncodingTable(): Map<number, number> {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<number, number>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    // 0xA0–0xDF are single bytes; 0xF0–0xF9 hold user-defined characters (private use area),
    // which no receiving system can be expected to share.
    if ((lead >= 0xa0 && lead <= 0xdf) || (lead >= 0xf0 && lead <= 0xf9)) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const decoded = decoder.decode(new Uint8Array([lead, trail]));
      const codePoint = decoded.codePointAt(0);
      if (decoded.length !== 1 || codePoint === 0xfffd || codePoint === undefined) continue;
      // Some characters decode from two places. As in the WHATWG encoder, the first one wins,
      // except that the NEC-selected IBM rows (lead 0xED–0xEE) give way to the IBM rows.
      const existing = table.get(codePoint);
      if (existing !== undefined && !(existing >> 8 === 0xed || existing >> 8 === 0xee)) continue;
      table.set(codePoint, (lead << 8) | trail);
    }
  }
  return table;
}

export function encodeCp932(text: string): Buffer {
  encodingTable ??= buildEncodingTable();
  const bytes: number[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint <= 0x80) {
      // CP932 keeps 0x80 as U+0080.
      bytes.push(codePoint);
    } else if (codePoint >= 0xff61 && codePoint <= 0xff9f) {
      // Half-width katakana are single bytes 0xA1–0xDF.
      bytes.push(codePoint - 0xff61 + 0xa1);
    } else if (codePoint === 0xa5 || codePoint === 0x203e) {
      // ¥ and ‾ share 0x5C and 0x7E with \ and ~ in Shift_JIS.
      bytes.push(codePoint === 0xa5 ? 0x5c : 0x7e);
    } else {
      const pair = encodingTable.get(codePoint);
      if (pair === undefined) bytes.push(0x3f);
      else bytes.push(pair >> 8, pair & 0xff);
    }
  }
  return Buffer.from(bytes);
}
