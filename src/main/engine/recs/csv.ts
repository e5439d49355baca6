/**
 * Split one CSV record (RFC 4180 quoting: fields may be quoted, `""` is a quote inside a quoted
 * field, commas inside quotes do not split). Returns null when a quote is left open.
 */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line.charCodeAt(at) === 34) {
      let value = '';
      let pos = at + 1;
      for (;;) {
        const close = line.indexOf('"', pos);
        if (close < 0) return null;
        value += line.slice(pos, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          pos = close + 2;
          continue;
        }
        pos = close + 1;
        break;
      }
      // Anything between the closing quote and the next comma is kept verbatim.
      const comma = line.indexOf(',', pos);
      value += comma < 0 ? line.slice(pos) : line.slice(pos, comma);
      fields.push(value);
      if (comma < 0) return fields;
      at = comma + 1;
    } else {
      const comma = line.indexOf(',', at);
      if (comma < 0) {
        fields.push(line.slice(at));
        return fields;
      }
      fields.push(line.slice(at, comma));
      at = comma + 1;
    }
  }
}
