/**
 * A small XML well-formedness check for the generated SVG (no XML parser is a dependency): one
 * root element, balanced and properly nested tags, quoted attributes without raw `<` or `&`,
 * no duplicate attributes, and only the predefined or numeric entities in text and attributes.
 * Returns the problems (empty when well-formed) and the element names in document order.
 */
const NAME = "[A-Za-z_][A-Za-z0-9_.:-]*";
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

export function checkXml(text: string): { problems: string[]; elements: string[] } {
  const problems: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const checkText = (s: string, where: string) => {
    if (s.replace(ENTITY, "").includes("&")) problems.push(`${where}: unescaped &`);
    if (s.includes("<")) problems.push(`${where}: raw <`);
  };
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, "y");
  const attr = new RegExp(`(${NAME})\\s*=\\s*("([^"]*)"|'([^']*)')`, "g");
  let i = 0;
  const body = text.replace(/^<\?xml[^>]*\?>\s*/, "");
  while (i < body.length) {
    const lt = body.indexOf("<", i);
    const chunk = lt === -1 ? body.slice(i) : body.slice(i, lt);
    if (stack.length === 0 && chunk.trim() !== "")
      problems.push(`text outside the root: ${chunk.trim().slice(0, 30)}`);
    checkText(chunk, `text at ${i}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${body.slice(lt, lt + 40)}`);
      break;
    }
    const [, close, name, attrs, selfClose] = m;
    if (close) {
      if (attrs || selfClose) problems.push(`closing tag </${name}> with attributes`);
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else {
      if (stack.length === 0) roots++;
      elements.push(name!);
      const seen = new Set<string>();
      for (const a of attrs!.matchAll(attr)) {
        if (seen.has(a[1]!)) problems.push(`<${name}>: duplicate attribute ${a[1]}`);
        seen.add(a[1]!);
        checkText(a[3] ?? a[4] ?? "", `<${name} ${a[1]}>`);
      }
      if (!selfClose) stack.push(name!);
    }
    i = lt + m[0].length;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(" > ")}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return { problems, elements };
}
