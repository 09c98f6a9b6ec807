// Pure: the config file's text with the canary: section's keys set, the rest of the YAML (comments, order) as it was.
import { isMap, parseDocument } from 'yaml';

export interface SectionEdit {
  readonly text: string;
  /** The keys whose value changed (empty: the file already said this). */
  readonly changed: readonly string[];
}

/** Sets `canary.<key>` to each value; a missing canary: section is appended. Throws when the file is not a YAML mapping. */
export function editCanarySection(text: string, values: Readonly<Record<string, string>>): SectionEdit {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw doc.errors[0]!;
  if (!isMap(doc.contents)) throw new Error('the config is not a YAML mapping');
  const changed: string[] = [];
  if (!doc.has('canary') || doc.get('canary') === null) doc.set('canary', doc.createNode({}));
  const section = doc.get('canary');
  if (!isMap(section)) throw new Error('canary: is not a mapping');
  for (const [k, v] of Object.entries(values)) {
    if (section.get(k) === v) continue;
    section.set(k, v);
    changed.push(k);
  }
  return { text: changed.length ? doc.toString({ flowCollectionPadding: false, lineWidth: 0 }) : text, changed };
}

/** The section as YAML, for configs cortado cannot edit (JSON, Jsonnet): what to add by hand. */
export const sectionSnippet = (values: Readonly<Record<string, string>>): string =>
  ['canary:', ...Object.entries(values).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
