/** The content schemas by kind, and their JSON Schema rendering for editors (schemas/json/). */
import { z } from "zod";
import { AdvisoryFrontMatter } from "./advisory.ts";
import { FeedsConfig } from "./feeds-config.ts";
import { Incident } from "./incident.ts";
import { Product } from "./product.ts";
import { Recipients } from "./recipients.ts";
import { Vendor } from "./vendor.ts";

export const SCHEMAS = {
  advisory: {
    schema: AdvisoryFrontMatter,
    title: "PSIRT advisory front matter (advisories/<YYYY>/<ID>.mdx)",
  },
  feeds: { schema: FeedsConfig, title: "PSIRT threat-feed sources (inventory/feeds.yaml)" },
  incident: { schema: Incident, title: "PSIRT incident (incidents/<YYYY>/<ID>.yaml)" },
  product: { schema: Product, title: "PSIRT product (inventory/products/<id>.yaml)" },
  recipients: {
    schema: Recipients,
    title: "PSIRT notification recipients (inventory/recipients.yaml)",
  },
  vendor: { schema: Vendor, title: "PSIRT vendor settings (inventory/vendor.yaml)" },
} as const;

export type SchemaKind = keyof typeof SCHEMAS;

/** The JSON Schema file for `kind`, as written to schemas/json/<kind>.schema.json. */
export function jsonSchemaText(kind: SchemaKind): string {
  const { schema, title } = SCHEMAS[kind];
  const json = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  const out = { $schema: json.$schema, $id: `${kind}.schema.json`, title, ...json };
  return `${JSON.stringify(out, null, 2)}\n`;
}
