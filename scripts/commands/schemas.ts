/** `psirt schemas [--write]`: regenerate (or check) schemas/json/*.schema.json from the zod schemas. */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { jsonSchemaText, SCHEMAS, type SchemaKind } from "../../schemas/index.ts";
import { EXIT } from "../core/exit-codes.ts";

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { write: { type: "boolean" } } });
  const dir = "schemas/json";
  let stale = 0;
  if (values.write) await mkdir(dir, { recursive: true });
  for (const kind of Object.keys(SCHEMAS) as SchemaKind[]) {
    const path = join(dir, `${kind}.schema.json`);
    const text = jsonSchemaText(kind);
    if (values.write) {
      await writeFile(path, text);
      process.stdout.write(`wrote ${path}\n`);
    } else {
      const current = await readFile(path, "utf8").catch(() => "");
      if (current !== text) {
        stale++;
        process.stdout.write(`${path} is stale: run \`npm run schemas\`\n`);
      }
    }
  }
  return stale > 0 ? EXIT.findings : EXIT.ok;
}
