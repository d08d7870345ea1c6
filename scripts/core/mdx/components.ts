/**
 * The only components an advisory body may use, with their allowed attributes and values. The site
 * renders each to plain HTML (scripts/core/mdx/render.ts); anything else in a body is refused.
 */
export interface ComponentSpec {
  /** Attribute name → allowed literal values (empty list: any text). */
  attributes: Record<string, readonly string[]>;
  required: readonly string[];
  description: string;
}

export const ALLOWED_COMPONENTS: Record<string, ComponentSpec> = {
  Callout: {
    attributes: { type: ["note", "tip", "warning", "important"], title: [] },
    required: ["type"],
    description: 'A highlighted box: <Callout type="warning">Apply the fix now.</Callout>',
  },
};
