/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes), enough
 * for the KEV and EPSS files. Rows carry their 1-based starting line for diagnostics.
 */

export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvParse {
  rows: CsvRow[];
  /** Set when the text ends inside a quoted field (a truncated file). */
  unterminatedQuoteAt?: number;
}

/** Splits CSV text into rows of fields; blank lines are skipped. */
export function parseCsv(text: string, startLine = 1): CsvParse {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = startLine;
  let rowLine = startLine;
  let inQuotes = false;
  let quoteLine = 0;
  let rowHasContent = false;

  const endRow = () => {
    if (rowHasContent || fields.length > 0 || field !== "") {
      fields.push(field);
      rows.push({ line: rowLine, fields });
    }
    fields = [];
    field = "";
    rowHasContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      quoteLine = line;
      rowHasContent = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      rowHasContent = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { rows, unterminatedQuoteAt: quoteLine };
  endRow();
  return { rows };
}
