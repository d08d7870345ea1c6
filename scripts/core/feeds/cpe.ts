/**
 * CPE 2.2 URI (`cpe:/a:vendor:product:1.0::edition`) → CPE 2.3 formatted string, following the
 * unbinding rules of NISTIR 7695 (sections 6.1.3 and 6.2.2): empty components are ANY (`*`),
 * `%01`/`%02` are the `?`/`*` wildcards, a packed edition (`~ed~sw~tsw~thw~other`) is unpacked, and
 * characters other than letters, digits, `_`, `-` and `.` are quoted with a backslash.
 */

const URI_COMPONENTS = 7; // part, vendor, product, version, update, edition, language

/** CPE 2.3 formatted string for a 2.3 string (returned unchanged) or a 2.2 URI; undefined otherwise. */
export function toCpe23(cpe: string): string | undefined {
  const trimmed = cpe.trim();
  if (/^cpe:2\.3:[aho*-]:/i.test(trimmed)) return trimmed;
  if (!/^cpe:\/[aho]?(:|$)/i.test(trimmed)) return undefined;
  const raw = trimmed.slice(5).split(":");
  if (raw.length > URI_COMPONENTS) return undefined;
  const values: string[] = [];
  for (let i = 0; i < URI_COMPONENTS; i++) {
    const component = raw[i] ?? "";
    if (i === 5 && component.startsWith("~")) {
      const packed = component.slice(1).split("~");
      if (packed.length !== 5) return undefined;
      const unpacked = packed.map(unbind);
      if (unpacked.includes(undefined)) return undefined;
      values.push(...(unpacked as string[]));
      continue;
    }
    const value = unbind(component);
    if (value === undefined) return undefined;
    values.push(value);
  }
  // Formatted string order: part vendor product version update edition language sw_edition target_sw target_hw other
  const [part, vendor, product, version, update, edition, ...rest] = values;
  const tail =
    rest.length === 5 ? [rest[4], rest[0], rest[1], rest[2], rest[3]] : [rest[0], "*", "*", "*", "*"];
  return ["cpe", "2.3", part, vendor, product, version, update, edition, ...tail].join(":");
}

/** One URI component → formatted-string value, or undefined when it is not well formed. */
function unbind(component: string): string | undefined {
  if (component === "") return "*";
  if (component === "-") return "-";
  let out = "";
  for (let i = 0; i < component.length; i++) {
    const c = component[i]!;
    if (c === "%") {
      const hex = component.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/i.test(hex)) return undefined;
      i += 2;
      if (hex === "01") out += "?";
      else if (hex === "02") out += "*";
      else out += quote(String.fromCharCode(Number.parseInt(hex, 16)));
    } else {
      out += quote(c.toLowerCase());
    }
  }
  return out;
}

function quote(c: string): string {
  return /[A-Za-z0-9_.-]/.test(c) ? c : `\\${c}`;
}
