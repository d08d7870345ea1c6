/** Turns untrusted bytes into text, or a finding saying why not (size, encoding, binary, empty). */
import type { Finding } from "../finding.ts";

/** Largest file the loader reads; SBOMs may be larger than hand-written files. */
export const MAX_TEXT_BYTES = 1024 * 1024;
export const MAX_SBOM_BYTES = 32 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function fileFinding(file: string, message: string, hint: string, code = "PSIRT-E001"): Finding {
  return { code, severity: "error", file, pointer: "", line: 1, column: 1, message, hint };
}

/** Decodes `bytes` as UTF-8 text, refusing oversized, empty, binary and non-UTF-8 content. */
export function decodeText(
  file: string,
  bytes: Uint8Array,
  maxBytes = MAX_TEXT_BYTES,
): { ok: true; text: string } | { ok: false; finding: Finding } {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      finding: fileFinding(
        file,
        `file is larger than the limit of ${maxBytes} bytes`,
        "split the content or remove what does not belong in this file",
      ),
    };
  }
  if (bytes.length === 0) {
    return { ok: false, finding: fileFinding(file, "file is empty", "add the content or delete the file") };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      finding: fileFinding(
        file,
        `binary content: NUL byte at offset ${nul}`,
        "this must be a UTF-8 text file",
      ),
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      ok: false,
      finding: fileFinding(file, "file is not valid UTF-8", "re-save the file with UTF-8 encoding"),
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    return {
      ok: false,
      finding: fileFinding(file, "file contains only whitespace", "add the content or delete the file"),
    };
  }
  return { ok: true, text };
}

/**
 * `text` with Windows (CRLF) and old Mac (CR) line breaks read as LF, as YAML 1.2 and CommonMark
 * read them. Lines and columns stay those of the file: only the line breaks change.
 */
export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}
